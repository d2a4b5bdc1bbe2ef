import AWSClient
import Foundation
import Testing

/// What real AWS does and moto does not, at the client: clock skew, throttling that should
/// slow the client down, pages of images, batches of tags. Scripted transports; no sleeping.
@Suite struct RealAWSBehaviourClientTests {
    static let credentials = StaticCredentialProvider(Credentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "secret"))

    static func httpDate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }

    @Test func aSkewedClockIsCorrectedFromTheServersDateAndTheRequestRetriedOnce() async throws {
        let now = Date(timeIntervalSince1970: 1_795_000_000)
        let server = now.addingTimeInterval(600)
        let transport = ScriptedTransport([
            HTTPResponse(status: 403, headers: ["date": Self.httpDate(server)],
                         body: Array(#"{"__type":"InvalidSignatureException","message":"Signature expired: 20261126T170000Z is now earlier than 20261126T170500Z"}"#.utf8)),
            HTTPResponse(status: 200, body: Array(#"{"repositories":[]}"#.utf8)),
        ])
        final class Heard: @unchecked Sendable { let lock = NSLock(); var offsets: [TimeInterval] = [] }
        let heard = Heard()
        let skew = ClockSkew { offset in heard.lock.withLock { heard.offsets.append(offset) } }
        let ecr = ECRClient(endpoint: Endpoint(host: "ecr.test"), region: "us-east-1", credentials: Self.credentials, transport: transport,
                            retry: RetryPolicy(maximumAttempts: 1), clock: { now }, clockSkew: skew)
        #expect(try await ecr.describeRepositories().isEmpty, "retried once even with a single attempt allowed")
        #expect(transport.requests.count == 2)
        #expect(transport.requests[0].header("X-Amz-Date") == "20261118T110640Z")
        #expect(transport.requests[1].header("X-Amz-Date") == "20261118T111640Z", "signed ten minutes later, with AWS's time")
        #expect(heard.lock.withLock { heard.offsets } == [600])
        #expect(skew.seconds == 600)
    }

    @Test func aSkewErrorWithoutADateIsNotRetried() async throws {
        let transport = ScriptedTransport([
            HTTPResponse(status: 400, body: Array(#"{"__type":"RequestTimeTooSkewed","message":"too skewed"}"#.utf8)),
        ])
        let ecr = ECRClient(endpoint: Endpoint(host: "ecr.test"), region: "us-east-1", credentials: Self.credentials, transport: transport,
                            retry: RetryPolicy(maximumAttempts: 1))
        await #expect(throws: AWSError.self) { try await ecr.describeRepositories() }
        #expect(transport.requests.count == 1)
    }

    @Test func noLimitUntilThrottledThenCubicCutsAndRecovers() async throws {
        final class Clock: @unchecked Sendable { let lock = NSLock(); var now = Date(timeIntervalSince1970: 0) }
        let clock = Clock(), delays = DelayRecorder()
        let limiter = AdaptiveRateLimiter(clock: { clock.lock.withLock { clock.now } }, sleeper: Sleeper { delays.record($0) })
        // 100 requests a second for two seconds, all answered: no limit, no waiting.
        for step in 0..<200 {
            clock.lock.withLock { clock.now = Date(timeIntervalSince1970: Double(step) / 100) }
            try await limiter.acquire()
            await limiter.record(throttled: false)
        }
        #expect(await limiter.enabled == false)
        #expect(delays.values.isEmpty)
        // Throttled: the rate becomes 70 % of the measured one.
        await limiter.record(throttled: true)
        let cut = try #require(await limiter.settledRate)
        #expect(cut > 50 && cut < 80, "0.7 × about 100/s: \(cut)")
        #expect(await limiter.throttles == 1)
        // Sending now waits for tokens.
        for _ in 0..<5 { try await limiter.acquire() }
        #expect(!delays.values.isEmpty)
        // Answers without throttling (the client still sending 100 a second) grow the rate back
        // along the cubic curve, past the old one (but never past twice the measured rate).
        var rates: [Double] = []
        for step in 1...1000 {
            clock.lock.withLock { clock.now = Date(timeIntervalSince1970: 2 + Double(step) / 100) }
            await limiter.record(throttled: false)
            if step % 100 == 0 { rates.append(await limiter.fillRate) }
        }
        #expect(zip(rates, rates.dropFirst()).allSatisfy { $0 <= $1 }, "it only grows: \(rates)")
        #expect(rates[2...4].allSatisfy { abs($0 - 99) < 5 }, "it flattens near the rate it was throttled at: \(rates)")
        #expect(rates.last! > cut, "recovered: \(rates)")
        #expect(rates.last! <= 200.0 + 1e-9, "at most twice the measured rate: \(rates)")
    }

    @Test func theClientTurnsTheLimiterOnAtTheFirstThrottle() async throws {
        let transport = ScriptedTransport([
            HTTPResponse(status: 200, body: Array(#"{"repositories":[]}"#.utf8)),
            HTTPResponse(status: 400, body: Array(#"{"__type":"ThrottlingException","message":"Rate exceeded"}"#.utf8)),
            HTTPResponse(status: 200, body: Array(#"{"repositories":[]}"#.utf8)),
        ])
        let limiter = AdaptiveRateLimiter(sleeper: Sleeper { _ in })
        let ecr = ECRClient(endpoint: Endpoint(host: "ecr.test"), region: "us-east-1", credentials: Self.credentials, transport: transport,
                            sleeper: Sleeper { _ in }, adaptive: limiter)
        _ = try await ecr.describeRepositories()
        #expect(await limiter.enabled == false, "no limit while AWS does not throttle")
        _ = try await ecr.describeRepositories()
        #expect(await limiter.enabled == true)
        #expect(await limiter.throttles == 1)
    }

    @Test func imagesArePagedAndEachPageIsReported() async throws {
        func page(_ range: Range<Int>, next: String?) -> HTTPResponse {
            let images = range.map { #"{"imageDigest":"sha256:\#($0)","imagePushedAt":1795000000}"# }.joined(separator: ",")
            return HTTPResponse(status: 200, body: Array(#"{"imageDetails":[\#(images)]\#(next.map { #","nextToken":"\#($0)""# } ?? "")}"#.utf8))
        }
        let transport = ScriptedTransport([page(0..<1000, next: "a"), page(1000..<2000, next: "b"), page(2000..<2500, next: nil)])
        final class Pages: @unchecked Sendable { let lock = NSLock(); var counts: [Int] = [] }
        let pages = Pages()
        let ecr = ECRClient(endpoint: Endpoint(host: "ecr.test"), region: "us-east-1", credentials: Self.credentials, transport: transport)
        let images = try await ecr.describeImages(repository: "big") { count in pages.lock.withLock { pages.counts.append(count) } }
        #expect(images.count == 2500)
        #expect(pages.lock.withLock { pages.counts } == [1000, 2000, 2500])
        #expect(transport.requests.map { String(decoding: $0.body, as: UTF8.self).contains("\"maxResults\":1000") } == [true, true, true])
    }

    @Test func tagsGoFiftyACall() async throws {
        let transport = ScriptedTransport(Array(repeating: HTTPResponse(status: 200, body: Array("{}".utf8)), count: 6))
        let ecr = ECRClient(endpoint: Endpoint(host: "ecr.test"), region: "us-east-1", credentials: Self.credentials, transport: transport)
        try await ecr.tagResource(resourceArn: "arn", tags: (0..<120).map { ECRTag("k\($0)", "v") })
        try await ecr.untagResource(resourceArn: "arn", keys: (0..<51).map { "k\($0)" })
        #expect(transport.requests.count == 5, "3 tag calls (50, 50, 20) and 2 untag calls (50, 1)")
    }
}
