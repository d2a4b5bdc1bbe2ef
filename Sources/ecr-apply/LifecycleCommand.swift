import ArgumentParser
import Foundation
import Planner
import Reconciler
import Spec

extension ECRApply {
    /// `ecr-apply lifecycle …`: what lifecycle policies do.
    struct Lifecycle: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Look at what lifecycle policies do.",
            subcommands: [Preview.self]
        )
    }
}

extension ECRApply.Lifecycle {
    /// `ecr-apply lifecycle preview`: the images the declared policies would expire now.
    struct Preview: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show which images the spec's lifecycle policies would expire now.",
            discussion: """
                Evaluates each repository's declared lifecycle policy the way ECR does, on the \
                images the repository holds (read with DescribeImages), or offline on the output \
                of `aws ecr describe-images` given with --images. Nothing is changed.

                Examples:
                  ecr-apply lifecycle preview -f registry.yaml
                  ecr-apply lifecycle preview --repository user-service
                  aws ecr describe-images --repository-name user-service > images.json
                  ecr-apply lifecycle preview --repository user-service --images images.json
                """
        )

        @OptionGroup var spec: SpecOptions
        @OptionGroup var aws: AWSOptions
        @OptionGroup var output: OutputOptions

        @Option(help: "Only this repository (it must be in the spec, with a lifecycle policy).")
        var repository: String?

        @Option(help: "Read the images from this file (the JSON of `aws ecr describe-images`) instead of from ECR.")
        var images: String?

        @Option(help: "Evaluate as of this time (ISO 8601, e.g. 2026-12-01T00:00:00Z) instead of now.")
        var at: String?

        @Option(help: "Output format: text or json.")
        var format: PlanFormat = .text

        func run() async throws {
            Interrupts.shared.exitImmediately()
            let color = output.useColor(environment: ProcessInfo.processInfo.environment, stream: .standardOutput)
            try await ExitStatus.conclude(color: color) { try await body(color: color) }
        }

        private func body(color: Bool) async throws {
            let now = try evaluationTime(color: color)
            let registry = try loadSpec(color: color)
            let declared = try repositories(in: registry, color: color)
            var previews: [LifecyclePreview.Repository] = []
            if let images {
                let byRepository = try awsStep(color: color) { try DescribeImagesFile.read(try Data(contentsOf: URL(fileURLWithPath: images)), path: images) }
                for (repository, policy) in declared {
                    // A file for one repository may not name it; then it is the one asked for.
                    let records = byRepository[repository.name] ?? (declared.count == 1 ? byRepository.values.flatMap { $0 } : [])
                    previews.append(.init(name: repository.name, policy: repository.lifecyclePolicy.value?.name, images: records,
                                          evaluating: policy, at: now))
                }
            } else {
                let session = try awsStep(color: color) { try Session(options: aws, declaredRegion: registry.region) }
                _ = try await awsStep(color: color, session: session) { try await session.account(expected: registry.accountID) }
                for (repository, policy) in declared {
                    let records = try await awsStep(color: color, session: session) {
                        try await session.ecr.describeImages(repository: repository.name).map(LiveRegistryReader.record)
                    }
                    previews.append(.init(name: repository.name, policy: repository.lifecyclePolicy.value?.name, images: records,
                                          evaluating: policy, at: now))
                }
                session.reportCalls()
            }
            let preview = LifecyclePreview(at: now, repositories: previews)
            emit(format == .json ? try preview.json() : preview.text())
        }

        private func evaluationTime(color: Bool) throws -> Date {
            guard let at else { return Date() }
            guard let date = ISO8601DateFormatter().date(from: at) else {
                throw Ending.failed("--at '\(at)' is not an ISO 8601 time like 2026-12-01T00:00:00Z")
            }
            return date
        }

        private func loadSpec(color: Bool) throws -> DesiredRegistry {
            let desired = try PreparedRun.load(spec: spec, color: color)
            guard !desired.isMulti else {
                throw Ending.failed("\(spec.file) declares several registries; lifecycle preview reads a spec with one 'registry:'")
            }
            return desired.registries[0].registry
        }

        /// The repositories to preview, each with its policy.
        private func repositories(in registry: DesiredRegistry, color: Bool) throws -> [(DesiredRepository, LifecyclePolicy)] {
            let withPolicies = registry.repositories.compactMap { repository -> (DesiredRepository, LifecyclePolicy)? in
                guard let document = repository.lifecyclePolicy.value, let policy = LifecyclePolicy(json: document.json) else { return nil }
                return (repository, policy)
            }
            guard let repository else {
                if withPolicies.isEmpty { throw Ending.failed("\(spec.file) declares no lifecycle policy on any repository") }
                return withPolicies
            }
            guard let match = withPolicies.first(where: { $0.0.name == repository }) else {
                let reason = registry.repository(named: repository) == nil ? "is not in \(spec.file)" : "has no lifecycle policy in \(spec.file)"
                throw Ending.failed("repository '\(repository)' \(reason)")
            }
            return [match]
        }
    }
}
