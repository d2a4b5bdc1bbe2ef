/// Gives credentials to sign with; a chain, a cache or a fixed value.
public protocol CredentialProvider: Sendable {
    func credentials() async throws -> Credentials
}

/// Credentials known up front (tests, or keys read once from the environment).
public struct StaticCredentialProvider: CredentialProvider {
    public let value: Credentials
    public init(_ value: Credentials) { self.value = value }
    public func credentials() async throws -> Credentials { value }
}
