import Foundation
import Testing
import TestSupport

/// apply's confirmation and colour, on a real pseudo-terminal (util-linux `script`).
@Suite struct TerminalTests {
    /// Runs ecr-apply on a pty, typing `input`; returns the exit status and what the terminal showed.
    static func onTerminal(_ arguments: [String], input: String, moto: MotoServer) throws -> (Int32, String) {
        try onTerminal(arguments, input: input, endpoint: moto.endpoint)
    }

    static func onTerminal(_ arguments: [String], input: String, endpoint: String) throws -> (Int32, String) {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("ecr-apply")
        let binary = FileManager.default.isExecutableFile(atPath: beside.path)
            ? beside.path : ValidateCommandTests.packageRoot.appendingPathComponent(".build/debug/ecr-apply").path
        let command = ([binary] + arguments).map { "'\($0)'" }.joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qec", command, "/dev/null"]
        process.currentDirectoryURL = ValidateCommandTests.packageRoot
        process.environment = ["PATH": "/usr/bin:/bin", "HOME": "/nonexistent", "TERM": "xterm", "AWS_ACCESS_KEY_ID": "testing",
                               "AWS_SECRET_ACCESS_KEY": "testing", "AWS_ENDPOINT_URL": endpoint, "AWS_EC2_METADATA_DISABLED": "true"]
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stdout
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    static func repositoryCount(_ moto: MotoServer) throws -> Int {
        try Python.boto3("out(len(ecr.describe_repositories()['repositories']))", endpoint: moto.endpoint) as! Int
    }

    @Test func onlyYesApproves() throws {
        let moto = try MotoServer()
        let (refused, shown) = try Self.onTerminal(["apply", "-f", "examples/registry.yaml"], input: "y\n", moto: moto)
        #expect(refused == 1)
        #expect(shown.contains("Only 'yes' will be accepted to approve."))
        #expect(shown.contains("apply cancelled; nothing was changed"))
        #expect(try Self.repositoryCount(moto) == 0)

        let (approved, log) = try Self.onTerminal(["apply", "-f", "examples/registry.yaml"], input: "yes\n", moto: moto)
        #expect(approved == 0, "\(log.suffix(500))")
        #expect(log.contains("Apply complete!"))
        #expect(try Self.repositoryCount(moto) == 4)
    }

    @Test func colourOnATerminalUnlessAskedNot() throws {
        let moto = try MotoServer()
        let (_, coloured) = try Self.onTerminal(["plan", "-f", "examples/registry.yaml"], input: "", moto: moto)
        #expect(coloured.contains("\u{1B}[32m+\u{1B}[0m"), "a green + on a terminal")
        let (_, plain) = try Self.onTerminal(["plan", "--no-color", "-f", "examples/registry.yaml"], input: "", moto: moto)
        #expect(!plain.contains("\u{1B}["))
    }

    /// A slow read shows one live progress line on a terminal, cleared before the plan.
    @Test func aSlowReadShowsALiveProgressLine() throws {
        let moto = try MotoServer()
        #expect(try EndToEndTests.ecrApply(["apply", "--auto-approve", "-f", "examples/registry.yaml"], moto).status == 0)
        let proxy = try FaultProxy(upstreamPort: moto.port, rate: 0)
        defer { proxy.stop() }
        proxy.setDelay(0.15)
        let (status, shown) = try Self.onTerminal(["plan", "--parallelism", "1", "-f", "examples/registry.yaml"], input: "", endpoint: proxy.endpoint)
        #expect(status == 0, "\(shown)")
        #expect(shown.contains("reading ECR: "), "\(shown)")
        #expect(shown.contains(" of 4 repositories, "), "\(shown)")
        #expect(shown.contains("rate not limited"), "\(shown)")
        #expect(shown.contains("\r\u{1B}[K"), "the line is redrawn in place and cleared")
        #expect(shown.contains("No changes."))
        let (_, quiet) = try Self.onTerminal(["plan", "--quiet", "--parallelism", "1", "-f", "examples/registry.yaml"], input: "",
                                             endpoint: proxy.endpoint)
        #expect(!quiet.contains("reading ECR"), "\(quiet)")
    }
}
