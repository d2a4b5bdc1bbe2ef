/// How the planner handles one kind of object. Each kind is one file under `Kinds/` and one
/// line in `PlannerKinds.all`; a test checks that the line exists for every `ResourceKind`.
public protocol KindPlanner: Sendable {
    static var kind: ResourceKind { get }
    /// Whether the spec owns objects of this kind, so ECR's must be read.
    static func isDeclared(in desired: DesiredRegistry) -> Bool
    /// Every change of this kind, no-ops included.
    static func changes(_ context: DiffContext) -> [ResourceChange]
    /// What only the live identity (account, region) shows ECR would refuse.
    static func refusals(_ context: DiffContext) -> [Refusal]
    /// The attributes of a planned change that ECR no longer holds as the plan saw them:
    /// names, for the stale check.
    static func staleAttributes(of change: ResourceChange, live: LiveRegistry, partition: String) -> [String]
}

extension KindPlanner {
    public static func refusals(_ context: DiffContext) -> [Refusal] { [] }
}

/// What every kind's diff reads: the spec, what ECR has, and the partition ARNs are written in.
public struct DiffContext: Sendable {
    public let desired: DesiredRegistry
    public let live: LiveRegistry
    public let partition: String

    public init(desired: DesiredRegistry, live: LiveRegistry) {
        self.desired = desired
        self.live = live
        partition = Identifiers.partition(forRegion: live.region)
    }
}

/// The planner's table of kinds, in plan order.
public enum PlannerKinds {
    public static let all: [any KindPlanner.Type] = [
        AccountSettingPlanner.self,
        RepositoryPlanner.self,
        CreationTemplatePlanner.self,
        PullThroughCacheRulePlanner.self,
        ReplicationPlanner.self,
        RegistryScanningPlanner.self,
        RegistryPolicyPlanner.self,
        SigningPlanner.self,
        PullTimeUpdateExclusionsPlanner.self,
    ]

    /// The kinds the spec owns objects of.
    public static func declared(in desired: DesiredRegistry) -> Set<ResourceKind> {
        var kinds: Set<ResourceKind> = []
        for planner in all where planner.isDeclared(in: desired) { kinds.insert(planner.kind) }
        return kinds
    }

    public static func planner(for kind: ResourceKind) -> any KindPlanner.Type {
        guard let planner = all.first(where: { $0.kind == kind }) else { preconditionFailure("no planner for \(kind)") }
        return planner
    }
}

/// A registry-wide object owned whole: created when ECR has none, destroyed when the spec
/// says none, updated when any attribute differs.
enum RegistryObjectChange {
    static func make(_ address: Address, _ attributes: [AttributeChange], existsBefore: Bool, existsAfter: Bool) -> ResourceChange {
        guard attributes.contains(where: \.changes) else { return ResourceChange(address: address, action: .noOp, attributes: attributes) }
        switch (existsBefore, existsAfter) {
        case (false, _): return ResourceChange(address: address, action: .create, attributes: attributes)
        case (true, false): return ResourceChange(address: address, action: .delete, reason: "the spec says there is none", attributes: attributes)
        case (true, true): return ResourceChange(address: address, action: .update, attributes: attributes)
        }
    }

    /// The planned attributes whose live value is no longer the plan's `before`.
    static func stale(_ change: ResourceChange, fresh: [String: JSONValue?]) -> [String] {
        change.attributes.filter { fresh[$0.name] != $0.before }.map(\.name)
    }
}
