import Foundation

/// When to try a failed call again, as the AWS SDKs' standard mode does: throttling, 5xx,
/// and dropped or timed-out connections are retried with capped exponential backoff and
/// full jitter, up to a bounded number of attempts; client errors (4xx) never are.
///
/// A pure function of (error, attempt, random number), so its tests need no clock.
public struct RetryPolicy: Sendable {
    /// Try again after a delay, or give up.
    public enum Decision: Sendable, Equatable {
        case retry(after: TimeInterval)
        case fail
    }

    /// Attempts in all, the first included.
    public var maximumAttempts: Int
    public var baseDelay: TimeInterval
    public var maximumDelay: TimeInterval

    public init(maximumAttempts: Int = 5, baseDelay: TimeInterval = 0.2, maximumDelay: TimeInterval = 20) {
        self.maximumAttempts = maximumAttempts
        self.baseDelay = baseDelay
        self.maximumDelay = maximumDelay
    }

    /// `random` is uniform in [0, 1); the delay is `random × min(maximumDelay, baseDelay × 2^(attempt-1))`.
    public func decide(error: Error, attempt: Int, random: Double) -> Decision {
        guard attempt < maximumAttempts, Self.isRetryable(error) else { return .fail }
        let ceiling = min(maximumDelay, baseDelay * pow(2, Double(attempt - 1)))
        return .retry(after: random * ceiling)
    }

    public static func isRetryable(_ error: Error) -> Bool {
        switch error {
        case let error as AWSError:
            return error.isThrottling || error.status >= 500
                || ["RequestTimeout", "RequestTimeoutException", "InternalError", "InternalFailure", "ServiceUnavailable"].contains(error.code)
        case let error as TransportError:
            return [.connectionFailed, .timedOut, .connectionReset].contains(error.kind)
        case let error as UnexpectedResponse:
            // A truncated or garbled answer from a proxy or an overloaded server.
            return error.status >= 500 || error.status == 429 || (200..<300).contains(error.status)
        default:
            return false
        }
    }
}

/// Waits between attempts; tests pass one that records the delays instead of sleeping.
public struct Sleeper: Sendable {
    public let sleep: @Sendable (TimeInterval) async throws -> Void

    public init(_ sleep: @escaping @Sendable (TimeInterval) async throws -> Void) { self.sleep = sleep }

    public static let real = Sleeper { seconds in
        try await Task.sleep(nanoseconds: UInt64(max(0, seconds) * 1_000_000_000))
    }
}
