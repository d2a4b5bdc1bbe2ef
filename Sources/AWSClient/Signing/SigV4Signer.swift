import Crypto
import Foundation

/// AWS Signature Version 4, header signing. A pure value: the credentials, scope and
/// time are given, so the same input always gives the same signature.
public struct SigV4Signer: Sendable {
    /// The few ways services differ in how they want requests signed.
    public struct Options: Sendable {
        /// Remove `.`/`..` segments and repeated slashes from the path (every service but S3).
        public var normalizePath = true
        /// Add and sign `x-amz-content-sha256`.
        public var signBody = false
        /// Add the session token after signing instead of signing it (a few services want this).
        public var omitSessionToken = false
        public init(normalizePath: Bool = true, signBody: Bool = false, omitSessionToken: Bool = false) {
            self.normalizePath = normalizePath
            self.signBody = signBody
            self.omitSessionToken = omitSessionToken
        }
    }

    public var credentials: Credentials
    public var region: String
    public var service: String
    public var options: Options
    /// Remembers the day's signing key: four HMACs saved on every request but the first.
    var keyCache: SigningKeyCache?

    public init(credentials: Credentials, region: String, service: String, options: Options = Options()) {
        self.credentials = credentials
        self.region = region
        self.service = service
        self.options = options
    }

    /// The intermediate results, for tests and `--debug` (which prints none of the secret).
    public struct Signature: Sendable {
        public var canonicalRequest: String
        public var stringToSign: String
        public var signedHeaders: String
        public var signature: String
        public var authorization: String
    }

    /// Headers the AWS SDKs never sign (botocore's `UNSIGNED_HEADERS`; the Java and Go SDKs
    /// keep the same list): proxies and HTTP stacks rewrite them, which must not break a signature.
    public static let unsignedHeaders: Set<String> = ["user-agent", "expect", "transfer-encoding", "x-amzn-trace-id"]

    /// Returns `request` with `X-Amz-Date`, the session token, and `Authorization` added.
    /// Every header present is signed except `unsignedHeaders`.
    public func sign(_ request: HTTPRequest, at date: Date) -> HTTPRequest {
        var signed = request
        let result = signature(for: &signed, at: date)
        signed.setHeader("Authorization", result.authorization)
        if options.omitSessionToken, let token = credentials.sessionToken { signed.setHeader("X-Amz-Security-Token", token) }
        return signed
    }

    /// Adds the headers that take part in the signature to `request` and computes it.
    public func signature(for request: inout HTTPRequest, at date: Date) -> Signature {
        let timestamp = AMZDate(date)
        if request.header("host") == nil { request.headers.insert(("Host", request.endpoint.hostHeader), at: 0) }
        request.setHeader("X-Amz-Date", timestamp.long)
        let payloadHash = SHA256.hash(data: request.body).hexString
        if options.signBody { request.setHeader("X-Amz-Content-Sha256", payloadHash) }
        if let token = credentials.sessionToken, !options.omitSessionToken { request.setHeader("X-Amz-Security-Token", token) }

        let (canonicalHeaders, signedHeaders) = Self.canonicalHeaders(request.headers)
        let canonicalRequest = [
            request.method,
            canonicalPath(request.path),
            Self.canonicalQuery(request.query),
            canonicalHeaders,
            signedHeaders,
            payloadHash,
        ].joined(separator: "\n")
        let scope = "\(timestamp.short)/\(region)/\(service)/aws4_request"
        let stringToSign = ["AWS4-HMAC-SHA256", timestamp.long, scope, SHA256.hash(data: Array(canonicalRequest.utf8)).hexString]
            .joined(separator: "\n")
        let signature = HMAC<SHA256>.authenticationCode(for: Array(stringToSign.utf8), using: signingKey(day: timestamp.short)).hexString
        let authorization = "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyID)/\(scope), SignedHeaders=\(signedHeaders), Signature=\(signature)"
        return Signature(canonicalRequest: canonicalRequest, stringToSign: stringToSign, signedHeaders: signedHeaders,
                         signature: signature, authorization: authorization)
    }

