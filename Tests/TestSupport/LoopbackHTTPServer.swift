import Foundation

/// A tiny HTTP/1.1 server on a free loopback port that answers as a test scripts it: a
/// response, a dropped connection, or silence. Stands in for the container credentials
/// endpoint, the instance metadata service, and a faulty AWS endpoint.
public final class LoopbackHTTPServer: @unchecked Sendable {
    public struct Request: Sendable {
        public var method: String
        public var path: String
        public var headers: [String: String]
        public var body: String
    }

    public enum Reply: Sendable {
        case respond(status: Int, headers: [String: String] = [:], body: String = "")
        /// Closes the connection without answering (a reset, to the client).
        case drop
        /// Reads the request and never answers (until the server stops).
        case stall
        /// Announces more body than it sends, then closes.
        case truncated(status: Int, headers: [String: String] = [:], body: String)
        /// Waits, then replies.
        indirect case delayed(TimeInterval, Reply)
    }

    public let port: Int
    public var endpoint: String { "http://127.0.0.1:\(port)" }
    private let listener: Int32
    private let handler: @Sendable (Request) -> Reply
    private let lock = NSLock()
    private var received: [Request] = []
    private var stopped = false
    private var openSockets: Set<Int32> = []
    private var connections = 0

    public init(handler: @escaping @Sendable (Request) -> Reply) throws {
        self.handler = handler
        listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var yes: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let listener = listener
        let ok = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(listener, pointer, length) == 0 && getsockname(listener, pointer, &length) == 0 && listen(listener, 64) == 0
            }
        }
        guard ok else { throw MotoServer.StartFailure(description: "loopback server could not listen") }
        port = Int(UInt16(bigEndian: address.sin_port))
        start()
    }

    /// The accept thread holds the server until `stop()`: tests stop it with `defer`.
    private func start() {
        Thread.detachNewThread { self.acceptLoop() }
    }

    /// Connections accepted so far (1 for five requests means keep-alive works).
    public var connectionCount: Int { lock.withLock { connections } }

    /// Every request answered so far, in order.
    public var requests: [Request] { lock.withLock { received } }

    public func stop() {
        let sockets: Set<Int32> = lock.withLock {
            guard !stopped else { return [] }
            stopped = true
            return openSockets
        }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
        for socket in sockets { shutdown(socket, Int32(SHUT_RDWR)) }
    }

    private func acceptLoop() {
        while true {
            let client = accept(listener, nil, nil)
            guard client >= 0 else { return }
            let accepted = lock.withLock { () -> Bool in
                guard !stopped else { return false }
                openSockets.insert(client)
                connections += 1
                return true
            }
            guard accepted else { close(client); return }
            Thread.detachNewThread { [self] in serve(client) }
        }
    }

    private func serve(_ client: Int32) {
        defer {
            lock.withLock { _ = openSockets.remove(client) }
            close(client)
        }
        var buffer: [UInt8] = []
        while let request = readRequest(client, buffer: &buffer) {
            lock.withLock { received.append(request) }
            var reply = handler(request)
            if case .delayed(let seconds, let next) = reply {
                Thread.sleep(forTimeInterval: seconds)
                reply = next
            }
            switch reply {
            case .delayed:
                return
            case .truncated(let status, let headers, let body):
                var head = "HTTP/1.1 \(status) Scripted\r\nContent-Length: \(body.utf8.count + 100)\r\n"
                for (name, value) in headers { head += "\(name): \(value)\r\n" }
                let bytes = Array((head + "\r\n" + body).utf8)
                _ = bytes.withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                return
            case .drop:
                var linger = linger(l_onoff: 1, l_linger: 0)  // RST, not FIN
                setsockopt(client, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<linger>.size))
                return
            case .stall:
                var byte: UInt8 = 0
                while recv(client, &byte, 1, 0) > 0 {}
                return
            case .respond(let status, let headers, let body):
                var head = "HTTP/1.1 \(status) Scripted\r\nContent-Length: \(body.utf8.count)\r\n"
                for (name, value) in headers { head += "\(name): \(value)\r\n" }
                let bytes = Array((head + "\r\n" + body).utf8)
                var sent = 0
                while sent < bytes.count {
                    let n = bytes[sent...].withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                    guard n > 0 else { return }
                    sent += n
                }
            }
        }
    }

    private func readRequest(_ client: Int32, buffer: inout [UInt8]) -> Request? {
        let separator = Array("\r\n\r\n".utf8)
        func headEnd() -> Int? {
            guard buffer.count >= 4 else { return nil }
            return (0...(buffer.count - 4)).first { Array(buffer[$0..<$0 + 4]) == separator }
        }
        var chunk = [UInt8](repeating: 0, count: 16384)
        while headEnd() == nil {
            let n = recv(client, &chunk, chunk.count, 0)
            guard n > 0 else { return nil }
            buffer += chunk[0..<n]
        }
        let end = headEnd()!
        let lines = String(decoding: buffer[0..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let requestLine = lines[0].split(separator: " ").map(String.init)
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let length = Int(headers["content-length"] ?? "0") ?? 0
        while buffer.count < end + 4 + length {
            let n = recv(client, &chunk, chunk.count, 0)
            guard n > 0 else { return nil }
            buffer += chunk[0..<n]
        }
        let body = String(decoding: buffer[(end + 4)..<(end + 4 + length)], as: UTF8.self)
        buffer.removeFirst(end + 4 + length)
        return Request(method: requestLine.first ?? "", path: requestLine.count > 1 ? requestLine[1] : "/", headers: headers, body: body)
    }
}
