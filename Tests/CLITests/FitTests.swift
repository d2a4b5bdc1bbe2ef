import Foundation
import Testing
import TestSupport

/// The places ecr-apply lives: the GitHub workflows' commands with the environment GitHub
/// sets, the JSON Schema editors use, shell completions, --version and --help.
@Suite struct FitTests {
    static let workflows = ValidateCommandTests.packageRoot.appendingPathComponent("examples/github-actions")

    @Test func theWorkflowsCommandsWorkWithGitHubsEnvironment() throws {
        let moto = try MotoServer()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ecr-apply-gha-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let token = directory.appendingPathComponent("oidc-token").path
        try "eyJhbGciOiJSUzI1NiJ9.github-oidc.signature".write(toFile: token, atomically: true, encoding: .utf8)
        let summary = directory.appendingPathComponent("step-summary.md").path
        // What the workflows set up: web identity from GitHub's OIDC token, and the job summary file.
        let github = ["AWS_WEB_IDENTITY_TOKEN_FILE": token, "AWS_ROLE_ARN": "arn:aws:iam::123456789012:role/ecr-apply-plan",
                      "AWS_ROLE_SESSION_NAME": "pr-42", "AWS_ENDPOINT_URL": moto.endpoint, "AWS_REGION": "us-east-1",
                      "GITHUB_STEP_SUMMARY": summary, "AWS_EC2_METADATA_DISABLED": "true"]
        let planYML = try String(contentsOf: Self.workflows.appendingPathComponent("plan.yml"), encoding: .utf8)
        let applyYML = try String(contentsOf: Self.workflows.appendingPathComponent("apply.yml"), encoding: .utf8)
        let driftYML = try String(contentsOf: Self.workflows.appendingPathComponent("drift.yml"), encoding: .utf8)
        // The workflows use the action; the action runs these commands (ReleaseTests runs its steps).
        let actionYML = try String(contentsOf: ValidateCommandTests.packageRoot.appendingPathComponent("action.yml"), encoding: .utf8)
        for (workflow, command) in [(planYML, "plan"), (applyYML, "apply"), (driftYML, "drift")] {
            #expect(workflow.contains("uses: OWNER/ecr-apply@v1") && workflow.contains("command: \(command)"))
        }
        #expect(planYML.contains("comment-on-pr: \"true\"") && driftYML.contains("args: --format markdown"))
        #expect(actionYML.contains("plan -f \"$SPEC\" --format markdown --detailed-exitcode --no-color"))
        #expect(actionYML.contains("apply -f \"$SPEC\" --auto-approve --no-color"))
        #expect(actionYML.contains("drift -f \"$SPEC\" --no-color"))

        let spec = ["-f", "examples/registry.yaml"]
        let plan = try runECRApply(["plan", "--format", "markdown", "--detailed-exitcode", "--no-color"] + spec, environment: github)
        #expect(plan.status == 2, "\(plan.stderr)")
        #expect(plan.stdout.hasPrefix("### ecr-apply plan: registry `123456789012` in `us-east-1`\n\n**Plan: 7 to add, 0 to change, 0 to destroy.**"))
        #expect(try String(contentsOfFile: summary, encoding: .utf8) == plan.stdout + "\n", "the job summary gets the same report")

        let apply = try runECRApply(["apply", "--auto-approve", "--no-color"] + spec, environment: github)
        #expect(apply.status == 0, "\(apply.stderr)")
        #expect(apply.stdout.contains("repository.user-service: created ("))

        let clean = try runECRApply(["drift", "--format", "markdown", "--no-color"] + spec, environment: github)
        #expect(clean.status == 0)
        #expect(clean.stdout.contains("**No drift.**"))
        _ = try Python.boto3("""
            ecr.put_image_scanning_configuration(repositoryName='order-service', imageScanningConfiguration={'scanOnPush': False})
            out(None)
            """, endpoint: moto.endpoint)
        let drift = try runECRApply(["drift", "--format", "markdown", "--no-color"] + spec, environment: github)
        #expect(drift.status == 2)
        #expect(drift.stdout.contains("**1 resource drifted** in registry `123456789012`"))
        #expect(drift.stdout.contains("```text\nDrift: 1 resource"))
        let all = try String(contentsOfFile: summary, encoding: .utf8)
        #expect(all.components(separatedBy: "### ecr-apply").count - 1 == 3, "plan, clean drift and drift each appended once")
    }

    @Test func theSchemaMatchesItsCopyAndAcceptsEveryExampleAndTestSpec() throws {
        let printed = try runECRApply(["schema"])
        #expect(printed.status == 0)
        let copy = try String(contentsOf: ValidateCommandTests.packageRoot.appendingPathComponent("docs/registry.schema.json"), encoding: .utf8)
        #expect(printed.stdout == copy, "docs/registry.schema.json is the printed schema")

        let root = ValidateCommandTests.packageRoot.path
        let valid = ["examples/registry.yaml", "Tests/CLITests/Fixtures/warnings.yaml", "Tests/PlannerTests/Fixtures/export-small.yaml",
                     "Fuzz/corpus/spec/example.yaml", "Tests/CLITests/Fixtures/Surface/registry.yaml", "Tests/CLITests/Fixtures/Registries/registry.yaml"]
        let invalid = ["Tests/CLITests/Fixtures/two-errors.yaml", "Tests/SpecTests/Fixtures/many-mistakes.yaml"]
        let verdicts = try Python.boto3("""
            import jsonschema, yaml
            schema = json.load(open('\(root)/docs/registry.schema.json'))
            jsonschema.Draft202012Validator.check_schema(schema)
            validator = jsonschema.Draft202012Validator(schema)
            result = {}
            for path in \(valid + invalid):
                document = yaml.safe_load(open('\(root)/' + path))
                result[path] = [e.message for e in validator.iter_errors(document)][:3]
            out(result)
            """, endpoint: "http://127.0.0.1:1") as! [String: [String]]
        for path in valid { #expect(verdicts[path] == [], "\(path): \(verdicts[path] ?? [])") }
        for path in invalid { #expect(verdicts[path]?.isEmpty == false, "\(path) should not pass the schema") }
    }

    @Test(arguments: ["bash", "zsh", "fish"])
    func shellCompletionsCoverEveryCommand(_ shell: String) throws {
        let script = try runECRApply(["--generate-completion-script", shell])
        #expect(script.status == 0)
        for command in ["validate", "plan", "apply", "drift", "export", "lifecycle", "schema"] {
            #expect(script.stdout.contains(command), "\(shell): \(command)")
        }
    }

    @Test func versionNamesTheRevisionAndHelpShowsEachJobsExample() throws {
        let version = try runECRApply(["--version"]).stdout
        #expect(version.wholeMatch(of: /[0-9]+\.[0-9]+\.[0-9]+(-dev)? \([0-9a-f]{12}(\+dirty)?, built [0-9]{4}-[0-9]{2}-[0-9]{2}\)\n/) != nil,
                "version, revision and build date: \(version)")
        #expect(!version.contains("unknown"), "built from a git checkout: \(version)")
        for (command, example) in [("plan", "ecr-apply plan --format markdown > plan.md"), ("apply", "ecr-apply apply --auto-approve"),
                                   ("drift", "ecr-apply drift -f registry.yaml --format markdown > drift.md")] {
            #expect(try runECRApply([command, "--help"]).stdout.contains(example), "\(command)")
        }
    }
}
