import AWSClient
import Foundation
import Testing

/// AWS's published SigV4 conformance suite (vendored in `Fixtures/sigv4`, Apache-2.0, with its
/// source in the README there), header signing:
/// canonical request, string to sign and signature must match byte for byte. No case is skipped.
@Suite struct SigV4ConformanceTests {
    static let suiteDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().appendingPathComponent("Fixtures/sigv4")

    static let caseNames: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: suiteDirectory.path)) ?? []
        return names.filter { !$0.hasSuffix(".md") }.sorted()
    }()

    @Test func theWholeSuiteIsPresent() {
        #expect(Self.caseNames.count == 38, "expected the 38 cases in \(Self.suiteDirectory.path)")
    }

    @Test(arguments: caseNames)
    func headerSigningMatches(_ name: String) throws {
        let directory = Self.suiteDirectory.appendingPathComponent(name)
        func file(_ name: String) throws -> String { try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8) }
        let context = try JSONSerialization.jsonObject(with: Data(try file("context.json").utf8)) as! [String: Any]
        let credentialsJSON = context["credentials"] as! [String: String]
        let credentials = Credentials(
            accessKeyID: credentialsJSON["access_key_id"]!, secretAccessKey: credentialsJSON["secret_access_key"]!,
            sessionToken: credentialsJSON["token"])
        let options = SigV4Signer.Options(
            normalizePath: context["normalize"] as? Bool ?? true, signBody: context["sign_body"] as? Bool ?? false,
            omitSessionToken: context["omit_session_token"] as? Bool ?? false)
        let signer = SigV4Signer(credentials: credentials, region: context["region"] as! String, service: context["service"] as! String, options: options)
        let date = ISO8601DateFormatter().date(from: context["timestamp"] as! String)!

        var request = try RawRequest.parse(try file("request.txt"))
        let result = signer.signature(for: &request, at: date)
        #expect(result.canonicalRequest == (try file("header-canonical-request.txt")))
        #expect(result.stringToSign == (try file("header-string-to-sign.txt")))
        #expect(result.signature == (try file("header-signature.txt")))

        let signed = signer.sign(try RawRequest.parse(try file("request.txt")), at: date)
        let expected = try RawRequest.parse(try file("header-signed-request.txt"))
        #expect(signed.header("Authorization") == expected.header("Authorization"))
        #expect(signed.header("X-Amz-Security-Token") == expected.header("X-Amz-Security-Token"))
    }
}

/// Reads the suite's raw HTTP requests: request line, headers (with folded continuation
/// lines), blank line, body.
enum RawRequest {
    struct Malformed: Error {}

    static func parse(_ text: String) throws -> HTTPRequest {
        let (head, body): (Substring, Substring) = {
            if let blank = text.range(of: "\n\n") { return (text[..<blank.lowerBound], text[blank.upperBound...]) }
            return (text[...], "")
        }()
        var lines = head.split(separator: "\n", omittingEmptySubsequences: false)
        let requestLine = lines.removeFirst()
        guard let firstSpace = requestLine.firstIndex(of: " "), let version = requestLine.range(of: " HTTP/", options: .backwards) else {
            throw Malformed()
        }
        let method = String(requestLine[..<firstSpace])
        let target = requestLine[requestLine.index(after: firstSpace)..<version.lowerBound]
        var path = String(target), query: [(String, String)] = []
        if let mark = target.firstIndex(of: "?") {
            path = String(target[..<mark])
            query = target[target.index(after: mark)...].split(separator: "&").map { pair in
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
            }
        }
        var headers: [(name: String, value: String)] = []
        for line in lines where !line.isEmpty {
            if line.first == " " || line.first == "\t", !headers.isEmpty {
                headers[headers.count - 1].value += "\n" + line
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { throw Malformed() }
            headers.append((String(line[..<colon]), String(line[line.index(after: colon)...])))
        }
        let host = headers.first { $0.name.lowercased() == "host" }?.value ?? "example.amazonaws.com"
        return HTTPRequest(method: method, endpoint: Endpoint(host: host), path: path, query: query, headers: headers, body: Array(body.utf8))
    }
}
