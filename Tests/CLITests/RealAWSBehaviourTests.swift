import Foundation
import Testing
import TestSupport

/// Behaviours of real ECR and IAM that moto never shows, played by a proxy in front of it:
/// apply converges through them (or fails with the right message), read back with boto3.
@Suite struct RealAWSBehaviourTests {
    /// Counts per key, shared with a proxy's intercept closure.
    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var counts: [String: Int] = [:]
        /// Increments and returns the new count.
        func next(_ key: String) -> Int { lock.withLock { counts[key, default: 0] += 1; return counts[key]! } }
        func value(_ key: String) -> Int { lock.withLock { counts[key, default: 0] } }
    }

    static func notFound(_ name: String) -> LoopbackHTTPServer.Reply {
        .respond(status: 400, headers: ["Content-Type": "application/x-amz-json-1.1"],
                 body: #"{"__type":"RepositoryNotFoundException","message":"The repository with name '\#(name)' does not exist in the registry with id '123456789012'"}"#)
    }

    static func run(_ arguments: [String], _ proxy: FaultProxy) throws -> CommandResult {
        try ReliabilityTests.run(arguments, endpoint: proxy.endpoint)
    }

    @Test func callsRightAfterACreateThatMeetNotFoundAreRetriedAndConverge() throws {
        let moto = try MotoServer()
        let seen = Counter()
        // For each new repository, its first two policy calls meet "not found", as on real ECR.
        let proxy = try FaultProxy(upstreamPort: moto.port, rate: 0) { request in
            guard ["PutLifecyclePolicy", "SetRepositoryPolicy"].contains(request.operation), let name = request.repositoryName,
                seen.next(name + request.operation) <= 2
            else { return nil }
            return Self.notFound(name)
        }
        defer { proxy.stop() }
        let apply = try Self.run(["apply", "--auto-approve", "-f", "examples/registry.yaml"], proxy)
        #expect(apply.status == 0, "\(apply.stdout.suffix(600))\(apply.stderr)")
        #expect(seen.value("payment-serviceSetRepositoryPolicy") == 3, "two refusals, then the call that worked")
        let policies = try Python.boto3("""
            out(sorted(r['repositoryName'] for r in ecr.describe_repositories()['repositories']
                       if ecr.get_lifecycle_policy(repositoryName=r['repositoryName'])['lifecyclePolicyText']))
            """, endpoint: moto.endpoint)
        #expect(policies as? [String] == ["api-gateway", "order-service", "payment-service", "user-service"])
        #expect(try ReliabilityTests.run(["plan", "--detailed-exitcode", "-f", "examples/registry.yaml"], endpoint: moto.endpoint).status == 0)
    }

    @Test func planDoesNotMistakeTheSettlingWindowForDrift() throws {
        let moto = try MotoServer()
        #expect(try ReliabilityTests.run(["apply", "--auto-approve", "-f", "examples/registry.yaml"], endpoint: moto.endpoint).status == 0)
        let seen = Counter()
        // A repository listed but still settling: its first reads answer "not found".
        let proxy = try FaultProxy(upstreamPort: moto.port, rate: 0) { request in
            guard request.repositoryName == "user-service", request.operation == "GetLifecyclePolicy", seen.next("read") <= 2 else { return nil }
            return Self.notFound("user-service")
        }
        defer { proxy.stop() }
        let plan = try Self.run(["plan", "--detailed-exitcode", "-f", "examples/registry.yaml"], proxy)
        #expect(plan.status == 0, "no drift: \(plan.stdout.prefix(800))\(plan.stderr)")
        #expect(seen.value("read") == 3)
    }

    @Test func aPolicyIAMDoesNotKnowYetIsRetriedThenExplained() throws {
        let moto = try MotoServer()
        let seen = Counter()
        let refuse = LoopbackHTTPServer.Reply.respond(status: 400, headers: ["Content-Type": "application/x-amz-json-1.1"],
                                                      body: #"{"__type":"InvalidParameterException","message":"Invalid parameter at 'PolicyText' failed to satisfy constraint: 'Invalid repository policy provided'"}"#)
        // payment-service: IAM catches up after two refusals. api-gateway: never.
        let proxy = try FaultProxy(upstreamPort: moto.port, rate: 0) { request in
            guard request.operation == "SetRepositoryPolicy", let name = request.repositoryName else { return nil }
            if name == "api-gateway" { return refuse }
            return seen.next(name) <= 2 ? refuse : nil
        }
        defer { proxy.stop() }
        // Roles: principals IAM may not know for a while after they are created.
        let spec = try EndToEndTests.specFile("""
            version: 1
            registry: { region: us-east-1 }
            defaults:
              lifecycle_policy: null
              repository_policy:
                Version: "2012-10-17"
                Statement:
                  - { Sid: Deployer, Effect: Allow, Principal: { AWS: "arn:aws:iam::999888777666:role/deployer" }, Action: ecr:BatchGetImage }
            repositories: { payment-service: {}, api-gateway: {} }
            """)
        let apply = try Self.run(["apply", "--auto-approve", "--settle-timeout", "2", "-f", spec], proxy)
        #expect(apply.status == 1)
        #expect(apply.stdout.contains("repository.payment-service: created ("), "\(apply.stdout)")
        #expect(apply.stderr.contains("Error: repository.api-gateway: SetRepositoryPolicy (api-gateway): InvalidParameterException"), "\(apply.stderr)")
        #expect(apply.stderr.contains("a principal the policy names may not exist"), "\(apply.stderr)")
        let policy = try Python.boto3("out(json.loads(ecr.get_repository_policy(repositoryName='payment-service')['policyText'])['Statement'][0]['Sid'])",
                                      endpoint: moto.endpoint)
        #expect(policy as? String == "Deployer")
    }

    @Test func aPolicyNamingOnlyAccountsIsNotRetried() throws {
        let moto = try MotoServer()
        let proxy = try FaultProxy(upstreamPort: moto.port, rate: 0) { request in
            guard request.operation == "SetRepositoryPolicy" else { return nil }
            return .respond(status: 400, headers: ["Content-Type": "application/x-amz-json-1.1"],
                            body: #"{"__type":"InvalidParameterException","message":"Invalid parameter at 'PolicyText' failed to satisfy constraint: 'Invalid repository policy provided'"}"#)
        }
        defer { proxy.stop() }
        // The example's policies name account roots only: an account never propagates.
        let apply = try Self.run(["apply", "--auto-approve", "--stats", "-f", "examples/registry.yaml"], proxy)
        #expect(apply.status == 1)
        #expect(apply.stderr.contains("which need no propagation, so this is the policy itself"), "\(apply.stderr)")
        #expect(!apply.stderr.contains("may not exist"))
        #expect(apply.stderr.contains("SetRepositoryPolicy 2"), "one call per repository with a policy: \(apply.stderr)")
    }

    @Test func throttledBurstsOfPutsAreRetriedAndReported() throws {
        let moto = try MotoServer()
        let seen = Counter()
        let proxy = try FaultProxy(upstreamPort: moto.port, rate: 0) { request in
            guard request.operation == "PutLifecyclePolicy", seen.next("put") <= 6 else { return nil }
            return .respond(status: 400, headers: ["Content-Type": "application/x-amz-json-1.1"],
                            body: #"{"__type":"ThrottlingException","message":"Rate exceeded"}"#)
        }
        defer { proxy.stop() }
        let apply = try Self.run(["apply", "--auto-approve", "--max-attempts", "10", "-f", "examples/registry.yaml"], proxy)
        #expect(apply.status == 0, "\(apply.stderr)")
        #expect(apply.stdout.contains("(6 requests were retried)"), "\(apply.stdout.suffix(300))")
        #expect(apply.stderr.contains("note: AWS throttled 6 requests (6 retried in all); the client slowed to about"), "\(apply.stderr)")
    }

    @Test func aSkewedClockIsDetectedCorrectedAndSaidPlainly() throws {
        let moto = try MotoServer()
        // AWS's clock is ten minutes ahead of this machine's: requests signed more than five
        // minutes off are refused, with AWS's time in the Date header.
        let proxy = try FaultProxy(upstreamPort: moto.port, rate: 0) { request in
            let awsNow = Date().addingTimeInterval(600)
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "UTC")
            formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
            guard let signed = request.headers["x-amz-date"].flatMap(formatter.date(from:)), abs(signed.timeIntervalSince(awsNow)) > 300 else {
                return nil
            }
            formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
            return .respond(status: 403, headers: ["Content-Type": "application/x-amz-json-1.1", "Date": formatter.string(from: awsNow)],
                            body: #"{"__type":"InvalidSignatureException","message":"Signature expired: the request is now earlier than allowed"}"#)
        }
        defer { proxy.stop() }
        let plan = try Self.run(["plan", "--stats", "-f", "examples/registry.yaml"], proxy)
        #expect(plan.status == 0, "\(plan.stderr)")
        #expect(plan.stderr.contains("warning: this machine's clock is about 10 minutes behind AWS's"), "\(plan.stderr)")
        #expect(plan.stderr.components(separatedBy: "warning:").count == 2, "said once")
        #expect(plan.stdout.contains("Plan: 7 to add"))
    }

    @Test func aLongImageReadSaysSoAndOnlyHappensWhereAPlanNeedsImages() throws {
        let moto = try MotoServer()
        let spec = try LifecycleEndToEndTests.spec(keep: 10)
        #expect(try ReliabilityTests.run(["apply", "--auto-approve", "-f", spec], endpoint: moto.endpoint).status == 0)
        // A repository of 6,500 images, served 1,000 a page as ECR does (moto does not paginate).
        let pages = Counter()
        let proxy = try FaultProxy(upstreamPort: moto.port, rate: 0) { request in
            guard request.operation == "DescribeImages" else { return nil }
            let page = pages.next("page") - 1
            let count = page < 6 ? 1000 : 500
            let images = (0..<count).map { index -> String in
                let n = page * 1000 + index
                return #"{"imageDigest":"sha256:\#(n)","imageTags":["v\#(n)"],"imagePushedAt":\#(1_700_000_000 + n),"imageSizeInBytes":1000}"#
            }.joined(separator: ",")
            let next = page < 6 ? #","nextToken":"p\#(page + 1)""# : ""
            return .respond(status: 200, headers: ["Content-Type": "application/x-amz-json-1.1"],
                            body: #"{"imageDetails":[\#(images)]\#(next)}"#)
        }
        defer { proxy.stop() }
        let unchanged = try Self.run(["plan", "--stats", "-f", spec], proxy)
        #expect(unchanged.status == 0)
        #expect(!unchanged.stderr.contains("DescribeImages"), "a plain plan reads no images: \(unchanged.stderr)")

        let stricter = try LifecycleEndToEndTests.spec(keep: 2)
        let plan = try Self.run(["plan", "--stats", "-f", stricter], proxy)
        #expect(plan.status == 0, "\(plan.stderr)")
        #expect(plan.stderr.contains("reading the images of app: 5000 so far…"), "\(plan.stderr)")
        #expect(plan.stderr.contains("DescribeImages 7"), "every page: \(plan.stderr)")
        #expect(plan.stdout.contains("# lifecycle: would expire 6498 of 6500 images"), "\(plan.stdout)")
    }
}
