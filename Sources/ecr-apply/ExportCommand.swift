import ArgumentParser
import Foundation
import Planner
import Reconciler
import Spec

extension ECRApply {
    /// `ecr-apply export`: adopt an existing registry.
    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the live registry as a spec (to adopt an existing registry).",
            discussion: """
                Reads ECR and writes a spec that `ecr-apply plan` shows as "No changes": shared \
                settings in defaults, identical lifecycle policies named once, standard pull \
                statements as pull_accounts. With --prefix or --repository only those \
                repositories are written, and the registry-wide settings are left out.

                Examples:
                  ecr-apply export --region us-east-1 -o registry.yaml
                  ecr-apply export --prefix team-a/ -o team-a.yaml
                """
        )

        @OptionGroup var aws: AWSOptions
        @OptionGroup var output: OutputOptions

        @Option(help: "Only repositories whose name starts with this.")
        var prefix: String?

        @Option(name: .customLong("repository"), help: "Only this repository (repeatable).")
        var repositories: [String] = []

        @Option(name: [.customShort("o"), .customLong("output")], help: "Write the spec here instead of to standard output.")
        var file: String?

        @Flag(help: "Overwrite the output file if it exists.")
        var force = false

        @Option(name: .customLong("from"),
                help: "NAME=REGION[,ROLE_ARN]: export this registry too, into one 'registries:' spec (repeatable; the role is assumed from the base credentials).")
        var sources: [String] = []

        func run() async throws {
            Interrupts.shared.exitImmediately()
            let color = output.useColor(environment: ProcessInfo.processInfo.environment, stream: .standardError)
            try await ExitStatus.conclude(color: color) { try await body(color: color) }
        }

        private func body(color: Bool) async throws {
            if let file, !force, FileManager.default.fileExists(atPath: file) {
                throw Ending.failed("\(file) exists; pass --force to overwrite it")
            }
            if !sources.isEmpty {
                try await several(color: color)
                return
            }
            let session = try awsStep(color: color) { try Session(options: aws, declaredRegion: nil) }
            let account = try await awsStep(color: color, session: session) { try await session.account(expected: nil) }
            let progress = session.readProgress(quiet: output.quiet)
            let reader = LiveRegistryReader(ecr: session.ecr, parallelism: session.parallelism,
                                            repositoryProgress: progress?.listener)
            let filtered = prefix != nil || !repositories.isEmpty
            let all = try await awsStep(color: color, session: session) { try await session.ecr.describeRepositories().map(\.repositoryName) }
            let selected = all.filter { name in
                (prefix.map { name.hasPrefix($0) } ?? true) && (repositories.isEmpty || repositories.contains(name))
            }
            if let missing = repositories.first(where: { !all.contains($0) }) {
                throw Ending.failed("repository '\(missing)' does not exist in \(account) (\(session.region))")
            }
            var live = try await awsStep(color: color, session: session) {
                try await reader.read(.everything(of: selected, registryWide: !filtered), accountID: account)
            }
            progress?.finish()
            live.repositories = live.repositories.filter { selected.contains($0.key) }
            Self.warnUnreadable(live)
            session.reportCalls()
            await session.reportThrottling()

            let stamp = ISO8601DateFormatter().string(from: Date())
            var header = "Exported by ecr-apply \(BuildInfo.version) from registry \(account) (\(session.region)) at \(stamp)."
            header += filtered ? "\nOnly \(counted(selected.count, "repository", "repositories")); registry-wide settings are not included."
                : "\n`ecr-apply plan` on this file shows no changes until it is edited."
            let yaml = SpecExporter(live: live, header: header).yaml()

            try write(yaml, color: color, what: counted(selected.count, "repository", "repositories"))
        }

        /// `--from NAME=REGION[,ROLE_ARN]`, each read whole through its own session.
        private func several(color: Bool) async throws {
            var registries: [(name: String, access: RegistryAccess, live: LiveRegistry)] = []
            for source in sources {
                let halves = source.split(separator: "=", maxSplits: 1).map(String.init)
                let name = halves.first ?? "", parts = (halves.count > 1 ? halves[1] : "").split(separator: ",", maxSplits: 1).map(String.init)
                guard !name.isEmpty, let region = parts.first, !region.isEmpty else {
                    throw Ending.failed("--from '\(source)': write NAME=REGION or NAME=REGION,ROLE_ARN")
                }
                let access = RegistryAccess(roleARN: parts.count > 1 ? parts[1] : nil)
                let session = try awsStep(color: color) { try Session(options: aws, declaredRegion: region, declaredBy: "--from \(name)", access: access) }
                let account = try await awsStep(color: color, session: session) { try await session.account(expected: nil) }
                let reader = LiveRegistryReader(ecr: session.ecr, parallelism: session.parallelism)
                let live = try await awsStep(color: color, session: session) {
                    try await reader.read(.everything(of: try await session.ecr.describeRepositories().map(\.repositoryName), registryWide: true),
                                          accountID: account)
                }
                Self.warnUnreadable(live, registry: name)
                registries.append((name, access, live))
            }
            let stamp = ISO8601DateFormatter().string(from: Date())
            let header = "Exported by ecr-apply \(BuildInfo.version) from \(counted(registries.count, "registry", "registries")) at \(stamp).\n"
                + "`ecr-apply plan` on this file shows no changes until it is edited."
            try write(SpecExporter.registries(registries, header: header), color: color, what: counted(registries.count, "registry", "registries"))
        }

        /// A kind AWS would not let us read is left out of the export (so unmanaged), and said.
        static func warnUnreadable(_ live: LiveRegistry, registry: String? = nil) {
            for (kind, reason) in live.unreadable.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                FileHandle.standardError.write(Data(("warning: \(registry.map { "registry \($0): " } ?? "")\(kind.specWord) could not be read (\(reason)); "
                    + "it is left out of the export, so the spec leaves it as it is\n").utf8))
            }
        }

        /// Writes the spec (or prints it), checking first that it reads back.
        private func write(_ yaml: String, color: Bool, what: String) throws {
            // Export never refuses and never loses a value: what AWS holds is written even if
            // this ecr-apply cannot read it back (a bug of ours, said loudly, not the user's).
            let check = SpecLoader().load(bytes: Array(yaml.utf8), file: file ?? "<export>", baseDirectory: ".")
            if check.spec == nil {
                DiagnosticPrinter(useColor: color).print(check.diagnostics.filter { $0.severity == .error })
                FileHandle.standardError.write(Data(("warning: the exported spec does not validate; it is written anyway so that nothing "
                    + "AWS holds is lost. This is a bug in ecr-apply: please report it with the lines above.\n").utf8))
            }
            if let file {
                try Data(yaml.utf8).write(to: URL(fileURLWithPath: file))
                FileHandle.standardError.write(Data("Wrote \(file): \(what).\n".utf8))
            } else {
                emit(yaml)
            }
        }
    }
}
