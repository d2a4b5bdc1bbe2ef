import Foundation
import JSON

/// A client for Amazon ECR's API: signed, retried, counted. It knows nothing of specs or
/// plans; every method is one ECR operation (paginated ones return every page).
public struct ECRClient: Sendable {
    public let endpoint: Endpoint
    public let region: String
    let caller: SignedCaller
    /// The rate learned from throttling, for the run's summary.
    public let adaptive: AdaptiveRateLimiter?
    private let jsonProtocol = JSONProtocol(targetPrefix: "AmazonEC2ContainerRegistry_V20150921")

    /// `adaptive` follows what AWS allows (off until the first throttling answer), as the
    /// SDKs' adaptive retry mode does; `rateLimiter` is an optional fixed ceiling on top. Both
    /// are shared by every task using this client.
    public init(
        endpoint: Endpoint, region: String, credentials: any CredentialProvider, transport: any HTTPTransport,
        retry: RetryPolicy = RetryPolicy(), sleeper: Sleeper = .real, clock: @escaping @Sendable () -> Date = { Date() },
        statistics: CallStatistics = CallStatistics(), rateLimiter: RateLimiter? = nil,
        adaptive: AdaptiveRateLimiter? = AdaptiveRateLimiter(), clockSkew: ClockSkew = ClockSkew()
    ) {
        self.endpoint = endpoint
        self.region = region
        caller = SignedCaller(
            service: "ecr", region: region, endpoint: endpoint, credentials: credentials, transport: transport, retry: retry,
            sleeper: sleeper, clock: clock, statistics: statistics, rateLimiter: rateLimiter, adaptive: adaptive, clockSkew: clockSkew)
        self.adaptive = adaptive
    }

    func call<Input: Encodable, Output: Decodable>(_ operation: String, _ input: Input, repository: String? = nil) async throws -> Output {
        try await caller.call(operation, input, protocol: jsonProtocol, repository: repository)
    }

    /// Calls made so far, by operation, and how many of them were retries.
    public var statistics: CallStatistics { caller.statistics }

    /// The standard ECR endpoint of a region: `https://api.ecr.REGION.amazonaws.com` (`.com.cn` in China).
    public static func standardEndpoint(region: String) -> Endpoint {
        Endpoint(host: "api.ecr.\(region).amazonaws.com" + (region.hasPrefix("cn-") ? ".cn" : ""))
    }

    struct Empty: Codable {}
    private struct Named: Codable { var repositoryName: String }

    // MARK: Repositories

    public func createRepository(_ input: CreateRepositoryInput) async throws -> Repository {
        struct Output: Decodable { var repository: Repository }
        let output: Output = try await call("CreateRepository", input, repository: input.repositoryName)
        return output.repository
    }

    /// Every repository, or the named ones (at most 100 names a call, as ECR allows), all pages.
    public func describeRepositories(names: [String]? = nil) async throws -> [Repository] {
        struct Input: Encodable { var repositoryNames: [String]?; var maxResults: Int?; var nextToken: String? }
        struct Output: Decodable { var repositories: [Repository]?; var nextToken: String? }
        guard let names else {
            return try await caller.paginate { token in
                let output: Output = try await call("DescribeRepositories", Input(maxResults: 1000, nextToken: token))
                return (output.repositories ?? [], output.nextToken)
            }
        }
        var repositories: [Repository] = []
        for start in stride(from: 0, to: names.count, by: 100) {
            let batch = Array(names[start..<min(start + 100, names.count)])
            repositories += try await caller.paginate { token in
                let output: Output = try await call("DescribeRepositories", Input(repositoryNames: batch, nextToken: token))
                return (output.repositories ?? [], output.nextToken)
            }
        }
        return repositories
    }

    public func deleteRepository(name: String, force: Bool) async throws {
        struct Input: Encodable { var repositoryName: String; var force: Bool }
        let _: Empty = try await call("DeleteRepository", Input(repositoryName: name, force: force), repository: name)
    }

    public func putImageTagMutability(repository: String, mutability: String, exclusions: [TagMutabilityExclusionFilter]? = nil) async throws {
        struct Input: Encodable {
            var repositoryName: String
            var imageTagMutability: String
            var imageTagMutabilityExclusionFilters: [TagMutabilityExclusionFilter]?
        }
        let _: Empty = try await call("PutImageTagMutability", Input(repositoryName: repository, imageTagMutability: mutability,
                                                                            imageTagMutabilityExclusionFilters: exclusions), repository: repository)
    }

    public func putImageScanningConfiguration(repository: String, scanOnPush: Bool) async throws {
        struct Input: Encodable { var repositoryName: String; var imageScanningConfiguration: ImageScanningConfiguration }
        let _: Empty = try await call("PutImageScanningConfiguration",
                                             Input(repositoryName: repository, imageScanningConfiguration: .init(scanOnPush: scanOnPush)),
                                             repository: repository)
    }

    // MARK: Policies

    /// The lifecycle policy text, or `nil` when the repository has none.
    public func getLifecyclePolicy(repository: String) async throws -> String? {
        try await caller.absentIfNotFound {
            try await callValue("GetLifecyclePolicy", .object(["repositoryName": .string(repository)]), repository: repository)["lifecyclePolicyText"]?
                .stringValue
        }
    }

    func callValue(_ operation: String, _ body: JSONValue, repository: String? = nil) async throws -> JSONValue {
        try await caller.callValue(operation, body, protocol: jsonProtocol, repository: repository)
    }

    public func putLifecyclePolicy(repository: String, text: String) async throws {
        struct Input: Encodable { var repositoryName: String; var lifecyclePolicyText: String }
        let _: Empty = try await call("PutLifecyclePolicy", Input(repositoryName: repository, lifecyclePolicyText: text), repository: repository)
    }

