import Foundation

/// The diff of a spec against ECR: a pure function of its inputs. No clock, no network, no
/// environment; the same (desired, live, options) always gives the same plan.
public enum Planner {
    public struct Options: Sendable, Equatable {
        /// `--allow-delete-images`: a repository holding images may be replaced or deleted.
        public var allowDeleteImages: Bool
        /// `--target`: only these addresses are planned (all when empty).
        public var targets: Set<String>
        /// The time lifecycle policies are evaluated at; without it, their effect is not measured.
        public var now: Date?
        /// Refuse a lifecycle policy change that would expire more images than this in a repository.
        public var maxExpire: Int?

        public init(allowDeleteImages: Bool = false, targets: Set<String> = [], now: Date? = nil, maxExpire: Int? = nil) {
            self.allowDeleteImages = allowDeleteImages
            self.targets = targets
            self.now = now
            self.maxExpire = maxExpire
        }
    }

    public static func plan(desired: DesiredRegistry, live: LiveRegistry, options: Options = Options()) -> Plan {
        let partition = Identifiers.partition(forRegion: live.region)
        var changes: [ResourceChange] = []
        var refusals: [String] = []
        var unmanaged: [String] = []

        for repository in desired.repositories {
            let change = RepositoryDiff(desired: repository, live: live.repositories[repository.name], prune: desired.prune,
                                        partition: partition).change
            changes.append(change)
        }
        let declared = Set(desired.repositories.map(\.name))
        for (name, repository) in live.repositories where !declared.contains(name) {
            if let prune = desired.prune, RepositoryDiff.prune(prune, owns: repository) {
                changes.append(RepositoryDiff.deletion(of: repository, reason: "not in the spec, and owned through prune"))
            } else {
                unmanaged.append(name)
            }
        }
        changes += RegistryDiff(desired: desired, live: live, partition: partition).changes

        if !options.targets.isEmpty {
            changes = changes.filter { options.targets.contains($0.address) }
        }
        if let now = options.now {
            for index in changes.indices {
                guard let name = changes[index].repositoryName, let records = live.repositories[name]?.imageRecords,
                    let attribute = changes[index].attribute("lifecycle_policy"), attribute.changes,
                    let after = attribute.after.flatMap(LifecyclePolicy.init(json:))
                else { continue }
                let before = attribute.before.flatMap(LifecyclePolicy.init(json:))
                let impact = LifecycleChange(
                    after: LifecycleImpact(LifecycleEvaluator.evaluate(after, images: records, now: now), of: records.count),
                    before: before.map { LifecycleImpact(LifecycleEvaluator.evaluate($0, images: records, now: now), of: records.count) })
                changes[index].lifecycle = impact
                if let limit = options.maxExpire, impact.after.expire > limit {
                    refusals.append("\(changes[index].address): the new lifecycle policy would expire \(impact.after.expire) images now, "
                                    + "more than the limit of \(limit) (--max-expire or registry.max_expire); raise it if that is intended")
                }
            }
        }
        // Only repositories hold images; a registry object (a policy, replication) may go freely.
        for change in changes where change.repositoryName != nil && (change.action == .replace || change.action == .delete) {
            let allowed = options.allowDeleteImages || (change.action == .delete && desired.prune?.allowDeleteImages == true)
            if let refusal = imageRefusal(change, allowed: allowed) { refusals.append(refusal) }
        }
        refusals += identityRefusals(desired, live: live)
        return Plan(region: live.region, accountID: live.accountID, changes: changes, unmanagedRepositories: unmanaged, refusals: refusals)
    }

    /// What ECR refuses and only the live identity (account and region) reveals: caught at
    /// plan, not at apply.
    private static func identityRefusals(_ desired: DesiredRegistry, live: LiveRegistry) -> [String] {
        var refusals: [String] = []
        for (index, rule) in (desired.replication?.rules ?? []).enumerated() {
            for destination in rule.destinations
            where destination.region == live.region && (destination.registryID ?? live.accountID) == live.accountID {
                refusals.append("registry.replication: rule \(index + 1) replicates to this registry itself (\(live.region), "
                                + "account \(live.accountID)); ECR refuses it (\"Replication destination cannot be the same as the "
                                + "source registry\"): name another region or account")
            }
        }
        return refusals
    }

    private static func imageRefusal(_ change: ResourceChange, allowed: Bool) -> String? {
        guard !allowed else { return nil }
        let verb = change.action == .replace ? "replace" : "delete"
        let how = change.action == .replace
            ? "pass --allow-delete-images to destroy them"
            : "pass --allow-delete-images, or set prune.allow_delete_images: true, to destroy them"
        guard let images = change.images else {
            return "\(change.address): cannot \(verb) it: the images it holds could not be counted"
        }
        guard images.count > 0 else { return nil }
        return "\(change.address): \(verb) would destroy \(images.count) image\(images.count == 1 ? "" : "s") "
            + "(\(ByteCount.format(images.bytes))); \(how)"
    }
}

/// `1.2 GiB`, `340 MiB`, `12 KiB`, `512 B`.
public enum ByteCount {
    public static func format(_ bytes: Int64) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(bytes), unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        if unit == 0 { return "\(bytes) B" }
        let rounded = (value * 10).rounded() / 10
        return (rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)) + " " + units[unit]
    }
}
