/// What ECR has, as read by the AWS side: only what the spec manages is read, so most
/// fields say "not read" (`nil`, or `.unmanaged` for policies) rather than "absent".
public struct LiveRegistry: Sendable, Equatable {
    public var accountID: String
    public var region: String
    public var repositories: [String: LiveRepository]
    /// `nil` when not read. An empty rule list means no replication.
    public var replication: ReplicationConfiguration?
    /// `nil` when not read.
    public var scanning: RegistryScanningConfiguration?
    /// `.unmanaged` when not read; otherwise absent or the policy AWS holds.
    public var registryPolicy: Managed<JSONValue>
    /// `nil` when not read.
    public var pullThroughCacheRules: [String: PullThroughCacheRule]?
    public var creationTemplates: [String: LiveCreationTemplate]?
    /// The settings read (those the spec names, or all known ones for export).
    public var accountSettings: [String: String] = [:]
    /// `nil` when not read; no rules when ECR has none.
    public var signing: SigningConfiguration?
    public var pullTimeUpdateExclusions: [String]?
    /// Kinds an export could not read, with why (left out of it, said).
    public var unreadable: [ResourceKind: String] = [:]

    public init(accountID: String, region: String, repositories: [String: LiveRepository] = [:],
                replication: ReplicationConfiguration? = nil, scanning: RegistryScanningConfiguration? = nil,
                registryPolicy: Managed<JSONValue> = .unmanaged) {
        self.accountID = accountID
        self.region = region
        self.repositories = repositories
        self.replication = replication
        self.scanning = scanning
        self.registryPolicy = registryPolicy
    }
}

/// One repository as ECR describes it.
public struct LiveRepository: Sendable, Equatable {
    public var name: String
    public var arn: String
    public var tagMutability: TagMutability
    public var scanOnPush: Bool
    public var encryption: Encryption
    /// `nil` when not read.
    public var tags: [String: String]?
    /// `.unmanaged` when not read.
    public var lifecyclePolicy: Managed<JSONValue>
    public var repositoryPolicy: Managed<JSONValue>
    /// `nil` when not counted (only repositories that would be replaced or deleted are).
    public var images: ImageSummary?
    /// Every image, `nil` when not read (only where a lifecycle policy changes).
    public var imageRecords: [ImageRecord]?

    public init(name: String, arn: String, tagMutability: TagMutability = TagMutability(.mutable), scanOnPush: Bool = false,
                encryption: Encryption = Encryption(.aes256), tags: [String: String]? = nil,
                lifecyclePolicy: Managed<JSONValue> = .unmanaged, repositoryPolicy: Managed<JSONValue> = .unmanaged,
                images: ImageSummary? = nil) {
        self.name = name
        self.arn = arn
        self.tagMutability = tagMutability
        self.scanOnPush = scanOnPush
        self.encryption = encryption
        self.tags = tags
        self.lifecyclePolicy = lifecyclePolicy
        self.repositoryPolicy = repositoryPolicy
        self.images = images
    }
}

/// How much a repository holds: what a replacement or deletion would destroy.
public struct ImageSummary: Sendable, Equatable, Codable {
    public var count: Int
    public var bytes: Int64
    public init(count: Int, bytes: Int64) {
        self.count = count
        self.bytes = bytes
    }
}
