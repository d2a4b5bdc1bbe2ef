import CCurl
import Foundation

/// HTTP over the system's libcurl, event-driven: one thread runs curl's multi interface and
/// sleeps in `curl_multi_poll` until a socket is ready, a timer is due or a new request
/// arrives, so waiting on a slow server costs no CPU. Connections are kept alive and
/// reused across requests (the multi handle's connection cache).
///
/// libcurl reads HTTPS_PROXY / HTTP_PROXY / NO_PROXY from the environment itself.
public final class CurlTransport: HTTPTransport, @unchecked Sendable {
    public struct Configuration: Sendable {
        public var connectTimeout: Double = 5
        /// The whole request, from connect to the last byte of the response.
        public var requestTimeout: Double = 60
        /// A CA bundle to trust instead of the system's (AWS_CA_BUNDLE).
        public var caBundle: String?
        public var maximumConnections = 16
        /// Sent on every request (in the request's own header when it carries one).
        public var userAgent = "ecr-apply"

        public init(connectTimeout: Double = 5, requestTimeout: Double = 60, caBundle: String? = nil, maximumConnections: Int = 16,
                    userAgent: String = "ecr-apply") {
            self.userAgent = userAgent
            self.connectTimeout = connectTimeout
            self.requestTimeout = requestTimeout
            self.caBundle = caBundle
            self.maximumConnections = maximumConnections
        }
    }

    private static let globalInit: Void = { curl_global_init(Int(CURL_GLOBAL_ALL)) }()

    private let loop: CurlLoop

    public var userAgent: String? { configuration.userAgent }
    private let configuration: Configuration

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
        _ = Self.globalInit
        loop = CurlLoop(configuration: configuration)
        // The thread holds the loop, not the transport: the transport may go away (and stop
        // the loop in its deinit) before the thread has even started.
        let thread = Thread { [loop] in loop.run() }
        thread.name = "ecr-apply.curl"
        thread.start()
    }

    deinit { loop.shutdown() }

    /// Stops the loop; transfers still running fail with `CancellationError`.
    public func shutdown() { loop.shutdown() }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        try await loop.send(request)
    }
}

/// The multi handle and the requests on it. Its thread sleeps in `curl_multi_poll`.
private final class CurlLoop: @unchecked Sendable {
    private let configuration: CurlTransport.Configuration
    private let multi: UnsafeMutableRawPointer
    private let lock = NSLock()
    // Guarded by `lock`:
    private var incoming: [Transfer] = []
    private var cancellations: [Transfer] = []
    private var stopping = false
    // Touched by the loop thread only:
    private var active: [UnsafeMutableRawPointer: Transfer] = [:]
    private let stopped = DispatchSemaphore(value: 0)

