import Foundation
import JSON

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

    /// A request whose body is already a JSON value: the hot reads skip Codable both ways.
    func request(operation: String, body: JSONValue, endpoint: Endpoint) -> HTTPRequest {
        HTTPRequest(method: "POST", endpoint: endpoint, path: "/",
                    headers: [("Content-Type", contentType), ("X-Amz-Target", "\(targetPrefix).\(operation)")],
                    body: Array(body.compactText.utf8))
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

extension SignedCaller {
    /// One JSON 1.1 operation on JSON values: for the reads a plan makes once per repository,
    /// where Foundation's JSONEncoder and JSONDecoder were most of the client's own CPU.
    func callValue(_ operation: String, _ body: JSONValue, protocol jsonProtocol: JSONProtocol, repository: String? = nil) async throws -> JSONValue {
        let response = try await send(operation, jsonProtocol.request(operation: operation, body: body, endpoint: endpoint), repository: repository)
        if response.body.isEmpty { return .object([:]) }
        guard let value = try? JSONParser.value(response.bodyText) else { throw ErrorResponse.unexpected(response, operation: operation) }
        return value
    }
}
