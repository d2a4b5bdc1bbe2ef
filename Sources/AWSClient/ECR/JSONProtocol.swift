import Foundation

/// AWS's JSON 1.1 protocol: POST `/`, the operation in `X-Amz-Target`, JSON both ways,
/// errors as `{"__type": …, "message": …}` (read by `ErrorResponse`).
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
            throw ErrorResponse.unexpected(response, operation: operation)
        }
    }
}

extension SignedCaller {
    /// One JSON 1.1 operation: encode, send (signed, retried), decode.
    func call<Input: Encodable, Output: Decodable>(
        _ operation: String, _ input: Input, protocol jsonProtocol: JSONProtocol, repository: String? = nil
    ) async throws -> Output {
        let request = try jsonProtocol.request(operation: operation, input: input, endpoint: endpoint)
        let response = try await send(operation, request, repository: repository)
        return try jsonProtocol.decode(Output.self, from: response, operation: operation)
    }
}