    private func signingKey(day: String) -> SymmetricKey {
        let scope = SigningKeyCache.Scope(secret: credentials.secretAccessKey, day: day, region: region, service: service)
        if let cached = keyCache?.key(for: scope) { return cached }
        func hmac(_ key: SymmetricKey, _ text: String) -> SymmetricKey {
            SymmetricKey(data: HMAC<SHA256>.authenticationCode(for: Array(text.utf8), using: key))
        }
        let secret = SymmetricKey(data: Array(("AWS4" + credentials.secretAccessKey).utf8))
        let key = hmac(hmac(hmac(hmac(secret, day), region), service), "aws4_request")
        keyCache?.store(key, for: scope)
        return key
    }

    func canonicalPath(_ path: String) -> String {
        let raw = path.isEmpty ? "/" : path
        guard options.normalizePath else { return URIEncoding.encode(raw, encodeSlash: false) }
        var segments: [Substring] = []
        for segment in raw.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".": continue
            case "..": if !segments.isEmpty { segments.removeLast() }
            default: segments.append(segment)
            }
        }
        let trailingSlash = raw.hasSuffix("/") && !segments.isEmpty
        let normalized = "/" + segments.joined(separator: "/") + (trailingSlash ? "/" : "")
        return URIEncoding.encode(normalized, encodeSlash: false)
    }

    static func canonicalQuery(_ query: [(String, String)]) -> String {
        query.map { (URIEncoding.encode(URIEncoding.decode($0.0), encodeSlash: true), URIEncoding.encode(URIEncoding.decode($0.1), encodeSlash: true)) }
            .sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
            .map { "\($0.0)=\($0.1)" }
            .joined(separator: "&")
    }

    /// Lowercased names, values trimmed with inner runs of spaces folded, repeated names
    /// joined by commas in order, sorted by name.
    static func canonicalHeaders(_ headers: [(name: String, value: String)]) -> (canonical: String, signed: String) {
        var values: [String: [String]] = [:]
        for (name, value) in headers {
            let folded = value.utf8.contains(where: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D })
                ? value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).joined(separator: " ") : value
            let lowered = name.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A })
                ? String(decoding: name.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self) : name
            guard !unsignedHeaders.contains(lowered) else { continue }
            values[lowered, default: []].append(folded)
        }
        let names = values.keys.sorted()
        let canonical = names.map { "\($0):\(values[$0]!.joined(separator: ","))\n" }.joined()
        return (canonical, names.joined(separator: ";"))
    }
}

/// The two timestamp forms SigV4 uses, in UTC: `20150830T123600Z` and `20150830`.
struct AMZDate {
    let long: String
    let short: String

    init(_ date: Date) {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        short = "\(parts.tm_year + 1900)\(two(parts.tm_mon + 1))\(two(parts.tm_mday))"
        long = "\(short)T\(two(parts.tm_hour))\(two(parts.tm_min))\(two(parts.tm_sec))Z"
    }
}

extension Sequence where Element == UInt8 {
    var hexString: String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in self {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension SHA256.Digest {
    var hexString: String { Array(self).hexString }
}

extension HashedAuthenticationCode {
    var hexString: String { Array(self).hexString }
}

/// The last signing key derived, by the scope it signs for. Keys change once a day (and
/// with the credentials), so one entry is all a run needs.
final class SigningKeyCache: @unchecked Sendable {
    struct Scope: Equatable {
        var secret: String
        var day: String
        var region: String
        var service: String
    }

    private let lock = NSLock()
    private var entry: (scope: Scope, key: SymmetricKey)?

    func key(for scope: Scope) -> SymmetricKey? {
        lock.withLock { entry?.scope == scope ? entry?.key : nil }
    }

    func store(_ key: SymmetricKey, for scope: Scope) {
        lock.withLock { entry = (scope, key) }
    }
}
