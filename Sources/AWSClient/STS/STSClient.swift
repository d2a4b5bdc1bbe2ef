import Foundation

/// The three STS operations ecr-apply needs, over STS's query protocol (form-encoded POST,
/// XML answers): who am I, assume a role, and assume a role with a web identity token
/// (GitHub Actions OIDC), which is the one unsigned call.
public struct STSClient: Sendable {
    public let endpoint: Endpoint
    let caller: SignedCaller

    public init(endpoint: Endpoint, region: String, credentials: (any CredentialProvider)?, transport: any HTTPTransport,
                retry: RetryPolicy = RetryPolicy(), sleeper: Sleeper = .real, clock: @escaping @Sendable () -> Date = { Date() },
                statistics: CallStatistics = CallStatistics(), clockSkew: ClockSkew = ClockSkew()) {
        self.endpoint = endpoint
        caller = SignedCaller(service: "sts", region: region, endpoint: endpoint, credentials: credentials, transport: transport,
                              retry: retry, sleeper: sleeper, clock: clock, statistics: statistics, rateLimiter: nil,
                              adaptive: nil, clockSkew: clockSkew)
    }

    /// The regional STS endpoint, `https://sts.REGION.amazonaws.com` (`.com.cn` in China).
    public static func standardEndpoint(region: String) -> Endpoint {
        Endpoint(host: "sts.\(region).amazonaws.com" + (region.hasPrefix("cn-") ? ".cn" : ""))
    }

    public struct CallerIdentity: Sendable, Equatable {
        public var account: String
        public var arn: String
        public var userID: String
    }

    public func getCallerIdentity() async throws -> CallerIdentity {
        let xml = try await query("GetCallerIdentity", [:])
        guard let account = XMLText.element("Account", in: xml), let arn = XMLText.element("Arn", in: xml) else {
            throw UnexpectedResponse(operation: "GetCallerIdentity", status: 200, contentType: "text/xml",
                                     snippet: String(xml.prefix(300)), expected: "XML")
        }
        return CallerIdentity(account: account, arn: arn, userID: XMLText.element("UserId", in: xml) ?? "")
    }

    public func assumeRole(roleARN: String, sessionName: String, externalID: String? = nil, durationSeconds: Int? = nil) async throws -> Credentials {
        var parameters = ["RoleArn": roleARN, "RoleSessionName": sessionName]
        parameters["ExternalId"] = externalID
        parameters["DurationSeconds"] = durationSeconds.map(String.init)
        let xml = try await query("AssumeRole", parameters)
        return try Self.credentials(in: xml, operation: "AssumeRole", source: "assumed role \(roleARN)")
    }

    public func assumeRoleWithWebIdentity(roleARN: String, sessionName: String, token: String, durationSeconds: Int? = nil) async throws -> Credentials {
        var parameters = ["RoleArn": roleARN, "RoleSessionName": sessionName, "WebIdentityToken": token]
        parameters["DurationSeconds"] = durationSeconds.map(String.init)
        let xml = try await query("AssumeRoleWithWebIdentity", parameters)
        return try Self.credentials(in: xml, operation: "AssumeRoleWithWebIdentity", source: "web identity role \(roleARN)")
    }

    private func query(_ action: String, _ parameters: [String: String]) async throws -> String {
        let pairs = [("Action", action), ("Version", "2011-06-15")] + parameters.sorted { $0.key < $1.key }
        let body = pairs.map { URIEncoding.encode($0.0, encodeSlash: true) + "=" + URIEncoding.encode($0.1, encodeSlash: true) }
            .joined(separator: "&")
        let request = HTTPRequest(method: "POST", endpoint: endpoint, path: "/",
                                  headers: [("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")], body: Array(body.utf8))
        return try await caller.send(action, request).bodyText
    }

    static func credentials(in xml: String, operation: String, source: String) throws -> Credentials {
        guard let key = XMLText.element("AccessKeyId", in: xml), let secret = XMLText.element("SecretAccessKey", in: xml) else {
            // Never echo the body here: it may hold part of a secret.
            throw UnexpectedResponse(operation: operation, status: 200, contentType: "text/xml", snippet: "(no credentials in the answer)",
                                     expected: "XML")
        }
        return Credentials(accessKeyID: key, secretAccessKey: secret, sessionToken: XMLText.element("SessionToken", in: xml),
                           expiration: XMLText.element("Expiration", in: xml).flatMap(Timestamp.parse), source: source)
    }
}

/// The ISO 8601 timestamps AWS answers with (`2026-11-26T17:00:00Z`, with or without
/// fractional seconds): credential sources, and `aws ecr describe-images` output.
public enum Timestamp {
    private static let lock = NSLock()
    // Made once: a describe-images file can hold 100,000 timestamps.
    nonisolated(unsafe) private static let plain = ISO8601DateFormatter()
    nonisolated(unsafe) private static let fractional: ISO8601DateFormatter = {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }()

    public static func parse(_ text: String) -> Date? {
        lock.withLock { plain.date(from: text) ?? fractional.date(from: text) }
    }
}
