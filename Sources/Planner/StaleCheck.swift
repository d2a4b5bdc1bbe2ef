
/// Whether a saved plan still describes ECR: every resource it touches must look as it did
/// when the plan was made. Applying a plan made against another state could undo someone
/// else's change, so any difference refuses the whole plan.
public enum StaleCheck {
    /// The differences, in words; empty when the plan may be applied.
    public static func differences(_ plan: Plan, live: LiveRegistry) -> [String] {
        let partition = Identifiers.partition(forRegion: live.region)
        var differences: [String] = []
        for change in plan.actions {
            if let name = change.repositoryName {
                differences += repository(change, live: live.repositories[name], partition: partition)
            } else {
                let fresh = RegistryDiff.liveAttributes(change.address, live: live, partition: partition)
                for attribute in change.attributes where fresh[attribute.name] != attribute.before {
                    differences.append("\(change.address): \(attribute.name) changed since the plan was made")
                }
            }
        }
        return differences
    }

    private static func repository(_ change: ResourceChange, live: LiveRepository?, partition: String) -> [String] {
        switch (change.action, live) {
        case (.create, nil): return []
        case (.create, _?): return ["\(change.address): created by someone else since the plan was made"]
        case (_, nil): return ["\(change.address): deleted by someone else since the plan was made"]
        case (_, let live?):
            if change.action == .delete || change.action == .replace, let images = change.images, let now = live.images, images != now {
                return ["\(change.address): holds \(now.count) images now, \(images.count) when the plan was made"]
            }
            return change.attributes.compactMap { attribute in
                guard attribute.before != nil || change.action != .delete else { return nil }
                var fresh = RepositoryDiff.liveValue(attribute.name, of: live, partition: partition)
                if attribute.partial, case .object(let all)? = fresh {
                    // Only the prune mark is managed: other tags are not the plan's business.
                    let keys = Set(attribute.after?.objectValue?.keys.map { $0 } ?? [])
                    fresh = .object(all.filter { keys.contains($0.key) })
                }
                if attribute.name == "kms_key", let before = attribute.before?.stringValue, let now = fresh?.stringValue,
                    RepositoryDiff.kmsKey(before, matches: now) {
                    return nil
                }
                return fresh == attribute.before ? nil : "\(change.address): \(attribute.name) changed since the plan was made"
            }
        }
    }
}
