import AWSClient
import Foundation
import Testing
import TestSupport

/// The headers the AWS SDKs never sign stay out of our signature too, so a proxy that
/// rewrites them cannot break a request: checked against botocore's own signer, and against
/// moto verifying signatures behind a proxy that rewrites `User-Agent`.
@Suite struct UnsignedHeadersTests {
    static let date = ISO8601DateFormatter().date(from: "2015-08-30T12:36:00Z")!

    @Test func aRequestCarryingUnsignedHeadersSignsAsBotocoreSignsIt() throws {
        let headers: [(name: String, value: String)] = [
            ("Content-Type", "application/x-amz-json-1.1"), ("X-Amz-Target", "AmazonEC2ContainerRegistry_V20150921.DescribeRepositories"),
            ("User-Agent", "ecr-apply/0.1.0 os/linux#6.1.0 md/arch#x86_64 lang/swift"), ("Expect", "100-continue"),
            ("Transfer-Encoding", "chunked"), ("X-Amzn-Trace-Id", "Root=1-5759e988-bd862e3fe1be46a994272793"),
        ]
        let body = #"{"maxResults":10}"#
        var request = HTTPRequest(method: "POST", endpoint: Endpoint(url: "https://api.ecr.us-east-1.amazonaws.com")!, path: "/",
                                  headers: headers, body: Array(body.utf8))
        let signer = SigV4Signer(credentials: Credentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
                                 region: "us-east-1", service: "ecr")
        let ours = signer.signature(for: &request, at: Self.date)
        #expect(ours.signedHeaders == "content-type;host;x-amz-date;x-amz-target")

        let script = """
            import json
            from botocore.auth import SigV4Auth
            from botocore.awsrequest import AWSRequest
            from botocore.credentials import Credentials
            headers = json.loads('''\(String(decoding: try JSONSerialization.data(withJSONObject: Dictionary(uniqueKeysWithValues: headers.map { ($0.name, $0.value) })), as: UTF8.self))''')
            request = AWSRequest(method='POST', url='https://api.ecr.us-east-1.amazonaws.com/', data='\(body)', headers=headers)
            request.context['timestamp'] = '20150830T123600Z'
            request.headers['X-Amz-Date'] = '20150830T123600Z'
            auth = SigV4Auth(Credentials('AKIDEXAMPLE', 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY'), 'ecr', 'us-east-1')
            canonical = auth.canonical_request(request)
            print(json.dumps({'signed': auth.signed_headers(auth.headers_to_sign(request)),
                              'signature': auth.signature(auth.string_to_sign(request, canonical), request)}))
            """
        let result = try runProcess(URL(fileURLWithPath: Python.interpreter), ["-c", script], environment: ["PATH": "/usr/bin:/bin"])
        #expect(result.status == 0, "\(result.stderr)")
        let botocore = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: String]
        #expect(botocore["signed"] == ours.signedHeaders)
        #expect(botocore["signature"] == ours.signature)
    }

    @Test func aProxyThatRewritesTheUserAgentBreaksNoSignature() async throws {
        let moto = try MotoServer(extraEnvironment: ["INITIAL_NO_AUTH_ACTION_COUNT": "3"])
        let key = try moto.iamUser(allowed: ["ecr:*"])
        let seen = AgentLog()
        let proxy = try FaultProxy(upstreamPort: moto.port, rate: 0) { request in
            var rewritten = request
            seen.append(request.headers.first { $0.key.lowercased() == "user-agent" }?.value ?? "")
            rewritten.headers = request.headers.filter { $0.key.lowercased() != "user-agent" }
            rewritten.headers["User-Agent"] = "corporate-proxy/1.0 (rewritten)"
            return HTTPForwarder.forward(rewritten, toPort: moto.port)
        }
        let transport = CurlTransport(configuration: .init(userAgent: "ecr-apply/0.1.0 os/linux#6.1.0 md/arch#x86_64 lang/swift"))
        let ecr = ECRClient(endpoint: Endpoint(url: proxy.endpoint)!, region: "us-east-1",
                            credentials: StaticCredentialProvider(Credentials(accessKeyID: key.id, secretAccessKey: key.secret)),
                            transport: transport, retry: RetryPolicy(maximumAttempts: 1))
        _ = try await ecr.createRepository(CreateRepositoryInput(repositoryName: "through-a-proxy"))
        #expect(try await ecr.describeRepositories(names: ["through-a-proxy"]).count == 1)
        #expect(seen.values.count == 2)
        #expect(seen.values.allSatisfy { $0 == "ecr-apply/0.1.0 os/linux#6.1.0 md/arch#x86_64 lang/swift" }, "\(seen.values)")
    }
}

final class AgentLog: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String] = []
    func append(_ value: String) { lock.withLock { list.append(value) } }
    var values: [String] { lock.withLock { list } }
}
