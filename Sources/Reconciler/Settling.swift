import AWSClient
import Foundation

/// Real ECR and IAM are eventually consistent: for a short while after a repository is
/// created, calls on it may answer `RepositoryNotFoundException`; a policy naming a principal
/// created moments ago is refused as invalid until IAM knows it. These answers are retried
/// for a bounded window, and only where they are expected.
public struct Settling: Sendable {
    /// How long to keep trying a repository we have just created.
    public var newRepositoryWindow: TimeInterval
    /// How long to keep trying a policy IAM does not accept yet.
    public var principalWindow: TimeInterval
    public var firstDelay: TimeInterval
    public var sleeper: Sleeper
    public var clock: @Sendable () -> Date

    public init(newRepositoryWindow: TimeInterval = 30, principalWindow: TimeInterval = 60, firstDelay: TimeInterval = 0.25,
                sleeper: Sleeper = .real, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.newRepositoryWindow = newRepositoryWindow
        self.principalWindow = principalWindow
        self.firstDelay = firstDelay
        self.sleeper = sleeper
        self.clock = clock
    }

    /// A call on a repository this run has just created.
    func onNewRepository<T>(_ body: () async throws -> T) async throws -> T {
        try await retrying(for: newRepositoryWindow, when: { $0.code == "RepositoryNotFoundException" }, body)
    }

    /// SetRepositoryPolicy / PutRegistryPolicy: IAM may not know a new principal yet.
    func onPolicy<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await retrying(for: principalWindow, when: Self.isUnknownPrincipal, body)
        } catch let error as AWSError where Self.isUnknownPrincipal(error) {
            throw UnknownPrincipal(underlying: error, window: principalWindow)
        }
    }

    static func isUnknownPrincipal(_ error: AWSError) -> Bool {
        error.code == "InvalidParameterException" && error.message.localizedCaseInsensitiveContains("invalid")
            && error.message.localizedCaseInsensitiveContains("policy")
    }

    private func retrying<T>(for window: TimeInterval, when expected: (AWSError) -> Bool, _ body: () async throws -> T) async throws -> T {
        let deadline = clock().addingTimeInterval(window)
        var delay = firstDelay
        while true {
            do {
                return try await body()
            } catch let error as AWSError where expected(error) && clock().addingTimeInterval(delay) < deadline {
                try await sleeper.sleep(delay)
                delay = min(delay * 2, 4)
            }
        }
    }

    /// A policy still refused when the window closed: most likely a principal that does not exist.
    public struct UnknownPrincipal: Error, CustomStringConvertible {
        public var underlying: AWSError
        public var window: TimeInterval

        public var description: String {
            "\(underlying); retried for \(Int(window)) s: a principal the policy names may not exist (or IAM has not caught up "
                + "with a new role or user): check the ARNs and account ids in the policy"
        }
    }
}
