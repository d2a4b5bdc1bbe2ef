import AWSClient
import Foundation
import Reconciler
import Spec

/// The AWS side of one run, built from the command line, the environment and the spec:
/// region, endpoints, credentials, clients, and who we are (STS).
struct Session: Sendable {
    let region: String
    let ecr: ECRClient
    let sts: STSClient
    let statistics: CallStatistics
    let parallelism: Int
    let debug: Bool
    let stats: Bool
    let credentials: any CredentialProvider
    let settling: Settling

    /// `declaredRegion`: the region the spec (or a saved plan) names, `declaredBy` says where;
    /// it beats the environment, and a `--region` that contradicts it is refused here, before any call.
    /// `access`: how a registry of `registries:` is reached (its profile, a role assumed from
    /// the base credentials); each registry gets its own credentials, clients, rate and retries.
    init(options: AWSOptions, declaredRegion: String?, declaredBy: String = "registry.region", access: RegistryAccess = RegistryAccess(),
         environment: AWSEnvironment = .process()) throws {
        let environment = AWSEnvironment(variables: environment.variables, profileFlag: access.profile ?? options.profile, readFile: environment.readFile)
        guard let choice = try environment.chooseRegion(flag: options.region, declared: declaredRegion, declaredBy: declaredBy) else {
            throw ConfigurationError("no region: name one in the spec (registry.region), pass --region, or set AWS_REGION")
        }
        let region = choice.region
        if let note = choice.note { FileHandle.standardError.write(Data((note + "\n").utf8)) }
        if let problem = Identifiers.regionProblem(region) { throw ConfigurationError("region '\(region)': \(problem)") }
        let ecrEndpoint = try environment.endpoint(service: "ecr", flag: options.endpointURL) ?? ECRClient.standardEndpoint(region: region)
        let stsEndpoint = try environment.endpoint(service: "sts", flag: options.endpointURL) ?? STSClient.standardEndpoint(region: region)
        let transport = CurlTransport(configuration: .init(connectTimeout: min(5, options.timeout), requestTimeout: options.timeout,
                                                           caBundle: environment.variables["AWS_CA_BUNDLE"], userAgent: BuildInfo.userAgent))
        let attempts = options.maxAttempts ?? environment.variables["AWS_MAX_ATTEMPTS"].flatMap(Int.init).map { max(1, min(20, $0)) } ?? 5
        let retry = RetryPolicy(maximumAttempts: attempts)
        let metadata = CurlTransport(configuration: .init(connectTimeout: 1, requestTimeout: 2, userAgent: BuildInfo.userAgent))
        var credentials = try CredentialChain(environment: environment, region: region, stsEndpoint: stsEndpoint, transport: transport,
                                              metadataTransport: metadata).resolve()
        if let role = access.roleARN {
            let base = STSClient(endpoint: stsEndpoint, region: region, credentials: credentials, transport: transport, retry: retry)
            let sessionName = access.sessionName ?? "ecr-apply", externalID = access.externalID
            credentials = RefreshingCredentialProvider {
                do {
                    return try await base.assumeRole(roleARN: role, sessionName: sessionName, externalID: externalID)
                } catch {
                    throw ConfigurationError("cannot assume role \(role): \(error)")
                }
            }
        }
        if options.debug {
            FileHandle.standardError.write(Data("debug: region \(region) (from \(choice.source)), ECR \(ecrEndpoint), STS \(stsEndpoint)\n".utf8))
        }
        let log: (@Sendable (CallRecord) -> Void)? = options.debug ? Self.logCall : nil
        statistics = CallStatistics(observer: log)
        self.region = region
        parallelism = options.parallelism
        debug = options.debug
        stats = options.stats
        self.credentials = credentials
        settling = Settling(newRepositoryWindow: min(30, options.settleTimeout), principalWindow: options.settleTimeout)
        let clockSkew = ClockSkew(onCorrection: Self.warnClockSkew)
        ecr = ECRClient(endpoint: ecrEndpoint, region: region, credentials: credentials, transport: transport, retry: retry, statistics: statistics,
                        rateLimiter: options.maxRate > 0 ? RateLimiter(perSecond: options.maxRate, burst: options.maxRate * 2) : nil,
                        adaptive: AdaptiveRateLimiter(),
                        clockSkew: clockSkew)
        sts = STSClient(endpoint: stsEndpoint, region: region, credentials: credentials, transport: transport, retry: retry, statistics: statistics,
                        clockSkew: clockSkew)
    }

    @Sendable private static func warnClockSkew(_ seconds: TimeInterval) {
        let minutes = Int((abs(seconds) / 60).rounded())
        let text = "warning: this machine's clock is about \(minutes) minute\(minutes == 1 ? "" : "s") "
            + (seconds > 0 ? "behind" : "ahead of") + " AWS's; requests are now signed with AWS's time. Fix the clock (NTP) to stop this.\n"
        FileHandle.standardError.write(Data(text.utf8))
    }

    @Sendable private static func logCall(_ record: CallRecord) {
        FileHandle.standardError.write(Data("debug: \(record)\n".utf8))
    }

    /// The account the credentials belong to; refuses when the spec (or a saved plan) names another.
    func account(expected: String?, declaredBy: String = "registry.account_id") async throws -> String {
        let identity = try await sts.getCallerIdentity()
        if let expected, expected != identity.account {
            throw ConfigurationError(
                "\(declaredBy) says account \(expected), but the credentials are for account \(identity.account) (\(identity.arn)); "
                    + "nothing was read or changed. Use credentials for \(expected) (--profile, AWS_PROFILE), or correct \(declaredBy).")
        }
        return identity.account
    }

    func reconciliation(account: String, progress: ReadProgress? = nil) -> Reconciliation {
        Reconciliation(ecr: ecr, accountID: account, parallelism: parallelism, imageProgress: Self.reportImagePages,
                       repositoryProgress: progress?.listener)
    }

    /// The progress line for a read, started; `nil` with `--quiet`.
    func readProgress(quiet: Bool) -> ReadProgress? {
        guard !quiet else { return nil }
        let progress = ReadProgress(statistics: statistics, adaptive: ecr.adaptive)
        progress.start()
        return progress
    }

    /// The run's summary of throttling, when AWS throttled at all: how many requests, that
    /// they were retried, and the rate the client settled on.
    func reportThrottling() async {
        guard let adaptive = ecr.adaptive, await adaptive.throttles > 0 else { return }
        let throttles = await adaptive.throttles
        let rate = await adaptive.settledRate.map { String(Int($0.rounded())) } ?? "?"
        FileHandle.standardError.write(Data(("note: AWS throttled \(throttles) request\(throttles == 1 ? "" : "s") (\(statistics.retries) "
            + "retried in all); the client slowed to about \(rate) requests/s, as the AWS SDKs' adaptive mode does\n").utf8))
    }

    /// Reading a large repository's images takes a while: say so every 5,000 images.
    @Sendable private static func reportImagePages(_ repository: String, _ count: Int) {
        guard count >= 5000, count % 5000 < 1000 else { return }
        FileHandle.standardError.write(Data("reading the images of \(repository): \(count) so far…\n".utf8))
    }

    /// `--debug` / `--stats`: the calls made, by operation. Never a credential or a signature.
    func reportCalls(registry: String? = nil) {
        guard debug || stats else { return }
        let label = (debug ? "debug" : "stats") + (registry.map { " (\($0))" } ?? "")
        FileHandle.standardError.write(Data("\(label): \(statistics.total) API calls: \(statistics.summary)\n".utf8))
    }
}
