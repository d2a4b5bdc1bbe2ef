import AWSClient
import Planner

/// Plans a spec against ECR and checks saved plans: reading (the fewest calls), planning
/// (pure), and counting the images of whatever a plan would destroy.
public struct Reconciliation: Sendable {
    public let reader: LiveRegistryReader
    public let accountID: String

    public init(ecr: ECRClient, accountID: String, parallelism: Int = 8, imageProgress: (@Sendable (String, Int) -> Void)? = nil,
                repositoryProgress: (@Sendable (Int, Int) -> Void)? = nil) {
        reader = LiveRegistryReader(ecr: ecr, parallelism: parallelism, imageProgress: imageProgress, repositoryProgress: repositoryProgress)
        self.accountID = accountID
    }

    public func plan(_ desired: DesiredRegistry, options: Planner.Options = Planner.Options()) async throws -> Plan {
        var live = try await reader.read(ReadScope(planning: desired).restricted(to: options.targets), accountID: accountID)
        let unmatched = Planner.unmatchedTargets(options.targets, desired: desired, live: live)
        guard unmatched.isEmpty else { throw UnmatchedTargets(targets: unmatched) }
        let plan = Planner.plan(desired: desired, live: live, options: options)
        // Images are read only where the plan would destroy them or change what a lifecycle
        // policy expires; then the plan is made again with them.
        let needed = Self.destructive(plan) + (options.now == nil ? [] : Self.lifecycleChanges(plan))
        guard !needed.isEmpty else { return plan }
        try await reader.readImages(in: &live, repositories: needed)
        return Planner.plan(desired: desired, live: live, options: options)
    }

    /// What has changed in ECR since `plan` was made, in words; empty when it may be applied.
    public func staleness(of plan: Plan) async throws -> [String] {
        var live = try await reader.read(ReadScope(checking: plan), accountID: accountID)
        try await reader.readImages(in: &live, repositories: Self.destructive(plan))
        return StaleCheck.differences(plan, live: live)
    }

    static func lifecycleChanges(_ plan: Plan) -> [String] {
        plan.changes.filter { $0.action == .update && $0.attribute("lifecycle_policy")?.changes == true }.compactMap(\.repositoryName)
    }

    static func destructive(_ plan: Plan) -> [String] {
        plan.changes.filter { $0.action == .replace || $0.action == .delete }.compactMap(\.repositoryName)
    }
}

/// `--target` addresses that name nothing in the spec or in ECR: an error, not an empty plan.
public struct UnmatchedTargets: Error, CustomStringConvertible {
    public var targets: [(target: Address, suggestion: Address?)]

    public var description: String {
        targets.map { target, suggestion in
            "--target \(target) matches nothing in the spec or in ECR" + (suggestion.map { " (did you mean \($0)?)" } ?? "")
        }.joined(separator: "\n")
    }
}
