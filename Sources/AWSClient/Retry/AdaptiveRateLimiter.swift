import Foundation

/// The AWS SDKs' adaptive retry mode, client side (botocore's `ClientRateLimiter`, the Java
/// and Go SDKs' `RateLimiter`): no limit at all until AWS throttles; from the first throttling
/// answer on, a token bucket whose rate follows CUBIC: cut to 70 % of the rate measured when
/// throttled, then grown back along a cubic curve that flattens near that rate and probes
/// past it, so the client settles just under what the service allows and recovers when the
/// service allows more. Waiting for a token sleeps (no CPU).
public actor AdaptiveRateLimiter {
    // CUBIC's constants, as the SDKs use them.
    static let beta = 0.7
    static let scale = 0.4
    /// The bucket never refills slower than this (requests per second).
    static let minimumRate = 0.5
    /// The rate may not run ahead of twice the rate actually measured.
    static let maximumRateAdjustScale = 2.0

    private let clock: @Sendable () -> Date
    private let sleeper: Sleeper
    private let start: Date

    /// Off until the first throttling answer.
    public private(set) var enabled = false
    /// The bucket's refill rate once enabled.
    public private(set) var fillRate = 0.0
    private var capacity = 1.0
    private var tokens = 0.0
    private var lastRefill: Date?

    // CUBIC state: the rate when last throttled, the time of that, and the curve's zero point.
    private var rateAtLastThrottle = 0.0
    private var lastThrottle: TimeInterval = 0
    private var zeroPoint = 0.0

    // The measured sending rate, in half-second buckets, exponentially smoothed.
    private var measuredRate = 0.0
    private var bucketCount = 0.0
    private var lastBucket: Double

    /// How many throttling answers were seen.
    public private(set) var throttles = 0

    public init(clock: @escaping @Sendable () -> Date = { Date() }, sleeper: Sleeper = .real) {
        self.clock = clock
        self.sleeper = sleeper
        start = clock()
        lastBucket = 0
    }

    /// The rate the limiter settled on (requests per second), `nil` while it is off.
    public var settledRate: Double? { enabled ? fillRate : nil }

    private var now: TimeInterval { clock().timeIntervalSince(start) }

    /// Before each request: free while off; otherwise one token, waiting for it if need be.
    public func acquire() async throws {
        guard enabled else { return }
        refill()
        tokens -= 1
        if tokens < 0 { try await sleeper.sleep(-tokens / fillRate) }
    }

    /// After each answer: a throttling answer cuts the rate, any other lets it grow.
    public func record(throttled: Bool) {
        let time = now
        let measured = measure(at: time)
        let rate: Double
        if throttled {
            throttles += 1
            let current = enabled ? min(measured, fillRate) : measured
            rateAtLastThrottle = current
            zeroPoint = Self.zeroPoint(rateAtLastThrottle)
            lastThrottle = time
            rate = current * Self.beta
            enabled = true
        } else {
            guard enabled else { return }
            rate = Self.scale * pow(time - lastThrottle - zeroPoint, 3) + rateAtLastThrottle
        }
        setFillRate(min(rate, Self.maximumRateAdjustScale * measured))
    }

    static func zeroPoint(_ rate: Double) -> Double { cbrt(rate * (1 - beta) / scale) }

    private func setFillRate(_ rate: Double) {
        refill()
        fillRate = max(rate, Self.minimumRate)
        capacity = max(fillRate, 1)
        tokens = min(tokens, capacity)
    }

    private func refill() {
        let date = clock()
        if let lastRefill { tokens = min(capacity, tokens + date.timeIntervalSince(lastRefill) * fillRate) }
        lastRefill = date
    }

    /// The sending rate over half-second buckets, smoothed as the SDKs do (0.8 new, 0.2 old).
    private func measure(at time: TimeInterval) -> Double {
        let bucket = (time * 2).rounded(.down) / 2
        bucketCount += 1
        if bucket > lastBucket {
            let current = bucketCount / (bucket - lastBucket)
            measuredRate = current * 0.8 + measuredRate * 0.2
            bucketCount = 0
            lastBucket = bucket
        }
        return measuredRate
    }
}