    init(configuration: CurlTransport.Configuration) {
        self.configuration = configuration
        multi = curl_multi_init()
        _ = ecr_curl_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, configuration.maximumConnections)
    }

    deinit { curl_multi_cleanup(multi) }

    func shutdown() {
        lock.lock()
        let alreadyStopping = stopping
        stopping = true
        lock.unlock()
        guard !alreadyStopping else { return }
        curl_multi_wakeup(multi)
        stopped.wait()
    }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let transfer = Transfer(request: request)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                lock.lock()
                transfer.continuation = continuation
                let refused = stopping
                if !refused { incoming.append(transfer) }
                lock.unlock()
                if refused {
                    continuation.resume(throwing: CancellationError())
                } else {
                    curl_multi_wakeup(multi)
                }
            }
        } onCancel: {
            lock.lock()
            cancellations.append(transfer)
            lock.unlock()
            curl_multi_wakeup(multi)
        }
    }

    // MARK: The loop thread

    func run() {
        while true {
            lock.lock()
            let starting = incoming
            let cancelling = cancellations
            let stop = stopping
            incoming.removeAll()
            cancellations.removeAll()
            lock.unlock()

            if stop {
                for transfer in active.values + starting { finish(transfer, with: .failure(CancellationError())) }
                active.removeAll()
                stopped.signal()
                return
            }
            for transfer in starting { start(transfer) }
            for transfer in cancelling {
                if let easy = transfer.easy, active[easy] != nil { finish(transfer, with: .failure(CancellationError())) }
            }

            var running: Int32 = 0
            curl_multi_perform(multi, &running)
            var queued: Int32 = 0
            while let message = curl_multi_info_read(multi, &queued) {
                guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle, let transfer = active[easy] else { continue }
                let code = message.pointee.data.result
                if code == CURLE_OK {
                    var status = 0
                    _ = ecr_curl_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
                    finish(transfer, with: .success(HTTPResponse(status: status, headers: transfer.responseHeaders, body: transfer.responseBody)))
                } else {
                    finish(transfer, with: .failure(transfer.transportError(code)))
                }
            }
            var ready: Int32 = 0
            curl_multi_poll(multi, nil, 0, 1000, &ready)
        }
    }

    private func start(_ transfer: Transfer) {
        guard let easy = curl_easy_init() else {
            finish(transfer, with: .failure(TransportError(.other, "libcurl could not create a request handle")))
            return
        }
        transfer.easy = easy
        transfer.configure(easy, configuration)
        active[easy] = transfer
        curl_multi_add_handle(multi, easy)
    }

    private func finish(_ transfer: Transfer, with result: Result<HTTPResponse, Error>) {
        if let easy = transfer.easy {
            curl_multi_remove_handle(multi, easy)
            curl_easy_cleanup(easy)
            active[easy] = nil
            transfer.easy = nil
        }
        transfer.releaseRequestResources()
        lock.lock()
        let continuation = transfer.continuation
        transfer.continuation = nil
        lock.unlock()
        continuation?.resume(with: result)
    }
}

/// One request in flight: what curl reads from and writes into. `continuation` is guarded
/// by the transport's lock; everything else is touched by the loop thread only.
private final class Transfer: @unchecked Sendable {
    let request: HTTPRequest
    var continuation: CheckedContinuation<HTTPResponse, Error>?
    var easy: UnsafeMutableRawPointer?
    var headerList: UnsafeMutablePointer<curl_slist>?
    var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
    var responseHeaders: [String: String] = [:]
    var responseBody: [UInt8] = []

    init(request: HTTPRequest) { self.request = request }

    func configure(_ easy: UnsafeMutableRawPointer, _ configuration: CurlTransport.Configuration) {
        _ = ecr_curl_easy_setopt_string(easy, CURLOPT_URL, request.url)
        _ = ecr_curl_easy_setopt_long(easy, CURLOPT_NOSIGNAL, 1)
        _ = ecr_curl_easy_setopt_long(easy, CURLOPT_TCP_KEEPALIVE, 1)
        _ = ecr_curl_easy_setopt_long(easy, CURLOPT_CONNECTTIMEOUT_MS, Int(configuration.connectTimeout * 1000))
        _ = ecr_curl_easy_setopt_long(easy, CURLOPT_TIMEOUT_MS, Int(configuration.requestTimeout * 1000))
        _ = ecr_curl_easy_setopt_string(easy, CURLOPT_USERAGENT, configuration.userAgent)
        if let bundle = configuration.caBundle { _ = ecr_curl_easy_setopt_string(easy, CURLOPT_CAINFO, bundle) }
        errorBuffer.withUnsafeMutableBufferPointer { _ = ecr_curl_easy_setopt_pointer(easy, CURLOPT_ERRORBUFFER, $0.baseAddress) }

        switch request.method {
        case "GET": _ = ecr_curl_easy_setopt_long(easy, CURLOPT_HTTPGET, 1)
        case "POST": _ = ecr_curl_easy_setopt_long(easy, CURLOPT_POST, 1)
        default: _ = ecr_curl_easy_setopt_string(easy, CURLOPT_CUSTOMREQUEST, request.method)
        }
        if request.method != "GET" {
            _ = ecr_curl_easy_setopt_long(easy, CURLOPT_POSTFIELDSIZE, request.body.count)
            request.body.withUnsafeBytes { bytes in
                // COPYPOSTFIELDS copies the body, so it need not outlive this call.
                _ = ecr_curl_easy_setopt_pointer(easy, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!))
            }
        }
        // "Expect:" stops curl from waiting for 100-continue; "Host" is curl's own.
        var list: UnsafeMutablePointer<curl_slist>? = curl_slist_append(nil, "Expect:")
        for (name, value) in request.headers where name.lowercased() != "host" {
            list = curl_slist_append(list, "\(name): \(value)")
        }
        headerList = list
        _ = ecr_curl_easy_setopt_pointer(easy, CURLOPT_HTTPHEADER, UnsafeMutableRawPointer(list))

