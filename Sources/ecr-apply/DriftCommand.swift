import ArgumentParser
import Foundation
import Planner
import Spec

extension ECRApply {
    /// `ecr-apply drift`: the nightly audit.
    struct Drift: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Report where ECR differs from the spec (exit 2 on drift).",
            discussion: """
                Reads live ECR (nothing is changed) and reports every attribute that differs: \
                what the spec says and what AWS has.

                Exit codes: 0 no drift, 1 error, 2 drift.

                Example (nightly):
                  ecr-apply drift -f registry.yaml --format markdown > drift.md
                """
        )

        @OptionGroup var spec: SpecOptions
        @OptionGroup var aws: AWSOptions
        @OptionGroup var output: OutputOptions

        @Option(help: "Output format: text, markdown or json.")
        var format: PlanFormat = .text

        @OptionGroup var registries: RegistrySelection

        func run() async throws {
            Interrupts.shared.exitImmediately()
            let color = output.useColor(environment: ProcessInfo.processInfo.environment, stream: .standardOutput)
            try await ExitStatus.conclude(color: color) { try await body(color: color) }
        }

        private func body(color: Bool) async throws {
            let desired = try PreparedRun.load(spec: spec, color: color)
            let selected = try registries.select(from: desired)
            if desired.isMulti {
                let report = await RegistriesRun(spec: desired, selected: selected, aws: aws).each { reached in
                    try await reached.session.reconciliation(account: reached.account)
                        .plan(reached.declared.registry, options: .init(allowDeleteImages: true, now: Date()))
                }
                switch format {
                case .text: emit(report.driftText(specPath: spec.file))
                case .markdown: emit(report.markdown(title: "ecr-apply drift"))
                case .json: emit(try report.json())
                }
                StepSummary.append(report.markdown(title: "ecr-apply drift"))
                // A registry that could not be checked is a failure; else drift anywhere is 2.
                if !report.failed.isEmpty { throw Ending.failedAsShown }
                if report.hasChanges { throw Ending.changes }
                return
            }
            let run = try await PreparedRun.prepare(registry: desired.registries[0].registry, aws: aws, color: color)
            // Drift is about differences, not about what a repair may destroy: count images but never refuse.
            let progress = run.session.readProgress(quiet: output.quiet)
            let plan = try await awsStep(color: color, session: run.session) {
                defer { progress?.finish() }
                return try await run.session.reconciliation(account: run.account, progress: progress)
                    .plan(run.registry, options: .init(allowDeleteImages: true, now: Date()))
            }
            run.session.reportCalls()
            await run.session.reportThrottling()
            let markdown = DriftReportRenderer.markdown(plan, specPath: spec.file)
            switch format {
            case .text: emit(DriftReportRenderer.render(plan, specPath: spec.file))
            case .markdown: emit(markdown)
            case .json: emit(try PlanJSONRenderer.render(plan))
            }
            StepSummary.append(markdown)
            if plan.hasChanges { throw Ending.changes }
        }
    }
}
