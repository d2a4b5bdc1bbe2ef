import AWSClient
import Foundation
import Planner
import Spec

/// Carries out a plan, exactly as it stands: it decides nothing. Order: repositories are
/// created and updated first (their policies with them), `parallelism` at a time; then the
/// registry-wide objects, which may name those repositories; deletions last, and only when
/// everything before them succeeded.
public struct PlanExecutor: Sendable {
    public enum Event: Sendable, Equatable {
        case started(address: String, action: ResourceChange.Action)
        case finished(address: String, action: ResourceChange.Action, seconds: Double)
        case failed(address: String, action: ResourceChange.Action, message: String)
        case skipped(address: String, reason: String)
    }

    public struct Outcome: Sendable, Equatable {
        public var completed: [ResourceChange] = []
        public var failures: [String: String] = [:]
        public var skipped: [String] = []
        public var succeeded: Bool { failures.isEmpty && skipped.isEmpty }

        /// What was done, counted as the plan counts it.
        public var summary: Plan.Summary {
            Plan(region: "", accountID: "", changes: completed).summary
        }
    }

    let ecr: ECRClient
    let parallelism: Int
    let clock: @Sendable () -> Date
    let report: @Sendable (Event) -> Void

    public init(ecr: ECRClient, parallelism: Int = 8, clock: @escaping @Sendable () -> Date = { Date() },
                report: @escaping @Sendable (Event) -> Void) {
        self.ecr = ecr
        self.parallelism = parallelism
        self.clock = clock
        self.report = report
    }

    public func apply(_ plan: Plan) async -> Outcome {
        let actions = plan.actions
        let isDeletion = { (change: ResourceChange) in change.action == .delete }
        let repositories = actions.filter { $0.repositoryName != nil && !isDeletion($0) }
        let registry = actions.filter { $0.repositoryName == nil && !isDeletion($0) }
        let deletions = actions.filter(isDeletion)

        var outcome = Outcome()
        await run(repositories, parallel: true, account: plan.accountID, into: &outcome)
        await run(registry, parallel: false, account: plan.accountID, into: &outcome)
        if outcome.failures.isEmpty {
            await run(deletions, parallel: true, account: plan.accountID, into: &outcome)
        } else {
            for change in deletions {
                report(.skipped(address: change.address, reason: "not destroyed because an earlier step failed"))
                outcome.skipped.append(change.address)
            }
        }
        return outcome
    }

    private func run(_ changes: [ResourceChange], parallel: Bool, account: String, into outcome: inout Outcome) async {
        let results = (try? await concurrentMap(changes, limit: parallel ? parallelism : 1) { change -> (ResourceChange, String?) in
            self.report(.started(address: change.address, action: change.action))
            let start = self.clock()
            do {
                try await self.execute(change, account: account)
                self.report(.finished(address: change.address, action: change.action, seconds: self.clock().timeIntervalSince(start)))
                return (change, nil)
            } catch {
                let message = "\(error)"
                self.report(.failed(address: change.address, action: change.action, message: message))
                return (change, message)
            }
        }) ?? []
        for (change, failure) in results {
            if let failure { outcome.failures[change.address] = failure } else { outcome.completed.append(change) }
        }
    }

    // MARK: One resource

    func execute(_ change: ResourceChange, account: String) async throws {
        if let name = change.repositoryName {
            let steps = RepositorySteps(ecr: ecr, name: name, change: change, accountID: account)
            switch change.action {
            case .create: try await steps.create()
            case .update: try await steps.update()
            case .replace:
                try await steps.delete()
                try await steps.create()
            case .delete: try await steps.delete()
            case .noOp: break
            }
            return
        }
        try await RegistrySteps(ecr: ecr, change: change).apply()
    }
}
