import AWSClient
import Planner

/// How one kind of object is read from ECR and changed in it. Each kind is one file under
/// `Kinds/` and one line in `ReconcilerKinds.all`; a test checks the line exists for every
/// `ResourceKind`. Steps receive typed values (the kind's planner reads them from the change).
protocol KindSteps: Sendable {
    static var kind: ResourceKind { get }
    /// Reads what ECR holds of this kind into `live` (what `scope` asks of it).
    static func read(_ ecr: ECRClient, scope: ReadScope, into live: inout LiveRegistry) async throws
    /// Carries out one planned change of this kind.
    static func apply(_ change: ResourceChange, _ context: StepContext) async throws
}

/// What every step needs: the client, the account it acts in, and how to wait for ECR.
struct StepContext: Sendable {
    let ecr: ECRClient
    let accountID: String
    let settling: Settling
}

/// The reconciler's table of kinds.
enum ReconcilerKinds {
    static let all: [any KindSteps.Type] = [
        AccountSettingSteps.self,
        RepositorySteps.self,
        CreationTemplateSteps.self,
        PullThroughCacheRuleSteps.self,
        ReplicationSteps.self,
        RegistryScanningSteps.self,
        RegistryPolicySteps.self,
        SigningSteps.self,
        PullTimeUpdateExclusionsSteps.self,
    ]

    static func steps(for kind: ResourceKind) -> any KindSteps.Type {
        guard let steps = all.first(where: { $0.kind == kind }) else { preconditionFailure("no steps for \(kind)") }
        return steps
    }

    /// The kinds in the table, for the test that checks it against `ResourceKind.allCases`.
    static var kinds: [ResourceKind] {
        var kinds: [ResourceKind] = []
        for steps in all { kinds.append(steps.kind) }
        return kinds
    }
}

/// A deletion whose object is already gone has done its job.
func alreadyGone(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as AWSError where error.isNotFound {
        return
    }
}
