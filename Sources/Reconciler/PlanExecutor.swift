import AWSClient
import Foundation
import Planner

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
        /// Steps not started because the run was interrupted.
        public var notStarted: [String] = []
        public var succeeded: Bool { failures.isEmpty && skipped.isEmpty && notStarted.isEmpty }

        /// What was done, counted as the plan counts it.
        public var summary: Plan.Summary {
            Plan.Summary(counting: completed)
        }
    }

    let ecr: ECRClient
    let parallelism: Int
    let clock: @Sendable () -> Date
    let report: @Sendable (Event) -> Void
    /// Asked before each step starts; `true` (Ctrl-C) means start no more.
    let shouldStop: @Sendable () -> Bool
    let settling: Settling

    public init(ecr: ECRClient, parallelism: Int = 8, clock: @escaping @Sendable () -> Date = { Date() },
                settling: Settling = Settling(), shouldStop: @escaping @Sendable () -> Bool = { false },
                report: @escaping @Sendable (Event) -> Void) {
        self.ecr = ecr
        self.parallelism = parallelism
        self.clock = clock
        self.settling = settling
        self.shouldStop = shouldStop
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
        if outcome.failures.isEmpty && outcome.notStarted.isEmpty {
            await run(deletions, parallel: true, account: plan.accountID, into: &outcome)
        } else {
            for change in deletions {
                report(.skipped(address: change.address, reason: "not destroyed because an earlier step failed or the run was interrupted"))
                outcome.skipped.append(change.address)
            }
        }
        return outcome
    }

    private func run(_ changes: [ResourceChange], parallel: Bool, account: String, into outcome: inout Outcome) async {
        enum StepResult: Sendable {
            case done, failed(String), notStarted
        }
        let results = (try? await concurrentMap(changes, limit: parallel ? parallelism : 1) { change -> (ResourceChange, StepResult) in
            guard !self.shouldStop() else { return (change, .notStarted) }
            self.report(.started(address: change.address, action: change.action))
            let start = self.clock()
            do {
                try await self.execute(change, account: account)
                self.report(.finished(address: change.address, action: change.action, seconds: self.clock().timeIntervalSince(start)))
                return (change, .done)
            } catch {
                let message = "\(error)"
                self.report(.failed(address: change.address, action: change.action, message: message))
                return (change, .failed(message))
            }
        }) ?? []
        for (change, result) in results {
            switch result {
            case .done: outcome.completed.append(change)
            case .notStarted: outcome.notStarted.append(change.address)
            case .failed(let message): outcome.failures[change.address] = message
            }
        }
    }

    // MARK: One resource

    func execute(_ change: ResourceChange, account: String) async throws {
        if let name = change.repositoryName {
            let steps = RepositorySteps(ecr: ecr, name: name, change: change, accountID: account, settling: settling)
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
        try await RegistrySteps(ecr: ecr, change: change, settling: settling).apply()
    }
}