    public func deleteLifecyclePolicy(repository: String) async throws {
        let _: Empty = try await call("DeleteLifecyclePolicy", Named(repositoryName: repository), repository: repository)
    }

    /// The repository policy text, or `nil` when the repository has none.
    public func getRepositoryPolicy(repository: String) async throws -> String? {
        try await caller.absentIfNotFound {
            try await callValue("GetRepositoryPolicy", .object(["repositoryName": .string(repository)]), repository: repository)["policyText"]?
                .stringValue
        }
    }

    public func setRepositoryPolicy(repository: String, text: String) async throws {
        struct Input: Encodable { var repositoryName: String; var policyText: String }
        let _: Empty = try await call("SetRepositoryPolicy", Input(repositoryName: repository, policyText: text), repository: repository)
    }

    public func deleteRepositoryPolicy(repository: String) async throws {
        let _: Empty = try await call("DeleteRepositoryPolicy", Named(repositoryName: repository), repository: repository)
    }

    // MARK: Tags

    public func listTags(resourceArn: String, repository: String? = nil) async throws -> [ECRTag] {
        let output = try await callValue("ListTagsForResource", .object(["resourceArn": .string(resourceArn)]), repository: repository)
        return (output["tags"]?.arrayValue ?? []).compactMap { tag in
            guard let key = tag["Key"]?.stringValue else { return nil }
            return ECRTag(key, tag["Value"]?.stringValue ?? "")
        }
    }

    /// ECR takes at most 50 tags a call: more are sent in batches.
    public func tagResource(resourceArn: String, tags: [ECRTag], repository: String? = nil) async throws {
        struct Input: Encodable { var resourceArn: String; var tags: [ECRTag] }
        for start in stride(from: 0, to: tags.count, by: Self.tagsPerCall) {
            let batch = Array(tags[start..<min(start + Self.tagsPerCall, tags.count)])
            let _: Empty = try await call("TagResource", Input(resourceArn: resourceArn, tags: batch), repository: repository)
        }
    }

    public func untagResource(resourceArn: String, keys: [String], repository: String? = nil) async throws {
        struct Input: Encodable { var resourceArn: String; var tagKeys: [String] }
        for start in stride(from: 0, to: keys.count, by: Self.tagsPerCall) {
            let batch = Array(keys[start..<min(start + Self.tagsPerCall, keys.count)])
            let _: Empty = try await call("UntagResource", Input(resourceArn: resourceArn, tagKeys: batch), repository: repository)
        }
    }

    static let tagsPerCall = 50

    // MARK: Registry

    /// DescribeRegistry's answer: the registry id and its replication configuration.
    public struct RegistryDescription: Decodable, Sendable {
        public var registryId: String
        public var replicationConfiguration: ReplicationConfigurationShape?
    }

    public func describeRegistry() async throws -> RegistryDescription {
        try await call("DescribeRegistry", Empty())
    }

    public func putReplicationConfiguration(_ configuration: ReplicationConfigurationShape) async throws {
        struct Input: Encodable { var replicationConfiguration: ReplicationConfigurationShape }
        let _: Empty = try await call("PutReplicationConfiguration", Input(replicationConfiguration: configuration))
    }

    public func getRegistryPolicy() async throws -> String? {
        struct Output: Decodable { var policyText: String? }
        return try await caller.absentIfNotFound {
            let output: Output = try await call("GetRegistryPolicy", Empty())
            return output.policyText
        }
    }

    public func putRegistryPolicy(text: String) async throws {
        struct Input: Encodable { var policyText: String }
        let _: Empty = try await call("PutRegistryPolicy", Input(policyText: text))
    }

    public func deleteRegistryPolicy() async throws {
        let _: Empty = try await call("DeleteRegistryPolicy", Empty())
    }

    public func getRegistryScanningConfiguration() async throws -> RegistryScanningConfigurationShape {
        struct Output: Decodable { var scanningConfiguration: RegistryScanningConfigurationShape? }
        let output: Output = try await call("GetRegistryScanningConfiguration", Empty())
        return output.scanningConfiguration ?? RegistryScanningConfigurationShape(scanType: "BASIC", rules: [])
    }

    public func putRegistryScanningConfiguration(_ configuration: RegistryScanningConfigurationShape) async throws {
        let _: Empty = try await call("PutRegistryScanningConfiguration", configuration)
    }

    // MARK: Images

    /// Every image, 1000 a page; `onPage` hears the running count after each page (a
    /// repository can hold 100,000 images: minutes of paging).
    public func describeImages(repository: String, onPage: (@Sendable (Int) -> Void)? = nil) async throws -> [ImageDetail] {
        struct Input: Encodable { var repositoryName: String; var maxResults: Int; var nextToken: String? }
        struct Output: Decodable { var imageDetails: [ImageDetail]?; var nextToken: String? }
        var count = 0
        return try await caller.paginate { token in
            let output: Output = try await call("DescribeImages", Input(repositoryName: repository, maxResults: 1000, nextToken: token),
                                                       repository: repository)
            count += output.imageDetails?.count ?? 0
            onPage?(count)
            return (output.imageDetails ?? [], output.nextToken)
        }
    }

    public func listImages(repository: String) async throws -> [ImageIdentifier] {
        struct Input: Encodable { var repositoryName: String; var maxResults: Int; var nextToken: String? }
        struct Output: Decodable { var imageIds: [ImageIdentifier]?; var nextToken: String? }
        return try await caller.paginate { token in
            let output: Output = try await call("ListImages", Input(repositoryName: repository, maxResults: 1000, nextToken: token),
                                                       repository: repository)
            return (output.imageIds ?? [], output.nextToken)
        }
    }
}
