import Foundation

/// A token bucket shared by every task of a run: at most `burst` requests at once, refilled
/// at `perSecond`. Keeps a reconcile of thousands of repositories under ECR's request quotas
/// instead of leaning on throttling errors and retries.
public actor RateLimiter {
    /// The configured ceiling; the current rate drops below it after throttling.
    public nonisolated let maximumPerSecond: Double
    public nonisolated let burst: Double
    /// The rate now: halved by each throttling answer (not below one a second), and
    /// climbing back by a twentieth of the ceiling each second without one.
    public private(set) var perSecond: Double
    private let clock: @Sendable () -> Date
    private let sleeper: Sleeper
    private var tokens: Double
    private var updated: Date

    public init(perSecond: Double, burst: Double? = nil, clock: @escaping @Sendable () -> Date = { Date() }, sleeper: Sleeper = .real) {
        precondition(perSecond > 0, "a rate limit must be positive")
        self.perSecond = perSecond
        maximumPerSecond = perSecond
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
        if perSecond < maximumPerSecond {
            perSecond = min(maximumPerSecond, perSecond + maximumPerSecond / 20 * now.timeIntervalSince(updated))
        }
        tokens = min(burst, tokens + now.timeIntervalSince(updated) * perSecond)
        updated = now
        tokens -= 1
        if tokens < 0 {
            try await sleeper.sleep(-tokens / perSecond)
        }
    }

    /// AWS said "slow down": halve the rate.
    public func throttled() {
        perSecond = max(1, perSecond / 2)
    }
}
