import Foundation
import Testing
import TestSupport

/// The release a platform team pins: `make release` writes one static-runtime binary, its
/// tarball and SHA256SUMS; the binary runs with an empty environment; the GitHub Action
/// installs it from a download server, refuses a tampered download, and keeps one PR
/// comment; the workflows and the action pass GitHub's schemas and `bash -n`.
@Suite(.serialized) struct ReleaseTests {
    static let root = ValidateCommandTests.packageRoot
    static let version = "9.9.9"

    /// `scripts/release` run once for the suite (a release build: minutes, once).
    static let release: Result<URL, Error> = Result {
        let dist = FileManager.default.temporaryDirectory.appendingPathComponent("ecr-apply-release-\(UUID().uuidString)")
        let result = try runProcess(URL(fileURLWithPath: "/bin/bash"), [root.appendingPathComponent("scripts/release").path], environment: [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": ProcessInfo.processInfo.environment["HOME"] ?? "/root",
            "ECR_APPLY_VERSION": version, "SOURCE_DATE_EPOCH": "1796256000",
        ], directory: root)
        guard result.status == 0 else { throw MotoServer.StartFailure(description: "scripts/release failed:\n\(result.stderr.suffix(3000))") }
        try? FileManager.default.removeItem(at: dist)
        try FileManager.default.copyItem(at: root.appendingPathComponent("dist"), to: dist)
        return dist
    }

    static var arch: String { (try? runProcess(URL(fileURLWithPath: "/usr/bin/uname"), ["-m"], environment: [:]).stdout
        .trimmingCharacters(in: .whitespacesAndNewlines)) ?? "x86_64" }
    static var name: String { "ecr-apply-\(version)-linux-\(arch)" }

    static func shell(_ command: String, in directory: URL? = nil, environment: [String: String] = [:]) throws -> CommandResult {
        try runProcess(URL(fileURLWithPath: "/bin/bash"), ["-c", command],
                       environment: ["PATH": "/usr/bin:/bin"].merging(environment) { _, new in new }, directory: directory ?? root)
    }

    @Test func theReleaseIsOneVerifiedBinaryThatRunsInAnEmptyEnvironment() throws {
        let dist = try Self.release.get()
        for file in [Self.name, "\(Self.name).tar.gz", "SHA256SUMS"] {
            #expect(FileManager.default.fileExists(atPath: dist.appendingPathComponent(file).path), "\(file)")
        }
        #expect(try Self.shell("sha256sum -c SHA256SUMS", in: dist).status == 0)
        let listing = try Self.shell("tar -tzf \(Self.name).tar.gz", in: dist).stdout
        #expect(Set(listing.split(separator: "\n")) == ["\(Self.name)/", "\(Self.name)/ecr-apply", "\(Self.name)/LICENSE", "\(Self.name)/README.md"])

        // Its only dynamic dependencies: glibc's libraries and libcurl.
        let needed = try Self.shell("readelf -d \(Self.name) | sed -n 's/.*(NEEDED).*\\[\\(.*\\)\\]/\\1/p'", in: dist).stdout
            .split(separator: "\n").map(String.init)
        let glibc = try Regex("^(libc|libm|libdl|libpthread|librt|libutil)\\.so\\.[0-9]+$|^ld-linux.*\\.so\\.[0-9]+$")
        #expect(!needed.isEmpty)
        #expect(needed.allSatisfy { $0 == "libcurl.so.4" || $0.wholeMatch(of: glibc) != nil }, "\(needed)")
        #expect(!needed.contains { $0.contains("swift") || $0.contains("Foundation") || $0.contains("dispatch") })

        // An empty environment: no PATH, no toolchain, no LD_LIBRARY_PATH.
        let binary = dist.appendingPathComponent(Self.name).path
        let version = try runProcess(URL(fileURLWithPath: "/usr/bin/env"), ["-i", binary, "--version"], environment: [:])
        #expect(version.status == 0, "\(version.stderr)")
        #expect(version.stdout.hasPrefix("\(Self.version) ("), "\(version.stdout)")
        #expect(version.stdout.contains("built 2026-12-03"), "the build date: \(version.stdout)")
        let validate = try runProcess(URL(fileURLWithPath: "/usr/bin/env"), ["-i", binary, "validate", "-f", "examples/registry.yaml"],
                                      environment: [:], directory: Self.root)
        #expect(validate.status == 0, "\(validate.stdout)\(validate.stderr)")
        #expect(validate.stdout.contains("examples/registry.yaml is valid"))
    }

