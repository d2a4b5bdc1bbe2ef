import AWSClient
import Foundation
import Planner

/// Carries out a plan, exactly as it stands: it decides nothing. Order: by each kind's apply
/// stage (repositories first, their policies with them, `parallelism` at a time; then the
/// registry-wide objects, which may name those repositories); deletions last, stages in
/// reverse, and only when everything before them succeeded.
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
        let deletions = actions.filter { $0.action == .delete }
        var outcome = Outcome()
        // Creations and updates stage by stage (repositories, then the registry-wide objects
        // that may name them); within a stage, kind by kind in the table's order.
        for group in Self.groups(actions.filter { $0.action != .delete }, reverse: false) {
            await run(group.changes, parallel: group.parallel, account: plan.accountID, into: &outcome)
        }
        guard outcome.failures.isEmpty && outcome.notStarted.isEmpty else {
            for change in deletions {
                report(.skipped(address: change.address.description, reason: "not destroyed because an earlier step failed or the run was interrupted"))
                outcome.skipped.append(change.address.description)
            }
            return outcome
        }
        for group in Self.groups(deletions, reverse: true) {
            await run(group.changes, parallel: group.parallel, account: plan.accountID, into: &outcome)
        }
        return outcome
    }

    /// The order steps run in: by the kind's apply stage (reversed for deletions), then by
    /// the kinds' table order; each group applied side by side when its kind allows.
    static func groups(_ changes: [ResourceChange], reverse: Bool) -> [(kind: ResourceKind, parallel: Bool, changes: [ResourceChange])] {
        let kinds = ResourceKind.allCases.sorted { reverse ? $0.applyStage > $1.applyStage : $0.applyStage < $1.applyStage }
        return kinds.compactMap { kind in
            let ofKind = changes.filter { $0.kind == kind }
            return ofKind.isEmpty ? nil : (kind, kind.appliesInParallel, ofKind)
        }
    }

    private func run(_ changes: [ResourceChange], parallel: Bool, account: String, into outcome: inout Outcome) async {
        enum StepResult: Sendable {
            case done, failed(String), notStarted
        }
        let results = (try? await concurrentMap(changes, limit: parallel ? parallelism : 1) { change -> (ResourceChange, StepResult) in
            guard !self.shouldStop() else { return (change, .notStarted) }
            let address = change.address.description
            self.report(.started(address: address, action: change.action))
            let start = self.clock()
            do {
                try await ReconcilerKinds.steps(for: change.kind).apply(change, StepContext(ecr: self.ecr, accountID: account, settling: self.settling))
                self.report(.finished(address: address, action: change.action, seconds: self.clock().timeIntervalSince(start)))
                return (change, .done)
            } catch {
                let message = "\(error)"
                self.report(.failed(address: address, action: change.action, message: message))
                return (change, .failed(message))
            }
        }) ?? []
        for (change, result) in results {
            switch result {
            case .done: outcome.completed.append(change)
            case .notStarted: outcome.notStarted.append(change.address.description)
            case .failed(let message): outcome.failures[change.address.description] = message
            }
        }
    }
}
