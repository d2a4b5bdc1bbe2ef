import Foundation
import Testing
import TestSupport

/// Runs the built `ecr-apply` binary, as a user or CI would, so the example and the
/// command's exit codes cannot rot.
@Suite struct ValidateCommandTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func theExampleValidates() throws {
        let result = try runECRApply(["validate", "-f", "examples/registry.yaml"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "examples/registry.yaml is valid: 4 repositories, 1 lifecycle policy, replication to eu-west-1, 1 pull-through cache rule, 1 creation template\n")
        #expect(result.stderr == "", "the example has no warnings")
    }

    @Test func anInvalidSpecExitsOneWithEveryErrorAndNoColourInAPipe() throws {
        let result = try runECRApply(["validate", "-f", "Tests/CLITests/Fixtures/two-errors.yaml"])
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr == """
            Tests/CLITests/Fixtures/two-errors.yaml:4:5: error: unknown key 'scan_on_psuh' in repository 'user-service' (did you mean 'scan_on_push'?)
            Tests/CLITests/Fixtures/two-errors.yaml:5:27: error: 'image_tag_mutability' must be one of MUTABLE, IMMUTABLE, found 'IMUTABLE' (did you mean 'IMMUTABLE'?)
            Tests/CLITests/Fixtures/two-errors.yaml: 2 errors; nothing was checked against AWS

            """)
    }

    @Test func aMissingFileIsAnErrorThatNamesIt() throws {
        let result = try runECRApply(["validate", "-f", "no-such.yaml"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("no-such.yaml:1:1: error: no-such.yaml no such file"))
    }

    @Test func warningsKeepExitCodeZero() throws {
        let result = try runECRApply(["validate", "-f", "Tests/CLITests/Fixtures/warnings.yaml"])
        #expect(result.status == 0)
        #expect(result.stderr.contains("warning: repository 'open-repo': image tags are MUTABLE"))
        #expect(result.stdout.hasSuffix("is valid: 1 repository (2 warnings)\n"))
    }

    @Test func versionAndHelp() throws {
        #expect(try runECRApply(["--version"]).stdout.hasPrefix("0."))
        let help = try runECRApply(["validate", "--help"])
        #expect(help.stdout.contains("ecr-apply validate -f registry.yaml"))
    }
}

/// Runs the executable next to the test bundle, from the package root.
func runECRApply(_ arguments: [String], environment: [String: String] = [:]) throws -> CommandResult {
    let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("ecr-apply")
    let fallback = ValidateCommandTests.packageRoot.appendingPathComponent(".build/debug/ecr-apply")
    let executable = FileManager.default.isExecutableFile(atPath: beside.path) ? beside : fallback
    let base = ["PATH": "/usr/bin:/bin", "HOME": "/nonexistent"]
    return try runProcess(executable, arguments, environment: base.merging(environment) { _, new in new },
                          directory: ValidateCommandTests.packageRoot)
}
