import AWSClient
import Planner

/// The registry policy: read with GetRegistryPolicy, set with PutRegistryPolicy (waiting
/// for IAM to know a principal it names), removed with DeleteRegistryPolicy.
enum RegistryPolicySteps: KindSteps {
    static let kind = ResourceKind.registryPolicy

    static func read(_ ecr: ECRClient, scope: ReadScope, into live: inout LiveRegistry) async throws {
        live.registryPolicy = LiveRegistryReader.policy(try await ecr.getRegistryPolicy())
    }

    static func apply(_ change: ResourceChange, _ context: StepContext) async throws {
        if let policy = RegistryPolicyPlanner.planned(change) {
            try await context.settling.onPolicy(policy, kind: .registry) { try await context.ecr.putRegistryPolicy(text: policy) }
        } else {
            try await alreadyGone { try await context.ecr.deleteRegistryPolicy() }
        }
    }
}
