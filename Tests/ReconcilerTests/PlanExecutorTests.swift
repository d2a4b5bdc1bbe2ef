import AWSClient
import Foundation
import Planner
@testable import Reconciler
import Testing
import TestSupport

/// The executor against a loopback stand-in that answers each ECR operation and records the
/// order they came in: ordering by kind, deletions last, and what a failure leaves undone.
@Suite struct PlanExecutorTests {
    static let credentials = StaticCredentialProvider(Credentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "secret"))

    /// A stand-in that fails the operations named in `failing` (by repository name in the body).
    func standIn(failingRepository failing: String? = nil) throws -> LoopbackHTTPServer {
        try LoopbackHTTPServer { request in
            let operation = request.headers.first { $0.key.lowercased() == "x-amz-target" }?.value ?? ""
            if let failing, request.body.contains("\"\(failing)\"") {
                return .respond(status: 400, body: #"{"__type":"InvalidParameterException","message":"refused by the stand-in"}"#)
            }
            switch operation {
            case let op where op.hasSuffix("CreateRepository"):
                return .respond(status: 200, body: #"{"repository":{"repositoryName":"x","repositoryArn":"arn:aws:ecr:us-east-1:123456789012:repository/x","registryId":"123456789012","repositoryUri":"u"}}"#)
            default:
                return .respond(status: 200, body: "{}")
            }
        }
    }

    func executor(_ server: LoopbackHTTPServer, events: EventLog = EventLog()) -> PlanExecutor {
        let ecr = ECRClient(endpoint: Endpoint(url: server.endpoint)!, region: "us-east-1", credentials: Self.credentials,
                            transport: CurlTransport(), retry: RetryPolicy(maximumAttempts: 1), adaptive: nil)
        return PlanExecutor(ecr: ecr, parallelism: 4, settling: Settling(newRepositoryWindow: 0, principalWindow: 0)) { events.append($0) }
    }

    func operations(_ server: LoopbackHTTPServer) -> [String] {
        server.requests.compactMap { request in
            request.headers.first { $0.key.lowercased() == "x-amz-target" }.map { String($0.value.split(separator: ".").last ?? "") }
        }
    }

    static let plan = Plan(region: "us-east-1", accountID: "123456789012", changes: [
        ResourceChange(address: .registryWide(.registryPolicy), action: .create, attributes: [
            AttributeChange(name: "policy", before: nil, after: .object(["Version": .string("2012-10-17"), "Statement": .array([])]),
                            document: #"{"Version":"2012-10-17","Statement":[]}"#),
        ]),
        ResourceChange(address: .repository("old"), action: .delete, attributes: [
            AttributeChange(name: "image_tag_mutability", before: .string("MUTABLE"), after: nil),
        ]),
        ResourceChange(address: .repository("api"), action: .create, attributes: [
            AttributeChange(name: "image_tag_mutability", before: nil, after: .string("IMMUTABLE")),
            AttributeChange(name: "scan_on_push", before: nil, after: .bool(true)),
        ]),
        ResourceChange(address: .registryWide(.replication), action: .create, attributes: [
            AttributeChange(name: "rules", before: .array([]), after: JSONValue(encoding: [
                ReplicationRule(destinations: [.init(region: "eu-west-1", registryID: "123456789012")], repositoryPrefixes: ["team-a/"]),
            ])),
        ]),
    ])

    @Test func repositoriesFirstThenRegistryObjectsThenDeletions() async throws {
        let server = try standIn()
        defer { server.stop() }
        let outcome = await executor(server).apply(Self.plan)
        #expect(outcome.succeeded, "\(outcome.failures)")
        #expect(operations(server) == ["CreateRepository", "PutReplicationConfiguration", "PutRegistryPolicy", "DeleteRepository"])
        #expect(outcome.summary == Plan.Summary(add: 3, change: 0, destroy: 1))
    }

    @Test func theStepsSendTypedValuesAsPlanned() async throws {
        let server = try standIn()
        defer { server.stop() }
        _ = await executor(server).apply(Self.plan)
        let bodies = Dictionary(server.requests.map { request in
            (String(request.headers.first { $0.key.lowercased() == "x-amz-target" }?.value.split(separator: ".").last ?? ""), request.body)
        }) { first, _ in first }
        let create = try JSONParser.value(bodies["CreateRepository"] ?? "")
        #expect(create["imageTagMutability"] == .string("IMMUTABLE"))
        #expect(create["imageScanningConfiguration"]?["scanOnPush"] == .bool(true))
        let replication = try JSONParser.value(bodies["PutReplicationConfiguration"] ?? "")
        let rule = replication["replicationConfiguration"]?["rules"]?.arrayValue?.first
        #expect(rule?["destinations"]?.arrayValue?.first?["region"] == .string("eu-west-1"))
        #expect(rule?["repositoryFilters"]?.arrayValue?.first?["filter"] == .string("team-a/"))
        #expect(try JSONParser.value(bodies["PutRegistryPolicy"] ?? "")["policyText"] == .string(#"{"Version":"2012-10-17","Statement":[]}"#))
    }

    @Test func aFailedStepSkipsTheDeletionsAndTheRestStillRuns() async throws {
        let server = try standIn(failingRepository: "api")
        defer { server.stop() }
        let events = EventLog()
        let outcome = await executor(server, events: events).apply(Self.plan)
        #expect(outcome.failures.keys.sorted() == ["repository.api"])
        #expect(outcome.skipped == ["repository.old"])
        #expect(!operations(server).contains("DeleteRepository"))
        #expect(operations(server).contains("PutRegistryPolicy"), "the registry objects still ran")
        #expect(events.all.contains(.skipped(address: "repository.old", reason: "not destroyed because an earlier step failed or the run was interrupted")))
    }

    @Test func aChangeWhoseValuesDoNotReadFailsLoudly() async throws {
        let server = try standIn()
        defer { server.stop() }
        let broken = Plan(region: "us-east-1", accountID: "123456789012", changes: [
            ResourceChange(address: .registryWide(.replication), action: .update, attributes: [
                AttributeChange(name: "rules", before: .array([]), after: .array([.object(["destination": .array([])])])),
            ]),
        ])
        let outcome = await executor(server).apply(broken)
        #expect(outcome.failures["registry.replication"] != nil, "a misnamed key is an error, not an empty destination list")
        #expect(operations(server).isEmpty, "nothing was sent")
    }

    /// A create whose first answer was lost comes back "already exists": the rule's settable
    /// fields are set and the step succeeds; exclusions register what the plan adds and
    /// deregister what it drops.
    @Test func registrySurfaceStepsAreIdempotentAndTyped() async throws {
        let server = try LoopbackHTTPServer { request in
            let operation = request.headers.first { $0.key.lowercased() == "x-amz-target" }?.value ?? ""
            if operation.hasSuffix("CreatePullThroughCacheRule") {
                return .respond(status: 400, body: #"{"__type":"PullThroughCacheRuleAlreadyExistsException","message":"exists"}"#)
            }
            return .respond(status: 200, body: "{}")
        }
        defer { server.stop() }
        let plan = Plan(region: "us-east-1", accountID: "123456789012", changes: [
            ResourceChange(address: Address(kind: .pullThroughCacheRule, key: "ghcr"), action: .create, attributes: [
                AttributeChange(name: "upstream_registry_url", before: nil, after: .string("ghcr.io")),
                AttributeChange(name: "credential_arn", before: nil, after: .string("arn:aws:secretsmanager:us-east-1:123456789012:secret:ecr-pullthroughcache/g")),
            ]),
            ResourceChange(address: .registryWide(.pullTimeUpdateExclusions), action: .update, attributes: [
                AttributeChange(name: "principal_arns", before: .array([.string("arn:aws:iam::1:role/old"), .string("arn:aws:iam::1:role/kept")]),
                                after: .array([.string("arn:aws:iam::1:role/kept"), .string("arn:aws:iam::1:role/new")])),
            ]),
        ])
        let outcome = await executor(server).apply(plan)
        #expect(outcome.succeeded, "\(outcome.failures)")
        #expect(operations(server) == ["CreatePullThroughCacheRule", "UpdatePullThroughCacheRule", "RegisterPullTimeUpdateExclusion",
                                       "DeregisterPullTimeUpdateExclusion"])
        let bodies = try server.requests.map { try JSONParser.value($0.body) }
        #expect(bodies[1]["credentialArn"] == .string("arn:aws:secretsmanager:us-east-1:123456789012:secret:ecr-pullthroughcache/g"))
        #expect(bodies[2]["principalArn"] == .string("arn:aws:iam::1:role/new"))
        #expect(bodies[3]["principalArn"] == .string("arn:aws:iam::1:role/old"))
    }

    @Test func everyKindHasStepsAndTheTablesAgree() {
        #expect(ReconcilerKinds.kinds == PlannerKinds.all.map { $0.kind })
        #expect(ReconcilerKinds.kinds == ResourceKind.allCases, "one entry per kind, in the list's order")
    }
}

/// The executor's events, in order.
final class EventLog: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [PlanExecutor.Event] = []
    func append(_ event: PlanExecutor.Event) { lock.withLock { events.append(event) } }
    var all: [PlanExecutor.Event] { lock.withLock { events } }
}