    /// A download server holding the release (as GitHub's release URLs lay it out), a fake
    /// `gh`, and the action's steps run here.
    struct Stand {
        let server: Process
        let url: String
        let work: URL

        init(serving dist: URL, tamper: Bool = false) throws {
            work = FileManager.default.temporaryDirectory.appendingPathComponent("ecr-apply-action-\(UUID().uuidString)")
            let releases = work.appendingPathComponent("downloads/v\(ReleaseTests.version)")
            try FileManager.default.createDirectory(at: releases, withIntermediateDirectories: true)
            for file in ["\(ReleaseTests.name).tar.gz", "SHA256SUMS"] {
                try FileManager.default.copyItem(at: dist.appendingPathComponent(file), to: releases.appendingPathComponent(file))
            }
            if tamper {
                let tarball = releases.appendingPathComponent("\(ReleaseTests.name).tar.gz")
                var bytes = try Data(contentsOf: tarball)
                bytes.append(0)
                try bytes.write(to: tarball)
            }
            let port = try MotoServer.freePort()
            server = Process()
            server.executableURL = URL(fileURLWithPath: Python.interpreter)
            server.arguments = ["-m", "http.server", "--bind", "127.0.0.1", "--directory", work.appendingPathComponent("downloads").path, String(port)]
            server.standardOutput = FileHandle.nullDevice
            server.standardError = FileHandle.nullDevice
            try server.run()
            url = "http://127.0.0.1:\(port)"
            for _ in 0..<100 where (try? runProcess(URL(fileURLWithPath: "/usr/bin/curl"), ["-sf", url + "/"], environment: [:]).status) != 0 {
                usleep(50_000)
            }
        }

        /// Runs the action with these inputs; returns its JSON summary and what it printed.
        func run(_ inputs: [String: String], environment: [String: String] = [:]) throws -> (summary: [String: Any], log: String) {
            let fixtures = ReleaseTests.root.appendingPathComponent("Tests/CLITests/Fixtures/Action")
            let fakeBin = work.appendingPathComponent("bin")
            try? FileManager.default.createDirectory(at: fakeBin, withIntermediateDirectories: true)
            if !FileManager.default.fileExists(atPath: fakeBin.appendingPathComponent("gh").path) {
                try FileManager.default.createSymbolicLink(at: fakeBin.appendingPathComponent("gh"), withDestinationURL: fixtures.appendingPathComponent("gh"))
            }
            let arguments = [fixtures.appendingPathComponent("run_action.py").path, ReleaseTests.root.appendingPathComponent("action.yml").path,
                             ReleaseTests.root.path] + inputs.map { "\($0.key)=\($0.value)" }
            let result = try runProcess(URL(fileURLWithPath: Python.interpreter), arguments, environment: [
                "PATH": "\(fakeBin.path):/usr/bin:/bin", "HOME": work.path, "RUNNER_TOOL_CACHE": work.appendingPathComponent("tool-cache").path,
                "FAKE_GH_LOG": work.appendingPathComponent("gh.log").path, "FAKE_GH_STATE": work.appendingPathComponent("gh.json").path,
                "FAKE_GH_LATEST": "v\(ReleaseTests.version)", "AWS_EC2_METADATA_DISABLED": "true",
            ].merging(environment) { _, new in new })
            let summary = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
            return (summary, result.stderr)
        }

