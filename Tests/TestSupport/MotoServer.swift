import Foundation

/// The ECR stand-in (`scripts/ecr-emulator`: moto's ECR, STS and IAM plus the project's ECR
/// extension) on a free loopback port, started with the real interpreter so the PID held is
/// the server's, and stopped when the test is done.
public final class MotoServer: @unchecked Sendable {
    public let port: Int
    let process: Process
    let scheme: String
    public var endpoint: String { "\(scheme)://127.0.0.1:\(port)" }

    public struct StartFailure: Error, CustomStringConvertible {
        public var description: String
        public init(description: String) { self.description = description }
    }

    /// `extraEnvironment` e.g. `["INITIAL_NO_AUTH_ACTION_COUNT": "5"]` to turn on signature checks.
    /// `tls`: a certificate and key file to serve HTTPS with.
    public init(extraEnvironment: [String: String] = [:], tls: (certificate: String, key: String)? = nil) throws {
        port = try Self.freePort()
        process = Process()
        process.executableURL = URL(fileURLWithPath: Python.interpreter)
        process.arguments = [Self.emulatorScript, String(port)]
            + (tls.map { ["-c", $0.certificate, "-k", $0.key] } ?? [])
        scheme = tls == nil ? "http" : "https"
        var environment = ProcessInfo.processInfo.environment
        environment.merge(extraEnvironment) { _, new in new }
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Readiness, not timing: moto answers within a second; give up after 20.
        let deadline = Date().addingTimeInterval(20)
        while !Self.accepts(port: port) {
            guard process.isRunning, Date() < deadline else {
                stop()
                throw StartFailure(description: "moto did not start on port \(port) (is moto[server] installed? run scripts/setup)")
            }
            usleep(20_000)
        }
    }

    deinit { stop() }

    /// `scripts/ecr-emulator` of this checkout.
    static let emulatorScript = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/ecr-emulator").path

    /// SIGKILL: moto keeps nothing worth a graceful stop, and a child started from the
    /// test runner may inherit a signal mask that blocks SIGTERM.
    public func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// With signature checks on (`INITIAL_NO_AUTH_ACTION_COUNT` ≥ 3): an IAM user allowed
    /// `actions`, made with boto3; returns its access key id and secret.
    public func iamUser(allowed actions: [String]) throws -> (id: String, secret: String) {
        let list = actions.map { "'\($0)'" }.joined(separator: ", ")
        let key = try Python.boto3("""
            iam.create_user(UserName='deployer')
            k = iam.create_access_key(UserName='deployer')['AccessKey']
            iam.put_user_policy(UserName='deployer', PolicyName='ecr', PolicyDocument=json.dumps({'Version': '2012-10-17',
                'Statement': [{'Effect': 'Allow', 'Action': [\(list)], 'Resource': '*'}]}))
            out({'id': k['AccessKeyId'], 'secret': k['SecretAccessKey']})
            """, endpoint: endpoint) as! [String: String]
        return (key["id"]!, key["secret"]!)
    }

    public static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer -> Int32 in
                guard bind(fd, pointer, length) == 0 else { return -1 }
                return getsockname(fd, pointer, &length)
            }
        }
        guard bound == 0 else { throw StartFailure(description: "no free loopback port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static func accepts(port: Int) -> Bool {
        guard let fd = connectToLoopback(port: port) else { return false }
        close(fd)
        return true
    }
}

/// Runs Python (boto3) to read back what our client did, independently of our own code.
public enum Python {
    public static let interpreter: String = {
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        probe.arguments = ["python3", "-c", "import sys; print(sys.executable)"]
        let pipe = Pipe()
        probe.standardOutput = pipe
        try? probe.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        probe.waitUntilExit()
        let path = String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return path.isEmpty ? "/usr/bin/python3" : path
    }()

    public struct Failure: Error, CustomStringConvertible { public var description: String }

    /// Runs `script` with `ecr` (a boto3 client on `endpoint`) defined; returns what it prints as JSON.
    public static func boto3(_ script: String, endpoint: String, region: String = "us-east-1",
                      accessKey: String = "testing", secretKey: String = "testing") throws -> Any {
        let prelude = """
            import boto3, json, sys
            session = boto3.session.Session(aws_access_key_id='\(accessKey)', aws_secret_access_key='\(secretKey)', region_name='\(region)')
            ecr = session.client('ecr', endpoint_url='\(endpoint)')
            iam = session.client('iam', endpoint_url='\(endpoint)')
            def out(value): print(json.dumps(value, default=str))

            """
        let result = try runProcess(URL(fileURLWithPath: interpreter), ["-c", prelude + script],
                                    environment: ["PATH": "/usr/bin:/bin", "HOME": NSTemporaryDirectory(), "AWS_EC2_METADATA_DISABLED": "true"])
        guard result.status == 0 else { throw Failure(description: "boto3 script failed: \(result.stderr)") }
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8), options: [.fragmentsAllowed])
    }
}
