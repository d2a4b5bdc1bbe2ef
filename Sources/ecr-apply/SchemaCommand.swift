import ArgumentParser
import Spec

extension ECRApply {
    /// `ecr-apply schema`: the spec's JSON Schema, for editors.
    struct Schema: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the spec's JSON Schema (for editor completion and checks).",
            discussion: """
                Save it and point the YAML language server at it with a first line in \
                registry.yaml:
                  # yaml-language-server: $schema=./registry.schema.json

                Example:
                  ecr-apply schema > registry.schema.json
                """
        )

        func run() {
            emit(SpecSchema.json + "\n")
        }
    }
}
