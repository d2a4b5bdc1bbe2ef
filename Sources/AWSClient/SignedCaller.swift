import Foundation

/// Sends one operation: sign with fresh credentials, send, retry what may be retried, and
/// turn a failed answer into an error. Shared by every service client (ECR's JSON, STS's query).
struct SignedCaller: Sendable {
    let service: String
    let region: String
    let endpoint: Endpoint
    /// `nil` for the few unsigned operations (STS AssumeRoleWithWebIdentity).
    let credentials: (any CredentialProvider)?
    let transport: any HTTPTransport
    let retry: RetryPolicy
    let sleeper: Sleeper
    let clock: @Sendable () -> Date
    let statistics: CallStatistics
    /// `--max-rate`: a fixed ceiling, when asked for.
    let rateLimiter: RateLimiter?
    /// What AWS allows, learned from throttling (the SDKs' adaptive mode).
    let adaptive: AdaptiveRateLimiter?
    let clockSkew: ClockSkew
    let keyCache = SigningKeyCache()

    /// Sends `request` until it succeeds or may not be retried; returns the 2xx response.
    func send(_ operation: String, _ request: HTTPRequest, repository: String? = nil) async throws -> HTTPResponse {
        var attempt = 1
        var correctedClock = false
        while true {
            try await adaptive?.acquire()
            try await rateLimiter?.acquire()
            statistics.record(operation, retry: attempt > 1)
            let started = clock()
            do {
                var outgoing = request
                if let agent = transport.userAgent, outgoing.header("user-agent") == nil { outgoing.setHeader("User-Agent", agent) }
                if let credentials {
                    var signer = SigV4Signer(credentials: try await credentials.credentials(), region: region, service: service)
                    signer.keyCache = keyCache
                    outgoing = signer.sign(outgoing, at: clock().addingTimeInterval(clockSkew.seconds))
                }
                let response = try await transport.send(outgoing)
                guard (200..<300).contains(response.status) else {
                    throw ErrorResponse.error(from: response, operation: operation)
                }
                await adaptive?.record(throttled: false)
                statistics.observe(CallRecord(service: service, operation: operation, repository: repository, attempt: attempt,
                                              outcome: "HTTP \(response.status)", seconds: clock().timeIntervalSince(started)))
                return response
            } catch var error as AWSError {
                error.repository = error.repository ?? repository
                statistics.observe(CallRecord(service: service, operation: operation, repository: repository, attempt: attempt,
                                              outcome: "HTTP \(error.status) \(error.code)", seconds: clock().timeIntervalSince(started)))
                // A refused time: learn AWS's clock from the answer and try once more at once.
                if !correctedClock, ClockSkew.isSkewError(error), let serverDate = error.serverDate,
                    clockSkew.learn(serverDate: serverDate, localDate: clock()) || abs(clockSkew.seconds) > 60 {
                    correctedClock = true
                    attempt += 1
                    continue
                }
                await adaptive?.record(throttled: error.isThrottling)
                try await backOff(after: error, attempt: &attempt)
            } catch {
                statistics.observe(CallRecord(service: service, operation: operation, repository: repository, attempt: attempt,
                                              outcome: Self.kind(of: error), seconds: clock().timeIntervalSince(started)))
                try await backOff(after: error, attempt: &attempt)
            }
        }
    }

    /// A failure's kind for the call log, never its text (which might quote a request).
    private static func kind(of error: Error) -> String {
        switch error {
        case let error as TransportError: "transport error (\(error.kind))"
        case is UnexpectedResponse: "unexpected answer"
        case is CancellationError: "cancelled"
        default: "failed before sending (\(type(of: error)))"
        }
    }

    private func backOff(after error: Error, attempt: inout Int) async throws {
        switch retry.decide(error: error, attempt: attempt, random: Double.random(in: 0..<1)) {
        case .fail:
            switch error {
            case var error as AWSError:
                error.attempts = attempt
                throw error
            case var error as TransportError:
                error.attempts = attempt
                throw error
            default:
                throw error
            }
        case .retry(let delay):
            try await sleeper.sleep(delay)
            attempt += 1
        }
    }

    /// Follows `nextToken` until the last page.
    func paginate<Item>(_ page: (_ token: String?) async throws -> ([Item], String?)) async throws -> [Item] {
        var items: [Item] = []
        var token: String?
        repeat {
            let (pageItems, next) = try await page(token)
            items += pageItems
            token = next.flatMap { $0.isEmpty ? nil : $0 }
        } while token != nil
        return items
    }

    /// `nil` for the not-found answers that mean "there is none".
    func absentIfNotFound<T>(_ body: () async throws -> T?) async throws -> T? {
        do {
            return try await body()
        } catch let error as AWSError where error.isNotFound && error.code != "RepositoryNotFoundException" {
            return nil
        }
    }
}

/// Counts API calls by operation (and retries), for `--debug`, stats lines and tests that
/// check a plan makes the minimum of calls.
public final class CallStatistics: @unchecked Sendable {
    private let lock = NSLock()
    private var calls: [String: Int] = [:]
    private var retryCount = 0
    private let observer: (@Sendable (CallRecord) -> Void)?

    /// `observer` sees every attempt as it ends (for `--debug`).
    public init(observer: (@Sendable (CallRecord) -> Void)? = nil) {
        self.observer = observer
    }

    func observe(_ record: CallRecord) { observer?(record) }

    func record(_ operation: String, retry: Bool) {
        lock.withLock {
            calls[operation, default: 0] += 1
            if retry { retryCount += 1 }
        }
    }

    /// Requests sent, including retries, by operation.
    public var byOperation: [String: Int] { lock.withLock { calls } }

    public var total: Int { byOperation.values.reduce(0, +) }

    public var retries: Int { lock.withLock { retryCount } }

    /// `DescribeRepositories 1, GetLifecyclePolicy 4 (2 retries)`, sorted by operation.
    public var summary: String {
        let parts = byOperation.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
        let retries = retries
        return parts.joined(separator: ", ") + (retries > 0 ? " (\(retries) retries)" : "")
    }
}

/// One attempt of one call, as `--debug` shows it. It holds no header, body, credential or
/// signature: nothing secret can leak through it.
public struct CallRecord: Sendable, CustomStringConvertible {
    public var service: String
    public var operation: String
    public var repository: String?
    public var attempt: Int
    /// `HTTP 200`, `HTTP 400 RepositoryNotFoundException`, `transport error (timedOut)`.
    public var outcome: String
    public var seconds: Double

    public var description: String {
        "\(service) \(operation)" + (repository.map { " (\($0))" } ?? "") + (attempt > 1 ? " attempt \(attempt)" : "")
            + ": \(outcome) in \(Int((seconds * 1000).rounded())) ms"
    }
}
