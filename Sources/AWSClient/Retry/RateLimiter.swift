import Foundation

/// A fixed ceiling (`--max-rate`): a token bucket shared by every task of a run, at most
/// `burst` requests at once, refilled at `perSecond`. Off unless asked for: by default the
/// client follows what AWS allows (`AdaptiveRateLimiter`).
public actor RateLimiter {
    public nonisolated let burst: Double
    public nonisolated let perSecond: Double
    private let clock: @Sendable () -> Date
    private let sleeper: Sleeper
    private var tokens: Double
    private var updated: Date

    public init(perSecond: Double, burst: Double? = nil, clock: @escaping @Sendable () -> Date = { Date() }, sleeper: Sleeper = .real) {
        precondition(perSecond > 0, "a rate limit must be positive")
        self.perSecond = perSecond
        self.burst = max(1, burst ?? perSecond)
        self.clock = clock
        self.sleeper = sleeper
        tokens = self.burst
        updated = clock()
    }

    /// Takes one token, waiting until one is due when the bucket is empty. Tokens are
    /// reserved before waiting, so waiters leave in the order they came.
    public func acquire() async throws {
        let now = clock()
        tokens = min(burst, tokens + now.timeIntervalSince(updated) * perSecond)
        updated = now
        tokens -= 1
        if tokens < 0 {
            try await sleeper.sleep(-tokens / perSecond)
        }
    }
}