        let me = Unmanaged.passUnretained(self).toOpaque()
        _ = ecr_curl_easy_setopt_pointer(easy, CURLOPT_WRITEDATA, me)
        _ = ecr_curl_easy_setopt_callback(easy, CURLOPT_WRITEFUNCTION) { data, size, count, userdata in
            let transfer = Unmanaged<Transfer>.fromOpaque(userdata!).takeUnretainedValue()
            let length = size * count
            data!.withMemoryRebound(to: UInt8.self, capacity: length) {
                transfer.responseBody.append(contentsOf: UnsafeBufferPointer(start: $0, count: length))
            }
            return length
        }
        _ = ecr_curl_easy_setopt_pointer(easy, CURLOPT_HEADERDATA, me)
        _ = ecr_curl_easy_setopt_callback(easy, CURLOPT_HEADERFUNCTION) { data, size, count, userdata in
            let transfer = Unmanaged<Transfer>.fromOpaque(userdata!).takeUnretainedValue()
            let length = size * count
            data!.withMemoryRebound(to: UInt8.self, capacity: length) {
                transfer.receivedHeaderLine(UnsafeBufferPointer(start: $0, count: length))
            }
            return length
        }
    }

    /// One raw header line. Parsed on bytes: this runs for every header of every response,
    /// and Foundation's Unicode-aware trimming and lowercasing were a tenth of a plan's CPU.
    func receivedHeaderLine(_ line: UnsafeBufferPointer<UInt8>) {
        if line.starts(with: Self.statusLinePrefix) {
            responseHeaders.removeAll()  // a new response (after 100 Continue or a redirect)
            return
        }
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { return }
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A }
        var nameEnd = colon
        while nameEnd > 0, isSpace(line[nameEnd - 1]) { nameEnd -= 1 }
        var valueStart = colon + 1, valueEnd = line.count
        while valueStart < valueEnd, isSpace(line[valueStart]) { valueStart += 1 }
        while valueEnd > valueStart, isSpace(line[valueEnd - 1]) { valueEnd -= 1 }
        let name = String(decoding: line[0..<nameEnd].map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self)
        let value = String(decoding: UnsafeBufferPointer(rebasing: line[valueStart..<valueEnd]), as: UTF8.self)
        responseHeaders[name] = responseHeaders[name].map { "\($0), \(value)" } ?? value
    }

    private static let statusLinePrefix = Array("HTTP/".utf8)

    func transportError(_ code: CURLcode) -> TransportError {
        let detail = String(decoding: errorBuffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let message = "\(request.endpoint.hostHeader): \(detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail)"
        switch code {
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY: return TransportError(.connectionFailed, message)
        case CURLE_OPERATION_TIMEDOUT: return TransportError(.timedOut, message)
        case CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE: return TransportError(.connectionReset, message)
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CACERT_BADFILE:
            return TransportError(.tls, message)
        default: return TransportError(.other, message)
        }
    }

    func releaseRequestResources() {
        if let headerList { curl_slist_free_all(headerList) }
        headerList = nil
    }
}
