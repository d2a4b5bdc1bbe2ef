/// Sends one HTTP request and returns the response. The seam between the ECR client and
/// the network: the real one is `CurlTransport`; tests give their own.
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest) async throws -> HTTPResponse
    /// The `User-Agent` the clients put on each request before signing (it stays unsigned), as the SDKs do.
    var userAgent: String? { get }
}

extension HTTPTransport {
    public var userAgent: String? { nil }
}

/// A failure below HTTP: no response arrived.
public struct TransportError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case connectionFailed
        case timedOut
        case connectionReset
        case tls
        case other
    }

    public var kind: Kind
    public var message: String
    /// How many times the request was sent before giving up.
    public var attempts = 1

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { attempts > 1 ? "\(message) (after \(attempts) attempts)" : message }
}
