/// An HTTP request as the signer and the transport see it. Headers keep their order and
/// may repeat, as on the wire.
public struct HTTPRequest: Sendable, Equatable {
    public var method: String
    /// `https://host[:port]` with no path.
    public var endpoint: Endpoint
    /// The path, not yet percent-encoded (`/`, `/example space/`).
    public var path: String
    /// Query parameters as (name, value), not yet percent-encoded.
    public var query: [(String, String)]
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(method: String, endpoint: Endpoint, path: String = "/", query: [(String, String)] = [],
                headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.method = method
        self.endpoint = endpoint
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    public mutating func setHeader(_ name: String, _ value: String) {
        headers.removeAll { $0.name.lowercased() == name.lowercased() }
        headers.append((name, value))
    }

    /// The full URL with path and query percent-encoded, for the transport.
    public var url: String {
        var url = endpoint.baseURL + URIEncoding.encode(path, encodeSlash: false)
        if !query.isEmpty {
            url += "?" + query.map { URIEncoding.encode($0.0, encodeSlash: true) + "=" + URIEncoding.encode($0.1, encodeSlash: true) }
                .joined(separator: "&")
        }
        return url
    }

    public static func == (lhs: HTTPRequest, rhs: HTTPRequest) -> Bool {
        lhs.method == rhs.method && lhs.endpoint == rhs.endpoint && lhs.path == rhs.path
            && lhs.query.map { [$0.0, $0.1] } == rhs.query.map { [$0.0, $0.1] }
            && lhs.headers.map { [$0.name, $0.value] } == rhs.headers.map { [$0.name, $0.value] } && lhs.body == rhs.body
    }
}

/// An HTTP response: status, headers by lowercased name, and the body.
public struct HTTPResponse: Sendable, Equatable {
    public var status: Int
    public var headers: [String: String]
    public var body: [UInt8]

    public init(status: Int, headers: [String: String] = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public var bodyText: String { String(decoding: body, as: UTF8.self) }
}

/// Where requests go: scheme, host and port.
public struct Endpoint: Sendable, Hashable, CustomStringConvertible {
    public var scheme: String
    public var host: String
    public var port: Int?

    public init(scheme: String = "https", host: String, port: Int? = nil) {
        self.scheme = scheme
        self.host = host
        self.port = port
    }

    /// Parses `http://127.0.0.1:5000` or `https://ecr.us-east-1.amazonaws.com/`.
    public init?(url: String) {
        guard let schemeEnd = url.range(of: "://") else { return nil }
        let scheme = String(url[..<schemeEnd.lowerBound]).lowercased()
        guard scheme == "http" || scheme == "https" else { return nil }
        var authority = url[schemeEnd.upperBound...]
        if let slash = authority.firstIndex(of: "/") { authority = authority[..<slash] }
        guard !authority.isEmpty else { return nil }
        if let colon = authority.lastIndex(of: ":"), !authority.hasSuffix("]") {
            guard let port = Int(authority[authority.index(after: colon)...]) else { return nil }
            self.init(scheme: scheme, host: String(authority[..<colon]), port: port)
        } else {
            self.init(scheme: scheme, host: String(authority))
        }
    }

    /// The `Host` header value: the port is included only when it is not the scheme's default.
    public var hostHeader: String {
        guard let port, !(scheme == "https" && port == 443), !(scheme == "http" && port == 80) else { return host }
        return "\(host):\(port)"
    }

    public var baseURL: String { "\(scheme)://\(hostHeader)" }
    public var description: String { baseURL }
}

/// RFC 3986 percent-encoding as SigV4 wants it: everything but unreserved characters.
public enum URIEncoding {
    public static func encode(_ text: String, encodeSlash: Bool) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: "/") where !encodeSlash:
                out.append("/")
            default:
                out += "%" + String(byte >> 4, radix: 16, uppercase: true) + String(byte & 0xF, radix: 16, uppercase: true)
            }
        }
        return out
    }

    /// Undoes percent-encoding (for query strings that arrive already encoded).
    public static func decode(_ text: String) -> String {
        var bytes: [UInt8] = []
        var utf8 = Array(text.utf8)[...]
        while let byte = utf8.popFirst() {
            if byte == UInt8(ascii: "%"), utf8.count >= 2,
                let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(value)
                utf8 = utf8.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
