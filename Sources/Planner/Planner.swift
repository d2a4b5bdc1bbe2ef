import Foundation

/// The diff of a spec against ECR: a pure function of its inputs. No clock, no network, no
/// environment; the same (desired, live, options) always gives the same plan.
public enum Planner {
    public struct Options: Sendable, Equatable {
        /// `--allow-delete-images`: a repository holding images may be replaced or deleted.
        public var allowDeleteImages: Bool
        /// `--target`: only these addresses are planned (all when empty).
        public var targets: Set<Address>
        /// The time lifecycle policies are evaluated at; without it, their effect is not measured.
        public var now: Date?
        /// Refuse a lifecycle policy change that would expire more images than this in a repository.
        public var maxExpire: Int?

        public init(allowDeleteImages: Bool = false, targets: Set<Address> = [], now: Date? = nil, maxExpire: Int? = nil) {
            self.allowDeleteImages = allowDeleteImages
            self.targets = targets
            self.now = now
            self.maxExpire = maxExpire
        }
    }

    public static func plan(desired: DesiredRegistry, live: LiveRegistry, options: Options = Options()) -> Plan {
        let context = DiffContext(desired: desired, live: live)
        var changes = PlannerKinds.all.flatMap { $0.changes(context) }
        var refusals: [Refusal] = []

        if !options.targets.isEmpty {
            changes = changes.filter { options.targets.contains($0.address) }
        }
        if let now = options.now {
            for index in changes.indices {
                guard let name = changes[index].repositoryName, let records = live.repositories[name]?.imageRecords,
                    let attribute = changes[index].attribute(RepositoryPlanner.Attribute.lifecyclePolicy.rawValue), attribute.changes,
                    let after = attribute.after.flatMap(LifecyclePolicy.init(json:))
                else { continue }
                let before = attribute.before.flatMap(LifecyclePolicy.init(json:))
                let impact = LifecycleChange(
                    after: LifecycleImpact(LifecycleEvaluator.evaluate(after, images: records, now: now), of: records.count),
                    before: before.map { LifecycleImpact(LifecycleEvaluator.evaluate($0, images: records, now: now), of: records.count) })
                changes[index].lifecycle = impact
                if let limit = options.maxExpire, impact.after.expire > limit {
                    refusals.append(Refusal(.lifecycleExpiresTooMany, at: changes[index].address,
                                            ["count": String(impact.after.expire), "limit": String(limit)]))
                }
            }
        }
        // Only repositories hold images; a registry object (a policy, replication) may go freely.
        for change in changes where change.kind.holdsImages && (change.action == .replace || change.action == .delete) {
            let allowed = options.allowDeleteImages || (change.action == .delete && desired.prune?.allowDeleteImages == true)
            if let refusal = imageRefusal(change, allowed: allowed) { refusals.append(refusal) }
        }
        refusals += PlannerKinds.all.flatMap { $0.refusals(context) }
        return Plan(region: live.region, accountID: live.accountID, changes: changes, unmanagedRepositories: RepositoryPlanner.unmanaged(context),
                    refusals: refusals, coverage: Coverage.of(desired, live: live))
    }

    /// The targets that name no object of the spec or of ECR, each with the nearest address
    /// that does (the did-you-mean), when one is near.
    public static func unmatchedTargets(_ targets: Set<Address>, desired: DesiredRegistry, live: LiveRegistry) -> [(target: Address, suggestion: Address?)] {
        guard !targets.isEmpty else { return [] }
        let known = Set(plan(desired: desired, live: live).changes.map(\.address))
            .union(live.repositories.keys.map { Address.repository($0) })
        return targets.subtracting(known).sorted().map { target in
            let nearest = known.map { ($0, EditDistance.between(target.description, $0.description)) }.min { ($0.1, $0.0) < ($1.1, $1.0) }
            let near = nearest.flatMap { $0.1 <= max(2, target.description.count / 4) ? $0.0 : nil }
            return (target, near)
        }
    }

    private static func imageRefusal(_ change: ResourceChange, allowed: Bool) -> Refusal? {
        guard !allowed else { return nil }
        let action = change.action == .replace ? "replace" : "delete"
        guard let images = change.images else { return Refusal(.imagesNotCounted, at: change.address, ["action": action]) }
        guard images.count > 0 else { return nil }
        return Refusal(.imagesWouldBeDestroyed, at: change.address,
                       ["action": action, "count": String(images.count), "bytes": String(images.bytes)])
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
