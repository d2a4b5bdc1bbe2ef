import ArgumentParser
import Foundation
import Spec

extension ECRApply {
    /// `ecr-apply validate`: every problem in the spec, without AWS or credentials.
    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a spec without contacting AWS.",
            discussion: """
                Reports every problem in the file at once, each as file:line:col, and exits 1 \
                if there is any error. Needs no network and no credentials.

                Example (in CI, before plan):
                  ecr-apply validate -f registry.yaml
                """
        )

        @OptionGroup var spec: SpecOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let color = output.useColor(environment: ProcessInfo.processInfo.environment, stream: .standardError)
            try ExitStatus.conclude(color: color) { try body(color: color) }
        }

        private func body(color: Bool) throws {
            let loaded = SpecLoader().load(path: spec.file)
            let printer = DiagnosticPrinter(useColor: color)
            printer.print(loaded.diagnostics)
            guard let desired = loaded.spec else {
                let errors = loaded.diagnostics.errors.count
                let warnings = loaded.diagnostics.warnings.count
                let tail = warnings > 0 ? ", \(counted(warnings, "warning"))" : ""
                FileHandle.standardError.write(Data("\(spec.file): \(counted(errors, "error"))\(tail); nothing was checked against AWS\n".utf8))
                throw Ending.failedAsShown
            }
            let warnings = loaded.diagnostics.warnings.count
            guard desired.isMulti else {
                print(Self.summary(of: desired.registries[0].registry, file: spec.file, warnings: warnings))
                return
            }
            // `registry.yaml is valid: 3 registries` and, per registry, what it holds.
            print("\(spec.file) is valid: \(counted(desired.registries.count, "registry", "registries"))" + (warnings > 0 ? " (\(counted(warnings, "warning")))" : ""))
            for declared in desired.registries {
                let registry = declared.registry
                let summary = Self.summary(of: registry, file: "", warnings: 0).replacingOccurrences(of: " is valid: ", with: "")
                print("  \(declared.name ?? ""): account \(registry.accountID ?? "?"), \(registry.region ?? "?"): \(summary)")
            }
        }

        /// `registry.yaml is valid: 4 repositories, 1 lifecycle policy, replication to eu-west-1 (3 warnings)`.
        static func summary(of registry: DesiredRegistry, file: String, warnings: Int) -> String {
            var parts = [counted(registry.repositories.count, "repository", "repositories")]
            let policies = Set(registry.repositories.compactMap { $0.lifecyclePolicy.value?.json })
            if !policies.isEmpty { parts.append(counted(policies.count, "lifecycle policy", "lifecycle policies")) }
            if let replication = registry.replication {
                let regions = Set(replication.rules.flatMap { $0.destinations.map(\.region) }).sorted()
                parts.append(regions.isEmpty ? "no replication" : "replication to \(regions.joined(separator: ", "))")
            }
            if let scanning = registry.scanning { parts.append("\(scanning.scanType.rawValue) registry scanning") }
            if let rules = registry.pullThroughCacheRules { parts.append(counted(rules.count, "pull-through cache rule")) }
            if let templates = registry.creationTemplates { parts.append(counted(templates.count, "creation template")) }
            if !registry.accountSettings.isEmpty { parts.append(counted(registry.accountSettings.count, "account setting")) }
            if let signing = registry.signing { parts.append(counted(signing.rules.count, "signing rule")) }
            if let exclusions = registry.pullTimeUpdateExclusions { parts.append(counted(exclusions.count, "pull-time update exclusion")) }
            let tail = warnings > 0 ? " (\(counted(warnings, "warning")))" : ""
            return "\(file) is valid: \(parts.joined(separator: ", "))\(tail)"
        }
    }
}
