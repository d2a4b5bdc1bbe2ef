import Foundation

/// AWS's JSON 1.1 protocol: POST `/`, the operation in `X-Amz-Target`, JSON both ways,
/// errors as `{"__type": …, "message": …}`.
struct JSONProtocol: Sendable {
    var targetPrefix: String
    var contentType = "application/x-amz-json-1.1"

    func request<Input: Encodable>(operation: String, input: Input, endpoint: Endpoint) throws -> HTTPRequest {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return HTTPRequest(
            method: "POST", endpoint: endpoint, path: "/",
            headers: [("Content-Type", contentType), ("X-Amz-Target", "\(targetPrefix).\(operation)")],
            body: Array(try encoder.encode(input)))
    }

    func decode<Output: Decodable>(_ type: Output.Type, from response: HTTPResponse, operation: String) throws -> Output {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        do {
            return try decoder.decode(Output.self, from: Data(response.body.isEmpty ? Array("{}".utf8) : response.body))
        } catch {
            throw unexpected(response, operation: operation)
        }
    }

    /// The error in a non-2xx answer, read from its JSON, its headers, or (for the XML some
    /// endpoints and emulators send) its `<Code>` and `<Message>` elements.
    func error(from response: HTTPResponse, operation: String) -> Error {
        let requestID = response.headers["x-amzn-requestid"] ?? response.headers["x-amz-request-id"]
        if let object = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any] {
            let rawType = (object["__type"] as? String) ?? response.headers["x-amzn-errortype"] ?? "UnknownError"
            let code = Self.shortCode(rawType)
            let message = (object["message"] as? String) ?? (object["Message"] as? String) ?? ""
            return AWSError(code: code, message: message, status: response.status, requestID: requestID, operation: operation)
        }
        let text = response.bodyText
        if let code = Self.element("Code", in: text) {
            return AWSError(code: code, message: Self.element("Message", in: text) ?? "", status: response.status,
                            requestID: requestID ?? Self.element("RequestId", in: text), operation: operation)
        }
        if let type = response.headers["x-amzn-errortype"] {
            return AWSError(code: Self.shortCode(type), message: "", status: response.status, requestID: requestID, operation: operation)
        }
        return unexpected(response, operation: operation)
    }

    func unexpected(_ response: HTTPResponse, operation: String) -> UnexpectedResponse {
        let snippet = String(response.bodyText.prefix(300)).replacingOccurrences(of: "\n", with: " ")
        return UnexpectedResponse(operation: operation, status: response.status, contentType: response.headers["content-type"],
                                  snippet: snippet.isEmpty ? "(empty body)" : snippet)
    }

    /// `com.amazonaws.ecr#RepositoryNotFoundException:…` → `RepositoryNotFoundException`.
    static func shortCode(_ raw: String) -> String {
        var code = Substring(raw)
        if let hash = code.lastIndex(of: "#") { code = code[code.index(after: hash)...] }
        if let colon = code.firstIndex(of: ":") { code = code[..<colon] }
        return String(code)
    }

    static func element(_ name: String, in xml: String) -> String? {
        guard let open = xml.range(of: "<\(name)>"), let close = xml.range(of: "</\(name)>", range: open.upperBound..<xml.endIndex) else { return nil }
        return String(xml[open.upperBound..<close.lowerBound])
    }
}
