import Foundation

/// A loopback proxy in front of moto that faults a share of the requests the way AWS and
/// networks do: throttling (400 ThrottlingException, 429), 500 and 503, dropped connections,
/// stalls past the client's timeout, truncated bodies (the last three after moto has
/// carried the request out). The rest are forwarded to moto.
/// Deterministic for a seed; counts what it saw.
public final class FaultProxy: @unchecked Sendable {
    public enum Fault: CaseIterable, Sendable {
        case throttle400, throttle429, error500, error503, reset, stall, truncate
    }

    public let upstreamPort: Int
    public let server: LoopbackHTTPServer
    public var endpoint: String { server.endpoint }
    private let state: State

    final class State: @unchecked Sendable {
        let lock = NSLock()
        var rate: Double
        var faults: [Fault]
        var random: UInt64
        var faulted = 0
        var forwarded = 0
        var delay: TimeInterval = 0

        init(rate: Double, faults: [Fault], seed: UInt64) {
            self.rate = rate
            self.faults = faults
            random = seed
        }

        /// The next fault to play, or nil to forward (SplitMix64).
        func draw() -> Fault? {
            lock.withLock {
                func next() -> UInt64 {
                    random &+= 0x9E37_79B9_7F4A_7C15
                    var z = random
                    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
                    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
                    return z ^ (z >> 31)
                }
                guard !faults.isEmpty, Double(next() % 10_000) / 10_000 < rate else {
                    forwarded += 1
                    return nil
                }
                faulted += 1
                return faults[Int(next() % UInt64(faults.count))]
            }
        }
    }

    /// `rate` of the requests get one of `faults`, chosen at random. `intercept` sees every
    /// request first and may answer it itself (to play a behaviour of real AWS); `nil` lets
    /// it through.
    public init(upstreamPort: Int, rate: Double, faults: [Fault] = Fault.allCases, seed: UInt64 = 42,
                intercept: (@Sendable (LoopbackHTTPServer.Request) -> LoopbackHTTPServer.Reply?)? = nil) throws {
        self.upstreamPort = upstreamPort
        let state = State(rate: rate, faults: faults, seed: seed)
        self.state = state
        server = try LoopbackHTTPServer { request in
            if let reply = intercept?(request) { return reply }
            let delay = state.lock.withLock { state.delay }
            let reply: LoopbackHTTPServer.Reply
            switch state.draw() {
            case .throttle400?: reply = .respond(status: 400, headers: ["Content-Type": "application/x-amz-json-1.1"],
                                                 body: #"{"__type":"ThrottlingException","message":"Rate exceeded"}"#)
            case .throttle429?: reply = .respond(status: 429, body: #"{"__type":"TooManyRequestsException","message":"Too many requests"}"#)
            case .error500?: reply = .respond(status: 500, body: #"{"__type":"ServerException","message":"Internal failure"}"#)
            case .error503?: reply = .respond(status: 503, body: "<html>Service Unavailable</html>")
            // These three reach moto first: the request takes effect and only its answer is
            // lost, the case that makes a retried create meet "already exists".
            case .reset?:
                _ = HTTPForwarder.forward(request, toPort: upstreamPort)
                reply = .drop
            case .stall?:
                _ = HTTPForwarder.forward(request, toPort: upstreamPort)
                reply = .stall
            case .truncate?:
                _ = HTTPForwarder.forward(request, toPort: upstreamPort)
                reply = .truncated(status: 200, headers: ["Content-Type": "application/x-amz-json-1.1"], body: #"{"repositor"#)
            case nil: reply = HTTPForwarder.forward(request, toPort: upstreamPort)
            }
            return delay > 0 ? .delayed(delay, reply) : reply
        }
    }

    public func stop() { server.stop() }

    /// Changes the share of faulted requests (0 to forward everything).
    public func setRate(_ rate: Double) { state.lock.withLock { state.rate = rate } }

    /// Every reply waits this long first (for interrupting a slow run).
    public func setDelay(_ seconds: TimeInterval) { state.lock.withLock { state.delay = seconds } }

    public var faulted: Int { state.lock.withLock { state.faulted } }
    public var forwarded: Int { state.lock.withLock { state.forwarded } }
    public var requestCount: Int { server.requests.count }
}

/// One blocking HTTP exchange with a loopback server, for the proxy.
public enum HTTPForwarder {
    public static func forward(_ request: LoopbackHTTPServer.Request, toPort port: Int) -> LoopbackHTTPServer.Reply {
        guard let fd = connectToLoopback(port: port) else { return .respond(status: 502, body: "proxy: upstream refused") }
        defer { close(fd) }
        var head = "\(request.method) \(request.path) HTTP/1.1\r\n"
        for (name, value) in request.headers where !["connection", "content-length"].contains(name) { head += "\(name): \(value)\r\n" }
        head += "Content-Length: \(request.body.utf8.count)\r\nConnection: close\r\n\r\n"
        let bytes = Array((head + request.body).utf8)
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { return .respond(status: 502, body: "proxy: upstream write failed") }
            sent += n
        }
        var response: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = recv(fd, &chunk, chunk.count, 0)
            guard n > 0 else { break }
            response += chunk[0..<n]
        }
        let separator = Array("\r\n\r\n".utf8)
        guard response.count >= 4, let end = (0...(response.count - 4)).first(where: { Array(response[$0..<$0 + 4]) == separator }) else {
            return .respond(status: 502, body: "proxy: bad upstream response")
        }
        let lines = String(decoding: response[0..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let status = Int(lines[0].split(separator: " ").dropFirst().first ?? "502") ?? 502
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = String(line[..<colon])
            guard !["content-length", "connection", "transfer-encoding"].contains(name.lowercased()) else { continue }
            headers[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return .respond(status: status, headers: headers, body: String(decoding: response[(end + 4)...], as: UTF8.self))
    }
}

extension LoopbackHTTPServer.Request {
    /// The ECR operation of a JSON 1.1 request (`PutLifecyclePolicy`), or the STS action.
    public var operation: String {
        if let target = headers["x-amz-target"] { return String(target.split(separator: ".").last ?? "") }
        return body.split(separator: "&").first { $0.hasPrefix("Action=") }.map { String($0.dropFirst(7)) } ?? ""
    }

    /// The `repositoryName` a request names, if any.
    public var repositoryName: String? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any] else { return nil }
        return object["repositoryName"] as? String
    }
}
