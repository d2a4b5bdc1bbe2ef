import Foundation

/// AWS credentials and where they came from. `description` never shows the secret
/// or the session token, so credentials can be logged by accident without harm.
public struct Credentials: Sendable, Equatable, CustomStringConvertible {
    public var accessKeyID: String
    public var secretAccessKey: String
    public var sessionToken: String?
    /// When temporary credentials stop working; `nil` for long-term keys.
    public var expiration: Date?
    /// Where they were found, in the user's words: "environment", "profile dev (~/.aws/credentials)".
    public var source: String

    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil, expiration: Date? = nil, source: String = "given") {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
        self.expiration = expiration
        self.source = source
    }

    public var description: String {
        let key = accessKeyID.count > 8 ? String(accessKeyID.prefix(4)) + "…" + String(accessKeyID.suffix(4)) : "…"
        return "credentials \(key) from \(source)"
    }

    /// Whether they expire within `margin` of `now`, and should be fetched again.
    public func expires(within margin: TimeInterval, of now: Date) -> Bool {
        guard let expiration else { return false }
        return expiration.timeIntervalSince(now) < margin
    }
}
