import Foundation

/// Reads the error out of a failed answer, whatever the protocol: JSON (`__type`, `message`),
/// the `x-amzn-errortype` header, or XML (`<Code>`, `<Message>`: STS, and moto's auth errors).
enum ErrorResponse {
    static func error(from response: HTTPResponse, operation: String) -> Error {
        let error = parse(response, operation: operation)
        guard var awsError = error as? AWSError else { return error }
        awsError.serverDate = response.headers["date"].flatMap(ClockSkew.parseHTTPDate)
        return awsError
    }

    private static func parse(_ response: HTTPResponse, operation: String) -> Error {
        let requestID = response.headers["x-amzn-requestid"] ?? response.headers["x-amz-request-id"]
        if let object = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any] {
            let rawType = (object["__type"] as? String) ?? response.headers["x-amzn-errortype"] ?? "UnknownError"
            let message = (object["message"] as? String) ?? (object["Message"] as? String) ?? ""
            return AWSError(code: shortCode(rawType), message: message, status: response.status, requestID: requestID, operation: operation)
        }
        let text = response.bodyText
        if let code = XMLText.element("Code", in: text) {
            return AWSError(code: code, message: XMLText.element("Message", in: text) ?? "", status: response.status,
                            requestID: requestID ?? XMLText.element("RequestId", in: text), operation: operation)
        }
        if let type = response.headers["x-amzn-errortype"] {
            return AWSError(code: shortCode(type), message: "", status: response.status, requestID: requestID, operation: operation)
        }
        return unexpected(response, operation: operation)
    }

    static func unexpected(_ response: HTTPResponse, operation: String, expected: String = "JSON") -> UnexpectedResponse {
        let snippet = String(response.bodyText.prefix(300)).replacingOccurrences(of: "\n", with: " ")
        return UnexpectedResponse(operation: operation, status: response.status, contentType: response.headers["content-type"],
                                  snippet: snippet.isEmpty ? "(empty body)" : snippet, expected: expected)
    }

    /// `com.amazonaws.ecr#RepositoryNotFoundException:…` → `RepositoryNotFoundException`.
    static func shortCode(_ raw: String) -> String {
        var code = Substring(raw)
        if let hash = code.lastIndex(of: "#") { code = code[code.index(after: hash)...] }
        if let colon = code.firstIndex(of: ":") { code = code[..<colon] }
        return String(code)
    }
}

/// Just enough XML for the flat answers of STS and of error documents: the text of the
/// first element with a name, entities decoded.
enum XMLText {
    static func element(_ name: String, in xml: String) -> String? {
        guard let open = xml.range(of: "<\(name)>"), let close = xml.range(of: "</\(name)>", range: open.upperBound..<xml.endIndex) else {
            return nil
        }
        return decodeEntities(String(xml[open.upperBound..<close.lowerBound]))
    }

    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        return text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
