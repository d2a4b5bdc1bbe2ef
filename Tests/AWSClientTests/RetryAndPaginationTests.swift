import AWSClient
import Foundation
import Testing

/// Retry decisions (pure) and the client's retry and pagination loops, over a scripted
/// transport: no network, no real sleeping.
@Suite struct RetryAndPaginationTests {
    let policy = RetryPolicy(maximumAttempts: 4, baseDelay: 0.5, maximumDelay: 3)

    func awsError(_ code: String, status: Int = 400, message: String = "") -> AWSError {
        AWSError(code: code, message: message, status: status, operation: "Op")
    }

    @Test func retriesThrottlingServerErrorsAndDroppedConnections() {
        for error: Error in [
            awsError("ThrottlingException"), awsError("Anything", status: 429), awsError("Other", message: "Rate exceeded"),
            awsError("InternalServerError", status: 500), awsError("ServiceUnavailable", status: 503),
            TransportError(.connectionReset, "reset"), TransportError(.timedOut, "slow"), TransportError(.connectionFailed, "refused"),
        ] {
            #expect(policy.decide(error: error, attempt: 1, random: 0.5) != .fail, "\(error)")
        }
    }

    @Test func neverRetriesClientErrors() {
        for error: Error in [
            awsError("RepositoryNotFoundException"), awsError("InvalidParameterException"), awsError("AccessDeniedException", status: 403),
            awsError("InvalidSignatureException", status: 403), TransportError(.tls, "bad certificate"), CancellationError(),
        ] {
            #expect(policy.decide(error: error, attempt: 1, random: 0.5) == .fail, "\(error)")
        }
    }

    @Test func backoffIsExponentialCappedJitteredAndBounded() {
        let throttled = awsError("ThrottlingException")
        #expect(policy.decide(error: throttled, attempt: 1, random: 1) == .retry(after: 0.5))
        #expect(policy.decide(error: throttled, attempt: 2, random: 1) == .retry(after: 1))
        #expect(policy.decide(error: throttled, attempt: 3, random: 1) == .retry(after: 2))
        #expect(policy.decide(error: throttled, attempt: 3, random: 0) == .retry(after: 0), "full jitter reaches zero")
        #expect(RetryPolicy(maximumAttempts: 10, baseDelay: 0.5, maximumDelay: 3).decide(error: throttled, attempt: 8, random: 1) == .retry(after: 3))
        #expect(policy.decide(error: throttled, attempt: 4, random: 1) == .fail, "four attempts in all")
    }

