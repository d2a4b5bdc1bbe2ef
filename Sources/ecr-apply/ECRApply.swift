import ArgumentParser
import Foundation

/// The `ecr-apply` command: a declarative reconciler for Amazon ECR.
@main
struct ECRApply: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ecr-apply",
        abstract: "Declare your Amazon ECR registry in YAML; plan and apply the difference.",
        discussion: """
            ecr-apply reads registry.yaml, compares it with the live registry and shows or applies \
            the difference. There is no state file: live AWS is the truth.
            """,
        version: BuildInfo.versionLine,
        subcommands: [Validate.self, PlanCommand.self, Apply.self, Drift.self, Lifecycle.self, Export.self, Schema.self]
    )
}

/// Options every command that reads a spec shares.
struct SpecOptions: ParsableArguments {
    @Option(name: [.short, .customLong("file")], help: "The spec to read.")
    var file: String = "registry.yaml"
}

/// Options that shape what a person reads.
struct OutputOptions: ParsableArguments {
    @Flag(name: .customLong("no-color"), help: "Plain output, without colour (also NO_COLOR, or when not a terminal).")
    var noColor = false

    @Flag(help: "No progress line on stderr while ECR is read.")
    var quiet = false

    /// Colour only on a terminal, and never when the user asked for none.
    func useColor(environment: [String: String], stream: FileHandle) -> Bool {
        !noColor && environment["NO_COLOR"].map(\.isEmpty) != false && isatty(stream.fileDescriptor) == 1
    }
}