        var ghCalls: [[String]] {
            ((try? String(contentsOf: work.appendingPathComponent("gh.log"), encoding: .utf8)) ?? "").split(separator: "\n")
                .compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String] }
        }

        var comments: [[String: Any]] {
            guard let data = try? Data(contentsOf: work.appendingPathComponent("gh.json")),
                let state = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [] }
            return state["comments"] as? [[String: Any]] ?? []
        }

        /// SIGKILL: a child of the test runner may inherit a mask that blocks SIGTERM (see MotoServer).
        func stop() {
            guard server.isRunning else { return }
            kill(server.processIdentifier, SIGKILL)
            server.waitUntilExit()
        }
    }

    @Test func theActionInstallsTheVerifiedReleaseAndPassesExitCodesThrough() throws {
        let stand = try Stand(serving: try Self.release.get())
        defer { stand.stop() }
        let (summary, log) = try stand.run(["download-url": stand.url, "command": "validate", "file": "examples/registry.yaml"])
        #expect(summary["status"] as? Int == 0, "\(log)")
        let outputs = summary["outputs"] as? [String: String] ?? [:]
        #expect(outputs["exitcode"] == "0" && outputs["has-changes"] == "false", "\(outputs)")
        #expect(log.contains("\(Self.version) ("), "the installed binary's --version: \(log)")
        #expect(stand.ghCalls.contains { $0.starts(with: ["release", "view"]) }, "'latest' asked gh for the release")
        let cached = stand.work.appendingPathComponent("tool-cache/ecr-apply/\(Self.version)/\(Self.arch)/ecr-apply").path
        #expect(FileManager.default.isExecutableFile(atPath: cached), "installed in the tool cache, per version")
        // A second run uses the cached binary: nothing is downloaded (the server is gone).
        stand.stop()
        let again = try stand.run(["download-url": stand.url, "version": "v\(Self.version)", "command": "validate", "file": "examples/registry.yaml"])
        #expect(again.summary["status"] as? Int == 0, "\(again.log)")
        // An error is exit code 1 and fails the step; the output says so.
        let broken = try stand.run(["download-url": stand.url, "version": Self.version, "command": "validate", "file": "no-such.yaml"])
        #expect(broken.summary["status"] as? Int != 0)
        #expect((broken.summary["steps"] as? [String: [String: String]])?["run"]?["exitcode"] == "1")
    }

    @Test func aTamperedDownloadIsRefused() throws {
        let stand = try Stand(serving: try Self.release.get(), tamper: true)
        defer { stand.stop() }
        let (summary, log) = try stand.run(["download-url": stand.url, "version": Self.version, "command": "validate"])
        #expect(summary["status"] as? Int != 0)
        #expect(summary["failed_step"] as? String == "Install ecr-apply (verified against SHA256SUMS)")
        #expect(log.contains("does not match SHA256SUMS"), "\(log)")
        #expect(!FileManager.default.fileExists(atPath: stand.work.appendingPathComponent("tool-cache/ecr-apply/\(Self.version)/\(Self.arch)/ecr-apply").path))
    }

    @Test func aPlanOnAPullRequestKeepsExactlyOneComment() throws {
        let stand = try Stand(serving: try Self.release.get())
        defer { stand.stop() }
        let moto = try MotoServer()
        let aws = ["AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_ENDPOINT_URL": moto.endpoint]
        let inputs = ["download-url": stand.url, "version": Self.version, "command": "plan", "file": "examples/registry.yaml",
                      "comment-on-pr": "true", "github.event.pull_request.number": "7"]
        let first = try stand.run(inputs, environment: aws)
        #expect(first.summary["status"] as? Int == 0, "exit code 2 (changes) does not fail the step: \(first.log)")
        #expect((first.summary["outputs"] as? [String: String]) == ["exitcode": "2", "has-changes": "true",
                                                                   "output-file": (first.summary["outputs"] as? [String: String])?["output-file"] ?? "?"])
        #expect(stand.comments.count == 1)
        #expect((stand.comments.first?["body"] as? String)?.contains("**Plan: 7 to add, 0 to change, 0 to destroy.**") == true)

        #expect(try EndToEndTests.ecrApply(["apply", "--auto-approve", "-f", "examples/registry.yaml"], moto).status == 0)
        let second = try stand.run(inputs, environment: aws)
        #expect(second.summary["status"] as? Int == 0, "\(second.log)")
        #expect((second.summary["outputs"] as? [String: String])?["has-changes"] == "false")
        #expect(stand.comments.count == 1, "updated, never a second comment")
        #expect((stand.comments.first?["body"] as? String)?.contains("**No changes.**") == true, "\(stand.comments)")
        let writes = stand.ghCalls.filter { $0.contains("-X") }.map { $0[$0.firstIndex(of: "-X")! + 1] }
        #expect(writes == ["POST", "PATCH"], "\(stand.ghCalls)")
    }

    @Test func workflowsAndTheActionPassGitHubsSchemasAndBash() throws {
        let workflows = [".github/workflows/release.yml", "examples/github-actions/plan.yml", "examples/github-actions/apply.yml",
                         "examples/github-actions/drift.yml"]
        let schema = try Self.shell("\(Python.interpreter) -m check_jsonschema --builtin-schema vendor.github-workflows \(workflows.joined(separator: " "))")
        #expect(schema.status == 0, "\(schema.stdout)\(schema.stderr)")
        let action = try Self.shell("\(Python.interpreter) -m check_jsonschema --builtin-schema vendor.github-actions action.yml")
        #expect(action.status == 0, "\(action.stdout)\(action.stderr)")
        // Every `run:` block, with GitHub's expressions replaced by a word, parses as bash.
        let check = try Self.shell("""
            \(Python.interpreter) - <<'EOF'
            import re, subprocess, sys, yaml
            failures = 0
            for path in sys.argv[1:] if len(sys.argv) > 1 else \(String(describing: workflows + ["action.yml"]).replacingOccurrences(of: "\"", with: "'")):
                document = yaml.safe_load(open(path))
                steps = [s for job in (document.get("jobs") or {}).values() for s in job.get("steps", [])] + (document.get("runs") or {}).get("steps", [])
                for step in steps:
                    if "run" not in step: continue
                    script = re.sub(r"\\$\\{\\{.*?\\}\\}", "EXPR", step["run"])
                    result = subprocess.run(["bash", "-n"], input=script, text=True, capture_output=True)
                    if result.returncode: failures += 1; print(path, step.get("name"), result.stderr)
            print("checked"); sys.exit(failures)
            EOF
            """)
        #expect(check.status == 0 && check.stdout.contains("checked"), "\(check.stdout)\(check.stderr)")
    }

    @Test func thePreCommitHookValidatesSpecs() throws {
        let hooks = try String(contentsOf: Self.root.appendingPathComponent(".pre-commit-hooks.yaml"), encoding: .utf8)
        #expect(hooks.contains("id: ecr-apply-validate") && hooks.contains("entry: scripts/pre-commit-validate"))
        let binary = FileManager.default.temporaryDirectory.appendingPathComponent("ecr-apply-hook-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: binary, withIntermediateDirectories: true)
        let built = Self.root.appendingPathComponent(".build/debug/ecr-apply")
        try FileManager.default.createSymbolicLink(at: binary.appendingPathComponent("ecr-apply"), withDestinationURL: built)
        let good = try Self.shell("scripts/pre-commit-validate examples/registry.yaml", environment: ["PATH": "\(binary.path):/usr/bin:/bin"])
        #expect(good.status == 0, "\(good.stderr)")
        let spec = try EndToEndTests.specFile("version: 1\nrepositories:\n  Bad_Name: {}\n")
        let bad = try Self.shell("scripts/pre-commit-validate examples/registry.yaml \(spec)", environment: ["PATH": "\(binary.path):/usr/bin:/bin"])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("registry.yaml:3:3: error: repository name 'Bad_Name'"), "\(bad.stderr)")
    }
}