    @Test func theClientRetriesUntilSuccessAndCountsIt() async throws {
        let transport = ScriptedTransport([
            HTTPResponse(status: 400, body: Array(#"{"__type":"ThrottlingException","message":"Rate exceeded"}"#.utf8)),
            HTTPResponse(status: 503, body: Array("<html>busy</html>".utf8)),
            HTTPResponse(status: 200, body: Array(#"{"repositories":[]}"#.utf8)),
        ])
        let delays = DelayRecorder()
        let ecr = ECRClient(endpoint: Endpoint(host: "ecr.test"), region: "us-east-1",
                            credentials: StaticCredentialProvider(Credentials(accessKeyID: "AKID", secretAccessKey: "secret")),
                            transport: transport, retry: policy, sleeper: Sleeper { delays.record($0) })
        #expect(try await ecr.describeRepositories().isEmpty)
        #expect(transport.requests.count == 3)
        #expect(ecr.statistics.retries == 2)
        #expect(delays.values.count == 2)
        #expect(delays.values.allSatisfy { $0 >= 0 && $0 <= 1 })
    }

    @Test func theClientGivesUpWithTheLastError() async throws {
        let throttled = HTTPResponse(status: 400, body: Array(#"{"__type":"ThrottlingException","message":"Rate exceeded"}"#.utf8))
        let transport = ScriptedTransport(Array(repeating: throttled, count: 4))
        let ecr = ECRClient(endpoint: Endpoint(host: "ecr.test"), region: "us-east-1",
                            credentials: StaticCredentialProvider(Credentials(accessKeyID: "AKID", secretAccessKey: "secret")),
                            transport: transport, retry: policy, sleeper: Sleeper { _ in })
        let error = await #expect(throws: AWSError.self) { try await ecr.getLifecyclePolicy(repository: "r1") }
        #expect(error?.code == "ThrottlingException")
        #expect(error?.repository == "r1")
        #expect(transport.requests.count == 4)
    }

    @Test func paginationFollowsNextTokenAndSignsEachPage() async throws {
        func page(_ names: [String], next: String?) -> HTTPResponse {
            let repositories = names.map { #"{"repositoryArn":"arn:aws:ecr:us-east-1:123456789012:repository/\#($0)","registryId":"123456789012","repositoryName":"\#($0)"}"# }
            let token = next.map { #","nextToken":"\#($0)""# } ?? ""
            return HTTPResponse(status: 200, body: Array(#"{"repositories":[\#(repositories.joined(separator: ","))]\#(token)}"#.utf8))
        }
        let transport = ScriptedTransport([page(["a-repo", "b-repo"], next: "t1"), page(["c-repo"], next: "t2"), page([], next: nil)])
        let ecr = ECRClient(endpoint: Endpoint(host: "ecr.test"), region: "us-east-1",
                            credentials: StaticCredentialProvider(Credentials(accessKeyID: "AKID", secretAccessKey: "secret", sessionToken: "TOKEN")),
                            transport: transport, sleeper: Sleeper { _ in })
        let names = try await ecr.describeRepositories().map(\.repositoryName)
        #expect(names == ["a-repo", "b-repo", "c-repo"])
        let bodies = transport.requests.map { String(decoding: $0.body, as: UTF8.self) }
        #expect(bodies == [#"{"maxResults":1000}"#, #"{"maxResults":1000,"nextToken":"t1"}"#, #"{"maxResults":1000,"nextToken":"t2"}"#])
        let first = try #require(transport.requests.first)
        #expect(first.header("X-Amz-Target") == "AmazonEC2ContainerRegistry_V20150921.DescribeRepositories")
        #expect(first.header("Content-Type") == "application/x-amz-json-1.1")
        #expect(first.header("X-Amz-Security-Token") == "TOKEN")
        #expect(first.header("Authorization")?.contains("SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target,") == true)
    }

    @Test func nonJSONAnswersSayWhatCameBack() async throws {
        let xml = "<ErrorResponse><Error><Code>InvalidClientTokenId</Code><Message>The security token included in the request is invalid.</Message></Error></ErrorResponse>"
        let transport = ScriptedTransport([
            HTTPResponse(status: 403, headers: ["content-type": "text/xml"], body: Array(xml.utf8)),
            HTTPResponse(status: 403, headers: ["content-type": "text/html"], body: Array("<html>Forbidden</html>".utf8)),
        ])
        let ecr = ECRClient(endpoint: Endpoint(host: "ecr.test"), region: "us-east-1",
                            credentials: StaticCredentialProvider(Credentials(accessKeyID: "AKID", secretAccessKey: "secret")),
                            transport: transport, sleeper: Sleeper { _ in })
        let error = await #expect(throws: AWSError.self) { try await ecr.describeRegistry() }
        #expect(error?.code == "InvalidClientTokenId")
        #expect(error?.message == "The security token included in the request is invalid.")
        let unexpected = await #expect(throws: UnexpectedResponse.self) { try await ecr.describeRegistry() }
        #expect(unexpected?.description == "DescribeRegistry: expected a JSON answer, got HTTP 403 text/html: <html>Forbidden</html>")
    }
}

/// Answers requests from a script, in order, and remembers them.
final class ScriptedTransport: HTTPTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var responses: [HTTPResponse]
    private var received: [HTTPRequest] = []

    init(_ responses: [HTTPResponse]) { self.responses = responses }

    var requests: [HTTPRequest] {
        lock.lock()
        defer { lock.unlock() }
        return received
    }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        try lock.withLock {
            received.append(request)
            guard !responses.isEmpty else { throw TransportError(.other, "script exhausted") }
            return responses.removeFirst()
        }
    }
}

final class DelayRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [TimeInterval] = []
    func record(_ delay: TimeInterval) {
        lock.lock()
        recorded.append(delay)
        lock.unlock()
    }
    var values: [TimeInterval] {
        lock.lock()
        defer { lock.unlock() }
        return recorded
    }
}
