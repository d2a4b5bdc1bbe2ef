import ArgumentParser
import Foundation
import Planner
import Reconciler
import Spec

extension ECRApply {
    /// `ecr-apply apply`: make ECR match the spec, or carry out a saved plan.
    struct Apply: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change ECR to match the spec (or apply a saved plan).",
            discussion: """
                From a spec: plans, shows the plan and asks for confirmation ("yes"); with \
                --auto-approve it does not ask, and without a terminal it refuses to guess.

                From a saved plan (ecr-apply plan --out plan.json): re-reads every resource \
                the plan touches and applies exactly that plan, or refuses if ECR changed since.

                Examples:
                  ecr-apply apply -f registry.yaml
                  ecr-apply apply --auto-approve          # on merge, in CI
                  ecr-apply apply plan.json
                """
        )

        @Argument(help: "A plan saved with `ecr-apply plan --out`; applied exactly, without asking.")
        var planFile: String?

        @OptionGroup var spec: SpecOptions
        @OptionGroup var aws: AWSOptions
        @OptionGroup var planning: PlanningOptions
        @OptionGroup var output: OutputOptions

        @Flag(name: .customLong("auto-approve"), help: "Apply without asking for confirmation.")
        var autoApprove = false

        @OptionGroup var registries: RegistrySelection

        func run() async throws {
            Interrupts.shared.exitImmediately()
            let color = output.useColor(environment: ProcessInfo.processInfo.environment, stream: .standardOutput)
            try await ExitStatus.conclude(color: color) { try await body(color: color) }
        }

        private func body(color: Bool) async throws {
            let plan: Plan, session: Session
            if let path = planFile {
                switch try Self.readSaved(path) {
                case .several(let saved):
                    try await savedSeveral(saved, path: path, color: color)
                    return
                case .one(let saved):
                    (plan, session) = try await savedPlan(saved, path: path, color: color)
                }
            } else {
                let desired = try PreparedRun.load(spec: spec, color: color)
                let selected = try registries.select(from: desired)
                if desired.isMulti {
                    try await several(desired, selected, color: color)
                    return
                }
                (plan, session) = try await freshPlan(desired.registries[0].registry, color: color)
            }
            guard plan.hasChanges else {
                emit(plan.noChangesLine + "\n")
                return
            }
            Interrupts.shared.stopGracefully()
            let outcome = await PlanExecutor(ecr: session.ecr, parallelism: session.parallelism, settling: session.settling,
                                             shouldStop: { Interrupts.shared.stopRequested }) { event in
                emit(ProgressLine.format(event, color: color))
            }.apply(plan)
            session.reportCalls()
            await session.reportThrottling()
            let done = outcome.summary
            let retried = session.statistics.retries
            let counts = "\(done.add) added, \(done.change) changed, \(done.destroy) destroyed"
                + (retried > 0 ? " (\(retried) request\(retried == 1 ? " was" : "s were") retried)" : "")
            if !outcome.notStarted.isEmpty, outcome.failures.isEmpty {
                emit("\nInterrupted. Done: \(counts); not started: \(outcome.notStarted.sorted().joined(separator: ", ")).\n"
                     + "Run apply again to finish; `ecr-apply plan` shows what is left.\n")
                throw Ending.interrupted
            }
            guard outcome.succeeded else {
                emit("\n")
                for (address, message) in outcome.failures.sorted(by: { $0.key < $1.key }) {
                    printError("\(address): \(message)", color: color)
                }
                throw Ending.failed("apply did not finish: \(counts); \(counted(outcome.failures.count, "resource")) failed"
                                      + (outcome.skipped.isEmpty ? "" : ", \(outcome.skipped.count) skipped")
                                      + (outcome.notStarted.isEmpty ? "" : ", \(outcome.notStarted.count) not started (interrupted)")
                                      + ". Fix the cause and run apply again: it carries on from where ECR is now.")
            }
            emit("\n" + Paint(color)("Apply complete!", .bold, .green) + " Resources: \(counts).\n")
        }

        /// A `registries:` spec: every selected registry planned, one combined plan shown and
        /// confirmed once, then each applied through its own session, side by side. A registry
        /// that fails (not reachable, refused, a step failing) is reported; the others finish.
        private func several(_ desired: DesiredSpec, _ selected: [DeclaredRegistry], color: Bool) async throws {
            let planning = self.planning
            let (report, reached) = await RegistriesRun(spec: desired, selected: planning.registriesTargeted(selected), aws: aws).eachReaching { reached in
                try await reached.session.reconciliation(account: reached.account)
                    .plan(reached.declared.registry, options: planning.plannerOptions(for: reached.declared.registry, named: reached.declared.name))
            }
            emit(report.text(color: color))
            let toApply = report.entries.filter { ($0.plan?.hasChanges ?? false) && ($0.plan?.refusals.isEmpty ?? false) }
            guard !toApply.isEmpty else {
                if !report.failed.isEmpty || report.refused { throw Ending.failed("nothing was changed") }
                return
            }
            if !autoApprove { try confirm(color: color) }
            emit("\n")
            var failures = report.failed.map { "\($0.name): \($0.failure ?? "failed")" }
            failures += report.entries.filter { !($0.plan?.refusals.isEmpty ?? true) }.map { "\($0.name): the plan was refused; nothing was changed there" }
            try await applyEach(toApply.compactMap { entry in
                guard let plan = entry.plan, let registry = reached[entry.name] else { return nil }
                return (entry.name, plan, registry.session)
            }, failures: failures, color: color)
        }

        /// Applies each registry's plan through its own session, side by side; ends with what
        /// was applied where, and the registries that failed (`failures`, and those of this step).
        private func applyEach(_ items: [(name: String, plan: Plan, session: Session)], failures: [String], color: Bool) async throws {
            Interrupts.shared.stopGracefully()
            let results = try await concurrentMap(items, limit: RegistriesRun.fanOut) { name, plan, session -> (String, PlanExecutor.Outcome) in
                let outcome = await PlanExecutor(ecr: session.ecr, parallelism: session.parallelism, settling: session.settling,
                                                 shouldStop: { Interrupts.shared.stopRequested }) { event in
                    emit(ProgressLine.format(event, color: color))
                }.apply(plan)
                return (name, outcome)
            }
            var failures = failures
            emit("\n")
            for (name, outcome) in results {
                let done = outcome.summary
                let counts = "\(done.add) added, \(done.change) changed, \(done.destroy) destroyed"
                if outcome.succeeded {
                    emit("\(name): " + Paint(color)("applied", .green) + ": \(counts).\n")
                } else {
                    for (address, message) in outcome.failures.sorted(by: { $0.key < $1.key }) { printError("\(address): \(message)", color: color) }
                    failures.append("\(name): \(counts); \(counted(outcome.failures.count, "resource")) failed"
                                    + (outcome.skipped.isEmpty ? "" : ", \(outcome.skipped.count) skipped")
                                    + (outcome.notStarted.isEmpty ? "" : ", \(outcome.notStarted.count) not started (interrupted)"))
                }
            }
            let interrupted = results.contains { !$0.1.notStarted.isEmpty }
            if interrupted, failures.count == results.filter({ !$0.1.succeeded }).count, results.allSatisfy({ $0.1.failures.isEmpty }) {
                emit("\nInterrupted:\n  " + failures.sorted().joined(separator: "\n  ") + "\nRun apply again to finish; `ecr-apply plan` shows what is left.\n")
                throw Ending.interrupted
            }
            guard failures.isEmpty else {
                throw Ending.failed("apply did not finish in every registry:\n  " + failures.sorted().joined(separator: "\n  ")
                                    + "\nThe others were applied. Fix the cause and run apply again: it carries on from where ECR is now.")
            }
            emit("\n" + Paint(color)("Apply complete!", .bold, .green) + " \(counted(results.count, "registry", "registries")) applied.\n")
        }

        /// Saved plans of several registries: each reached as saved, checked against ECR as it
        /// is now (a stale or unreachable registry is refused alone), then applied side by side.
        private func savedSeveral(_ saved: SavedRegistries, path: String, color: Bool) async throws {
            let aws = self.aws
            let checked = try await concurrentMap(saved.registries, limit: RegistriesRun.fanOut) { entry -> (SavedRegistries.Entry, Result<Session, Error>) in
                do {
                    let by = "the saved plan \(path) (registry \(entry.name))"
                    let session = try Session(options: aws, declaredRegion: entry.plan.region, declaredBy: by, access: entry.access)
                    let account = try await session.account(expected: entry.plan.accountID, declaredBy: by)
                    let stale = try await session.reconciliation(account: account).staleness(of: entry.plan)
                    guard stale.isEmpty else {
                        throw Ending.failed("plan is stale, ECR changed since it was made; nothing was changed there: " + stale.joined(separator: "; "))
                    }
                    return (entry, .success(session))
                } catch {
                    return (entry, .failure(error))
                }
            }
            var failures: [String] = []
            var items: [(name: String, plan: Plan, session: Session)] = []
            for (entry, result) in checked {
                switch result {
                case .success(let session) where entry.plan.refusals.isEmpty:
                    if entry.plan.hasChanges { items.append((entry.name, entry.plan, session)) }
                case .success: failures.append("\(entry.name): a refused plan; nothing was changed there")
                case .failure(let error):
                    if case .failed(let message)? = error as? Ending { failures.append("\(entry.name): \(message)") } else { failures.append("\(entry.name): \(error)") }
                }
            }
            emit("Applying \(path): \(counted(items.count, "registry", "registries")) with changes"
                 + (failures.isEmpty ? "" : ", \(failures.count) refused") + ".\n\n")
            try await applyEach(items, failures: failures, color: color)
        }

        /// Plan from the spec, show it, and ask (unless told not to).
        private func freshPlan(_ registry: DesiredRegistry, color: Bool) async throws -> (Plan, Session) {
            let run = try await PreparedRun.prepare(registry: registry, aws: aws, color: color)
            let plan = try await awsStep(color: color, session: run.session) {
                try await run.session.reconciliation(account: run.account).plan(run.registry, options: planning.plannerOptions(for: run.registry))
            }
            guard plan.hasChanges else { return (plan, run.session) }
            emit(PlanTextRenderer(color: color).render(plan))
            guard plan.refusals.isEmpty else { throw Ending.failed("the plan was refused; nothing was changed") }
            if !autoApprove { try confirm(color: color) }
            emit("\n")
            return (plan, run.session)
        }

        /// What `plan --out` saved: one registry's plan, or several registries' plans.
        enum Saved {
            case one(Plan)
            case several(SavedRegistries)
        }

        static func readSaved(_ path: String) throws -> Saved {
            do {
                let data = try Data(contentsOf: URL(fileURLWithPath: path))
                if let saved = try SavedRegistries.read(data) { return .several(saved) }
                return .one(try PlanJSONRenderer.read(data))
            } catch {
                throw Ending.failed("\(path) is not a plan saved by `ecr-apply plan --out`: \(error)")
            }
        }

        /// A saved plan, checked against ECR as it is now.
        private func savedPlan(_ plan: Plan, path: String, color: Bool) async throws -> (Plan, Session) {
            guard plan.refusals.isEmpty else { throw Ending.failed("\(path) is a refused plan: \(plan.refusals.map(RefusalText.describe).joined(separator: "; "))") }
            // The saved plan names its region: it is applied there or nowhere.
            let session = try awsStep(color: color) { try Session(options: aws, declaredRegion: plan.region, declaredBy: "the saved plan \(path)") }
            let account = try await awsStep(color: color, session: session) { try await session.account(expected: plan.accountID, declaredBy: "the saved plan \(path)") }
            let stale = try await awsStep(color: color, session: session) { try await session.reconciliation(account: account).staleness(of: plan) }
            guard stale.isEmpty else {
                throw Ending.failed("plan is stale, ECR changed since it was made; nothing was changed:\n  "
                                      + stale.joined(separator: "\n  ") + "\nRun `ecr-apply plan --out` again.")
            }
            emit("Applying \(path): \(plan.actions.count) change\(plan.actions.count == 1 ? "" : "s") to registry \(plan.accountID) in \(plan.region).\n\n")
            return (plan, session)
        }

        private func confirm(color: Bool) throws {
            guard isatty(FileHandle.standardInput.fileDescriptor) == 1 else {
                throw Ending.failed("apply needs a confirmation and there is no terminal to ask: pass --auto-approve, "
                                      + "or apply a saved plan (ecr-apply plan --out plan.json; ecr-apply apply plan.json). Nothing was changed.")
            }
            emit("\nDo you want to perform these actions?\n  ecr-apply will perform the actions described above.\n"
                 + "  Only 'yes' will be accepted to approve.\n\n  Enter a value: ")
            guard readLine()?.trimmingCharacters(in: .whitespaces) == "yes" else {
                throw Ending.failed("apply cancelled; nothing was changed")
            }
        }
    }
}

/// `repository.user-service: creating…` / `repository.user-service: created (0.2s)`.
enum ProgressLine {
    static func format(_ event: PlanExecutor.Event, color: Bool) -> String {
        switch event {
        case .started(let address, let action):
            return "\(address): \(verb(action).doing)…\n"
        case .finished(let address, let action, let seconds):
            return "\(address): \(verb(action).done) (\(String(format: "%.1f", seconds))s)\n"
        case .failed(let address, let action, _):
            let text = "\(address): \(verb(action).doing) failed"
            return Paint(color)(text, .red) + "\n"
        case .skipped(let address, let reason):
            return "\(address): skipped, \(reason)\n"
        }
    }

    static func verb(_ action: ResourceChange.Action) -> (doing: String, done: String) {
        switch action {
        case .create: ("creating", "created")
        case .update: ("updating", "updated")
        case .replace: ("replacing", "replaced")
        case .delete: ("destroying", "destroyed")
        case .noOp: ("checking", "unchanged")
        }
    }
}
