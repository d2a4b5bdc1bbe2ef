import ArgumentParser
import Foundation
import Planner
import Spec

/// How a plan is shown.
enum PlanFormat: String, ExpressibleByArgument, CaseIterable {
    case text, markdown, json
}

/// Flags that shape what the planner may propose.
struct PlanningOptions: ParsableArguments {
    @Option(name: .customLong("target"), help: "Plan only this address (repeatable): repository.NAME, registry.replication, …")
    var targets: [String] = []

    @Flag(name: .customLong("allow-delete-images"), help: "Allow replacing or deleting repositories that hold images.")
    var allowDeleteImages = false

    @Option(name: .customLong("max-expire"),
            help: "Refuse a lifecycle policy change that would expire more than N images in a repository (else registry.max_expire).")
    var maxExpire: Int?

    /// Lifecycle policies are measured against the images as they are now. For a registry of
    /// a `registries:` spec (`name`), the targets are those naming it (`NAME:…`) or none.
    func plannerOptions(for registry: DesiredRegistry, named name: String? = nil) -> Planner.Options {
        Planner.Options(allowDeleteImages: allowDeleteImages, targets: Set(targets(for: name)), now: Date(),
                        maxExpire: maxExpire ?? registry.maxExpire)
    }

    func targets(for name: String?) -> [Address] {
        targets.compactMap(Address.init).filter { $0.registry == nil || $0.registry == name }.map { address in
            var address = address
            address.registry = nil
            return address
        }
    }

    /// With targets, only the registries some target names (or all, for targets without a registry).
    func registriesTargeted(_ registries: [DeclaredRegistry]) -> [DeclaredRegistry] {
        targets.isEmpty ? registries : registries.filter { !targets(for: $0.name).isEmpty }
    }

    func validate() throws {
        if let maxExpire, maxExpire < 0 { throw ValidationError("--max-expire must be 0 or more") }
        for target in targets where Address(target) == nil {
            let forms = ResourceKind.allCases.map { $0.isKeyed ? $0.addressWord + ".NAME" : $0.addressWord }.joined(separator: ", ")
            throw ValidationError("--target '\(target)' is not an address; addresses are \(forms)")
        }
    }
}

extension ECRApply {
    /// `ecr-apply plan`: what apply would do, for a pull request.
    struct PlanCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "plan",
            abstract: "Show what apply would change.",
            discussion: """
                Reads live ECR (nothing is changed) and prints the difference from the spec.

                Exit codes: 0 success (with --detailed-exitcode: no changes), 1 error, \
                2 changes (with --detailed-exitcode).

                Examples:
                  ecr-apply plan -f registry.yaml
                  ecr-apply plan --format markdown > plan.md      # for a PR comment
                  ecr-apply plan --out plan.json && ecr-apply apply plan.json
                """
        )

        @OptionGroup var spec: SpecOptions
        @OptionGroup var aws: AWSOptions
        @OptionGroup var planning: PlanningOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var registries: RegistrySelection

        @Option(help: "Output format: text, markdown or json.")
        var format: PlanFormat = .text

        @Option(help: "Also save the plan (JSON) here, for `ecr-apply apply PLAN`.")
        var out: String?

        @Flag(name: .customLong("detailed-exitcode"), help: "Exit 2 when there are changes, 0 when there are none.")
        var detailedExitcode = false

        @Flag(name: .customLong("show-unmanaged"), help: "List repositories in ECR that the spec does not manage.")
        var showUnmanaged = false

        func run() async throws {
            Interrupts.shared.exitImmediately()
            let color = output.useColor(environment: ProcessInfo.processInfo.environment, stream: .standardOutput)
            try await ExitStatus.conclude(color: color) { try await body(color: color) }
        }

        private func body(color: Bool) async throws {
            let desired = try PreparedRun.load(spec: spec, color: color)
            let selected = try registries.select(from: desired)
            if desired.isMulti {
                try await several(desired, selected, color: color)
                return
            }
            let run = try await PreparedRun.prepare(registry: desired.registries[0].registry, aws: aws, color: color)
            let progress = run.session.readProgress(quiet: output.quiet)
            let plan = try await awsStep(color: color, session: run.session) {
                defer { progress?.finish() }
                return try await run.session.reconciliation(account: run.account, progress: progress)
                    .plan(run.registry, options: planning.plannerOptions(for: run.registry))
            }
            run.session.reportCalls()
            await run.session.reportThrottling()
            switch format {
            case .text: emit(PlanTextRenderer(color: color, showUnmanaged: showUnmanaged).render(plan))
            case .markdown: emit(PlanMarkdownRenderer.render(plan))
            case .json: emit(try PlanJSONRenderer.render(plan))
            }
            StepSummary.append(PlanMarkdownRenderer.render(plan))
            if let out {
                try Data(try PlanJSONRenderer.render(plan).utf8).write(to: URL(fileURLWithPath: out))
                if format == .text { emit("\nSaved the plan to \(out). Apply exactly this plan with: ecr-apply apply \(out)\n") }
            }
            if !plan.refusals.isEmpty { throw Ending.failedAsShown }
            if detailedExitcode, plan.hasChanges { throw Ending.changes }
        }

        /// A `registries:` spec: every selected registry planned side by side, one report.
        private func several(_ desired: DesiredSpec, _ selected: [DeclaredRegistry], color: Bool) async throws {
            let planning = self.planning
            let report = await RegistriesRun(spec: desired, selected: planning.registriesTargeted(selected), aws: aws).each { reached in
                try await reached.session.reconciliation(account: reached.account)
                    .plan(reached.declared.registry, options: planning.plannerOptions(for: reached.declared.registry, named: reached.declared.name))
            }
            switch format {
            case .text: emit(report.text(color: color, showUnmanaged: showUnmanaged))
            case .markdown: emit(report.markdown())
            case .json: emit(try report.json())
            }
            StepSummary.append(report.markdown())
            if let out {
                // The registries that were planned, each with how it is reached: `apply FILE` acts on exactly these.
                let saved = SavedRegistries(registries: report.entries.compactMap { entry in
                    guard let plan = entry.plan, let declared = selected.first(where: { $0.name == entry.name }) else { return nil }
                    return SavedRegistries.Entry(name: entry.name, access: declared.access, plan: plan)
                })
                try Data(try saved.json().utf8).write(to: URL(fileURLWithPath: out))
                if format == .text {
                    emit("\nSaved the plans of \(counted(saved.registries.count, "registry", "registries")) to \(out)"
                         + (report.failed.isEmpty ? "" : " (not \(report.failed.map(\.name).joined(separator: ", ")), which failed)")
                         + ". Apply exactly these plans with: ecr-apply apply \(out)\n")
                }
            }
            if !report.failed.isEmpty || report.refused { throw Ending.failedAsShown }
            if detailedExitcode, report.hasChanges { throw Ending.changes }
        }
    }
}
