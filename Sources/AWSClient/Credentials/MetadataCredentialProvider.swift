import Foundation

/// Credentials served over HTTP by the platform: the ECS/EKS container endpoint, or EC2's
/// instance metadata service (IMDSv2: a session token first). Both answer JSON with
/// `AccessKeyId`, `SecretAccessKey`, `Token`, `Expiration`.
struct MetadataCredentialProvider: Sendable {
    enum Source: Sendable {
        /// The full URL and the value of the `Authorization` header, if any.
        case container(url: String, authorization: String?)
        /// The IMDS base URL (`http://169.254.169.254`).
        case instanceMetadata(baseURL: String)
    }

    var source: Source
    /// A transport with short timeouts: outside EC2, IMDS is a black hole.
    var transport: any HTTPTransport

    private struct Document: Decodable {
        var AccessKeyId: String
        var SecretAccessKey: String
        var Token: String?
        var Expiration: String?
    }

    func fetch() async throws -> Credentials {
        switch source {
        case .container(let url, let authorization):
            let response = try await get(url, headers: authorization.map { [("Authorization", $0)] } ?? [], what: "container credentials")
            return try decode(response, source: "container credentials endpoint")
        case .instanceMetadata(let baseURL):
            let token = try await send(
                Self.request("PUT", baseURL + "/latest/api/token", headers: [("X-aws-ec2-metadata-token-ttl-seconds", "21600")]),
                what: "the instance metadata token")
            let tokenHeader = [("X-aws-ec2-metadata-token", token.bodyText)]
            let rolesURL = baseURL + "/latest/meta-data/iam/security-credentials/"
            let roles = try await get(rolesURL, headers: tokenHeader, what: "the instance profile")
            guard let role = roles.bodyText.split(whereSeparator: \.isNewline).first.map(String.init) else {
                throw ConfigurationError("the instance metadata service lists no instance profile role")
            }
            let document = try await get(rolesURL + role, headers: tokenHeader, what: "instance profile credentials")
            return try decode(document, source: "instance profile \(role)")
        }
    }

    private func get(_ url: String, headers: [(name: String, value: String)], what: String) async throws -> HTTPResponse {
        try await send(Self.request("GET", url, headers: headers), what: what)
    }

    private func send(_ request: HTTPRequest, what: String) async throws -> HTTPResponse {
        let response: HTTPResponse
        do {
            response = try await transport.send(request)
        } catch let error as TransportError {
            throw ConfigurationError("could not fetch \(what) from \(request.endpoint): \(error.message)")
        }
        guard (200..<300).contains(response.status) else {
            throw ConfigurationError("could not fetch \(what) from \(request.endpoint): HTTP \(response.status)")
        }
        return response
    }

    private func decode(_ response: HTTPResponse, source: String) throws -> Credentials {
        guard let document = try? JSONDecoder().decode(Document.self, from: Data(response.body)) else {
            throw ConfigurationError("the \(source) did not answer with credentials JSON")
        }
        return Credentials(accessKeyID: document.AccessKeyId, secretAccessKey: document.SecretAccessKey, sessionToken: document.Token,
                           expiration: document.Expiration.flatMap(Timestamp.parse), source: source)
    }

    /// Splits `http://host:port/path?query` into the request the transport wants.
    static func request(_ method: String, _ url: String, headers: [(name: String, value: String)]) -> HTTPRequest {
        let endpoint = Endpoint(url: url) ?? Endpoint(scheme: "http", host: "invalid")
        let afterScheme = url.range(of: "://").map { url[$0.upperBound...] } ?? Substring(url)
        let pathAndQuery = afterScheme.firstIndex(of: "/").map { String(afterScheme[$0...]) } ?? "/"
        let parts = pathAndQuery.split(separator: "?", maxSplits: 1).map(String.init)
        let query = parts.count > 1
            ? parts[1].split(separator: "&").map { pair -> (String, String) in
                let kv = pair.split(separator: "=", maxSplits: 1).map { URIEncoding.decode(String($0)) }
                return (kv[0], kv.count > 1 ? kv[1] : "")
            } : []
        return HTTPRequest(method: method, endpoint: endpoint, path: URIEncoding.decode(parts.first ?? "/"), query: query, headers: headers)
    }
}
