import Foundation

/// Caches temporary credentials and fetches new ones shortly before they expire, so a long
/// apply outlives a one-hour role session. Concurrent callers share one fetch.
public actor RefreshingCredentialProvider: CredentialProvider {
    private let fetch: @Sendable () async throws -> Credentials
    private let clock: @Sendable () -> Date
    /// Refresh this long before expiry: signing, retries and a slow request all fit in it.
    private let margin: TimeInterval
    private var cached: Credentials?
    private var inFlight: Task<Credentials, Error>?

    public init(margin: TimeInterval = 300, clock: @escaping @Sendable () -> Date = { Date() },
                fetch: @escaping @Sendable () async throws -> Credentials) {
        self.fetch = fetch
        self.clock = clock
        self.margin = margin
    }

    public func credentials() async throws -> Credentials {
        if let cached, !cached.expires(within: margin, of: clock()) { return cached }
        if let inFlight { return try await inFlight.value }
        let task = Task { try await fetch() }
        inFlight = task
        defer { inFlight = nil }
        let fresh = try await task.value
        cached = fresh
        return fresh
    }
}
