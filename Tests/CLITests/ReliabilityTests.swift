import Foundation
import Testing
import TestSupport

/// apply under faults, crashes, interrupts and a second apply at once: it converges, loses
/// nothing, and says what happened. Every final state is read back with boto3.
@Suite struct ReliabilityTests {
    /// The example plus `extra` repositories, in a directory that also holds its policy file.
    static func bigSpec(extra: Int) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ecr-apply-rel-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("policies"), withIntermediateDirectories: true)
        let root = ValidateCommandTests.packageRoot.appendingPathComponent("examples")
        try FileManager.default.copyItem(at: root.appendingPathComponent("policies/api-gateway.json"),
                                         to: directory.appendingPathComponent("policies/api-gateway.json"))
        var yaml = try String(contentsOf: root.appendingPathComponent("registry.yaml"), encoding: .utf8)
        let bulk = (0..<extra).map { "  bulk/svc-\(String(format: "%02d", $0)): { tags: { shard: \"\($0 % 4)\" } }\n" }.joined()
        yaml = yaml.replacingOccurrences(of: "repositories:\n", with: "repositories:\n" + bulk)
        let path = directory.appendingPathComponent("registry.yaml").path
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func run(_ arguments: [String], endpoint: String, extra: [String: String] = [:]) throws -> CommandResult {
        try runECRApply(arguments, environment: ["AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                                                 "AWS_ENDPOINT_URL": endpoint, "AWS_EC2_METADATA_DISABLED": "true"].merging(extra) { _, new in new })
    }

    /// What boto3 sees: repository names, and how many have the lifecycle policy and the shard tag.
    static func readBack(_ moto: MotoServer) throws -> [String: Any] {
        try Python.boto3("""
            repos = ecr.describe_repositories()['repositories']
            with_policy = 0
            tagged = 0
            for r in repos:
                try:
                    ecr.get_lifecycle_policy(repositoryName=r['repositoryName'])
                    with_policy += 1
                except ecr.exceptions.LifecyclePolicyNotFoundException:
                    pass
                tags = {t['Key']: t['Value'] for t in ecr.list_tags_for_resource(resourceArn=r['repositoryArn'])['tags']}
                if r['repositoryName'].startswith('bulk/') and tags.get('shard') is not None and tags.get('managed-by') == 'ecr-apply':
                    tagged += 1
            out({'count': len(repos), 'with_policy': with_policy, 'tagged_bulk': tagged,
                 'replication': len(ecr.describe_registry()['replicationConfiguration']['rules'])})
            """, endpoint: moto.endpoint) as! [String: Any]
    }

    @Test func applyConvergesThroughThirtyPercentFaults() throws {
        let moto = try MotoServer()
        let proxy = try FaultProxy(upstreamPort: moto.port, rate: 0.3, seed: 7)
        defer { proxy.stop() }
        let spec = try Self.bigSpec(extra: 50)
        let apply = try Self.run(["apply", "--auto-approve", "-f", spec, "--timeout", "1", "--max-attempts", "10"], endpoint: proxy.endpoint)
        #expect(apply.status == 0, "\(apply.stdout.suffix(1500))\(apply.stderr)")
        #expect(apply.stdout.contains("Apply complete! Resources: 57 added, 0 changed, 0 destroyed ("), "\(apply.stdout.suffix(300))")
        #expect(apply.stdout.contains("requests were retried)"))
        #expect(proxy.faulted > 20, "faults were played: \(proxy.faulted)")

        let seen = try Self.readBack(moto)
        #expect(seen["count"] as? Int == 54)
        #expect(seen["with_policy"] as? Int == 54)
        #expect(seen["tagged_bulk"] as? Int == 50)
        #expect(seen["replication"] as? Int == 1)
        let plan = try Self.run(["plan", "--detailed-exitcode", "-f", spec], endpoint: moto.endpoint)
        #expect(plan.status == 0, "the state is exactly the spec: \(plan.stdout.prefix(1500))")
    }

    @Test func everyRequestFaultedFailsInBoundedTimeWithAClearMessage() throws {
        let moto = try MotoServer()
        let proxy = try FaultProxy(upstreamPort: moto.port, rate: 1, faults: [.throttle400, .error503, .throttle429])
        defer { proxy.stop() }
        let started = Date()
        let result = try Self.run(["apply", "--auto-approve", "-f", "examples/registry.yaml", "--max-attempts", "3"], endpoint: proxy.endpoint)
        #expect(result.status == 1)
        #expect(Date().timeIntervalSince(started) < 20)
        #expect(result.stderr.hasPrefix("Error: GetCallerIdentity: "), "\(result.stderr)")
        #expect(result.stderr.contains("after 3 attempts"), "\(result.stderr)")
        #expect(proxy.requestCount == 3, "three attempts, then nothing else")
    }

    @Test func killedAtRandomMomentsTheNextApplyConverges() async throws {
        // Ten runs, each killed with SIGKILL part-way; two at a time to keep the suite quick.
        let killedMidway = try await withThrowingTaskGroup(of: Bool.self) { group in
            var killed = 0
            for run in 0..<10 {
                if run >= 2, try await group.next() == true { killed += 1 }
                group.addTask { try Self.killAndRecover(seed: UInt64(run)) }
            }
            for try await wasKilled in group where wasKilled { killed += 1 }
            return killed
        }
        #expect(killedMidway >= 5, "most runs must really be cut short: \(killedMidway) of 10")
    }

    /// Returns whether the kill landed before apply had finished.
    static func killAndRecover(seed: UInt64) throws -> Bool {
        let moto = try MotoServer()
        let spec = try bigSpec(extra: 12)
        let process = Process()
        process.executableURL = ValidateCommandTests.packageRoot.appendingPathComponent(".build/debug/ecr-apply")
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("ecr-apply")
        if FileManager.default.isExecutableFile(atPath: beside.path) { process.executableURL = beside }
        process.arguments = ["apply", "--auto-approve", "-f", spec]
        process.environment = ["PATH": "/usr/bin:/bin", "HOME": "/nonexistent", "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                               "AWS_ENDPOINT_URL": moto.endpoint, "AWS_EC2_METADATA_DISABLED": "true"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // A moment somewhere in the run (which takes about half a second here).
        usleep(UInt32(40_000 + (seed * 7919 % 400) * 1000))
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let killed = process.terminationReason == .uncaughtSignal

        let plan = try run(["plan", "-f", spec], endpoint: moto.endpoint)
        #expect(plan.status == 0, "plan after a kill: \(plan.stderr)")
        let apply = try run(["apply", "--auto-approve", "-f", spec], endpoint: moto.endpoint)
        #expect(apply.status == 0, "seed \(seed): \(apply.stdout.suffix(800))\(apply.stderr)")
        let seen = try readBack(moto)
        #expect(seen["count"] as? Int == 16, "seed \(seed)")
        #expect(seen["with_policy"] as? Int == 16, "seed \(seed)")
        #expect(seen["tagged_bulk"] as? Int == 12, "seed \(seed)")
        #expect(try run(["plan", "--detailed-exitcode", "-f", spec], endpoint: moto.endpoint).status == 0, "seed \(seed)")
        return killed
    }

    @Test func twoAppliesAtOnceBothEndInTheSpecsState() async throws {
        let moto = try MotoServer()
        let spec = try Self.bigSpec(extra: 20)
        async let first = Task.detached { try Self.run(["apply", "--auto-approve", "-f", spec], endpoint: moto.endpoint) }.value
        async let second = Task.detached { try Self.run(["apply", "--auto-approve", "-f", spec], endpoint: moto.endpoint) }.value
        let (a, b) = try await (first, second)
        #expect(a.status == 0, "\(a.stdout.suffix(600))\(a.stderr)")
        #expect(b.status == 0, "\(b.stdout.suffix(600))\(b.stderr)")
        let seen = try Self.readBack(moto)
        #expect(seen["count"] as? Int == 24)
        #expect(seen["with_policy"] as? Int == 24)
        #expect(try Self.run(["plan", "--detailed-exitcode", "-f", spec], endpoint: moto.endpoint).status == 0)
    }

    @Test func ctrlCDuringApplyFinishesWhatIsInFlightAndStartsNothingNew() throws {
        let moto = try MotoServer()
        let proxy = try FaultProxy(upstreamPort: moto.port, rate: 0)
        defer { proxy.stop() }
        let spec = try Self.bigSpec(extra: 30)
        let (status, stdout) = try Self.interrupt(["apply", "--auto-approve", "-f", spec, "--parallelism", "2"], proxy: proxy,
                                                  whenOutputContains: "created (")
        #expect(status == 130, "\(stdout.suffix(500))")
        #expect(stdout.contains("Interrupted. Done: "), "\(stdout.suffix(500))")
        let started = stdout.components(separatedBy: "creating…").count - 1
        let finished = stdout.components(separatedBy: "created (").count - 1
        #expect(started == finished, "every step that started finished")
        #expect(finished < 35, "not everything ran")
        let plan = try Self.run(["plan", "--detailed-exitcode", "-f", spec], endpoint: moto.endpoint)
        #expect(plan.status == 2, "plan shows what is left")
        #expect(try Self.run(["apply", "--auto-approve", "-f", spec], endpoint: moto.endpoint).status == 0)
    }

    @Test func ctrlCDuringPlanExitsAtOnceAndChangesNothing() throws {
        let moto = try MotoServer()
        let proxy = try FaultProxy(upstreamPort: moto.port, rate: 0)
        defer { proxy.stop() }
        proxy.setDelay(2)
        let started = Date()
        let (status, _) = try Self.interrupt(["plan", "-f", "examples/registry.yaml"], proxy: proxy, afterRequests: 1)
        #expect(status == 130)
        #expect(Date().timeIntervalSince(started) < 2.5, "did not wait for the slow answer")
        let count = try Python.boto3("out(len(ecr.describe_repositories()['repositories']))", endpoint: moto.endpoint)
        #expect(count as? Int == 0)
    }

    /// Starts ecr-apply through `proxy`, sends SIGINT once its output contains `marker` (or the
    /// proxy has seen `afterRequests`), and returns its exit status and output.
    static func interrupt(_ arguments: [String], proxy: FaultProxy, whenOutputContains marker: String? = nil,
                          afterRequests: Int? = nil) throws -> (Int32, String) {
        let process = Process()
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("ecr-apply")
        process.executableURL = FileManager.default.isExecutableFile(atPath: beside.path)
            ? beside : ValidateCommandTests.packageRoot.appendingPathComponent(".build/debug/ecr-apply")
        process.arguments = arguments
        process.currentDirectoryURL = ValidateCommandTests.packageRoot
        process.environment = ["PATH": "/usr/bin:/bin", "HOME": "/nonexistent", "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                               "AWS_ENDPOINT_URL": proxy.endpoint, "AWS_EC2_METADATA_DISABLED": "true"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        final class Buffer: @unchecked Sendable {
            let lock = NSLock()
            var data = Data()
        }
        let buffer = Buffer()
        out.fileHandleForReading.readabilityHandler = { handle in
            let chunk = handle.availableData
            buffer.lock.withLock { buffer.data.append(chunk) }
        }
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline, process.isRunning {
            let text = buffer.lock.withLock { String(decoding: buffer.data, as: UTF8.self) }
            if let marker, text.contains(marker) { break }
            if let afterRequests, proxy.requestCount >= afterRequests { break }
            usleep(5_000)
        }
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        out.fileHandleForReading.readabilityHandler = nil
        let rest = out.fileHandleForReading.readDataToEndOfFile()
        let text = buffer.lock.withLock { String(decoding: buffer.data + rest, as: UTF8.self) }
        return (process.terminationStatus, text)
    }
}
