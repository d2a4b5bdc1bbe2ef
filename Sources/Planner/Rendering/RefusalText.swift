/// A refusal in words: what every rendering of a plan prints. The plan holds the code and
/// the facts; the flags and spec keys a user can reach for are named here, not in the planner.
public enum RefusalText {
    public static func describe(_ refusal: Refusal) -> String {
        let fields = refusal.fields
        let address = refusal.address?.description ?? "plan"
        switch refusal.code {
        case .imagesWouldBeDestroyed:
            let action = fields["action"] ?? "delete"
            let count = Int(fields["count"] ?? "") ?? 0
            let bytes = Int64(fields["bytes"] ?? "") ?? 0
            let how = action == "replace"
                ? "pass --allow-delete-images to destroy them"
                : "pass --allow-delete-images, or set prune.allow_delete_images: true, to destroy them"
            return "\(address): \(action) would destroy \(count) image\(count == 1 ? "" : "s") (\(ByteCount.format(bytes))); \(how)"
        case .imagesNotCounted:
            return "\(address): cannot \(fields["action"] ?? "delete") it: the images it holds could not be counted"
        case .lifecycleExpiresTooMany:
            return "\(address): the new lifecycle policy would expire \(fields["count"] ?? "?") images now, "
                + "more than the limit of \(fields["limit"] ?? "?") (--max-expire or registry.max_expire); raise it if that is intended"
        case .replicatesToItself:
            let region = fields["region"] ?? "?", account = fields["account"] ?? "?"
            return "\(address): rule \(fields["rule"] ?? "?") replicates to this registry itself (\(region), "
                + "account \(account)); ECR refuses it (\"Replication destination cannot be the same as the "
                + "source registry\"): name another region or account"
        case .recorded:
            return fields["words"] ?? "refused"
        }
    }
}
