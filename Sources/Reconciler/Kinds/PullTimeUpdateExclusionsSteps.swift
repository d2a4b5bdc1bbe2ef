import AWSClient
import Planner

/// Pull-time update exclusions: listed with ListPullTimeUpdateExclusions; the principals the
/// plan adds are registered, those it drops deregistered.
enum PullTimeUpdateExclusionsSteps: KindSteps {
    static let kind = ResourceKind.pullTimeUpdateExclusions

    static func read(_ ecr: ECRClient, scope: ReadScope, into live: inout LiveRegistry) async throws {
        live.pullTimeUpdateExclusions = try await ecr.listPullTimeUpdateExclusions()
    }

    static func apply(_ change: ResourceChange, _ context: StepContext) async throws {
        let planned = try PullTimeUpdateExclusionsPlanner.planned(change)
        for principal in planned.register {
            do {
                try await context.ecr.registerPullTimeUpdateExclusion(principalArn: principal)
            } catch let error as AWSError where error.code == "ExclusionAlreadyExistsException" {
                continue  // registered meanwhile: the plan's end state
            }
        }
        for principal in planned.deregister {
            try await alreadyGone { try await context.ecr.deregisterPullTimeUpdateExclusion(principalArn: principal) }
        }
    }
}
