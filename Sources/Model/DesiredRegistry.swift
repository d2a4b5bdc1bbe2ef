/// The registry a spec file declares, defaults merged into every repository and
/// every policy resolved to a JSON document. What the planner compares with live ECR.
public struct DesiredRegistry: Sendable, Equatable {
    /// The region the spec names, if any (the command line and environment may name one too).
    public var region: String?
    /// The account the spec is written for; apply refuses to touch another one.
    public var accountID: String?
    /// Sorted by name.
    public var repositories: [DesiredRepository]
    /// `nil` when the spec does not mention replication (left as it is).
    /// An empty rule list means "no replication".
    public var replication: ReplicationConfiguration?
    /// `nil` when the spec does not mention registry scanning.
    public var scanning: RegistryScanningConfiguration?
    public var registryPolicy: Managed<PolicyDocument>
    /// What ecr-apply may delete: repositories absent from the spec that match it.
    public var prune: PruneRule?
    /// `registry.max_expire`: plan and apply refuse a lifecycle policy change that would
    /// expire more images than this in any one repository.
    public var maxExpire: Int?
    /// By ECR repository prefix; `nil` when the spec does not mention them (left as they are).
    /// Declared, the set is owned: live rules the spec lacks are destroyed.
    public var pullThroughCacheRules: [String: PullThroughCacheRule]?
    /// By prefix (or `ROOT`); `nil` when not mentioned. Declared, the set is owned.
    public var creationTemplates: [String: RepositoryCreationTemplate]?
    /// Only the settings named are managed.
    public var accountSettings: [String: String] = [:]
    /// `nil` when not mentioned; no rules means none.
    public var signing: SigningConfiguration?
    /// Principal ARNs; `nil` when not mentioned, otherwise the whole list.
    public var pullTimeUpdateExclusions: [String]?

    public init(
        region: String? = nil, accountID: String? = nil, repositories: [DesiredRepository] = [],
        replication: ReplicationConfiguration? = nil, scanning: RegistryScanningConfiguration? = nil,
        registryPolicy: Managed<PolicyDocument> = .unmanaged, prune: PruneRule? = nil
    ) {
        self.region = region
        self.accountID = accountID
        self.repositories = repositories
        self.replication = replication
        self.scanning = scanning
        self.registryPolicy = registryPolicy
        self.prune = prune
    }

    public func repository(named name: String) -> DesiredRepository? {
        repositories.first { $0.name == name }
    }
}

/// An attribute that the spec may leave alone, require to be absent, or set.
public enum Managed<Value: Sendable & Equatable>: Sendable, Equatable {
    /// Omitted from the spec: whatever AWS has is left as it is.
    case unmanaged
    /// Written as `null` / `none`: must not exist.
    case absent
    case present(Value)

    public var value: Value? {
        if case .present(let value) = self { return value }
        return nil
    }

    public var isManaged: Bool {
        if case .unmanaged = self { return false }
        return true
    }
}

/// One repository as declared. `nil` attributes are not managed.
public struct DesiredRepository: Sendable, Equatable {
    public var name: String
    /// Where the repository's key stands in the spec.
    public var location: SourceLocation?
    public var tagMutability: TagMutability?
    public var scanOnPush: Bool?
    public var encryption: Encryption?
    /// The exact set of tags, when managed.
    public var tags: [String: String]?
    public var lifecyclePolicy: Managed<PolicyDocument>
    /// The repository (pull) policy, `pull_accounts` already merged in.
    public var repositoryPolicy: Managed<PolicyDocument>

    public init(
        name: String, location: SourceLocation? = nil, tagMutability: TagMutability? = nil,
        scanOnPush: Bool? = nil, encryption: Encryption? = nil, tags: [String: String]? = nil,
        lifecyclePolicy: Managed<PolicyDocument> = .unmanaged, repositoryPolicy: Managed<PolicyDocument> = .unmanaged
    ) {
        self.name = name
        self.location = location
        self.tagMutability = tagMutability
        self.scanOnPush = scanOnPush
        self.encryption = encryption
        self.tags = tags
        self.lifecyclePolicy = lifecyclePolicy
        self.repositoryPolicy = repositoryPolicy
    }
}

/// Whether tags can be overwritten, with optional exceptions (ECR's `*_WITH_EXCLUSION` modes).
public struct TagMutability: Sendable, Hashable {
    public enum Mode: String, Sendable, Hashable, CaseIterable {
        case mutable = "MUTABLE"
        case immutable = "IMMUTABLE"
    }

    public var mode: Mode
    /// Tag filters (wildcards allowed) that behave the other way round.
    public var exclusions: [String]

    public init(_ mode: Mode, exclusions: [String] = []) {
        self.mode = mode
        self.exclusions = exclusions
    }

    /// The value of ECR's `imageTagMutability` field.
    public var awsValue: String {
        exclusions.isEmpty ? mode.rawValue : mode.rawValue + "_WITH_EXCLUSION"
    }

    /// From ECR's `imageTagMutability` (`IMMUTABLE_WITH_EXCLUSION` and the like) and its filters.
    public init(awsValue: String, exclusions: [String]) {
        self.init(awsValue.hasPrefix("IMMUTABLE") ? .immutable : .mutable, exclusions: exclusions)
    }
}

/// Encryption at rest. It is fixed when a repository is created.
public struct Encryption: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable, Codable {
        case aes256 = "AES256"
        case kms = "KMS"
        case kmsDSSE = "KMS_DSSE"
    }

    public var kind: Kind
    /// ARN, key id or alias; `nil` with a KMS kind means the AWS managed key (`aws/ecr`).
    public var kmsKey: String?

    public init(_ kind: Kind, kmsKey: String? = nil) {
        self.kind = kind
        self.kmsKey = kmsKey
    }
}

/// A policy document (lifecycle, repository or registry policy) and where it came from.
public struct PolicyDocument: Sendable, Equatable {
    public var json: JSONValue
    /// The name under `lifecycle_policies`, for a named lifecycle policy.
    public var name: String?
    public var origin: SourceLocation?
    /// The document as the user wrote it, whitespace aside (key and list order kept): what
    /// apply sends. `nil` for a document ecr-apply composed (`pull_accounts`): then `json`.
    public var text: String?

    public init(_ json: JSONValue, name: String? = nil, origin: SourceLocation? = nil, text: String? = nil) {
        self.json = json
        self.name = name
        self.origin = origin
        self.text = text
    }


    /// Two documents are the same policy when their JSON is; where they came from does not matter.
    public static func == (lhs: PolicyDocument, rhs: PolicyDocument) -> Bool { lhs.json == rhs.json }
}

/// Registry-wide replication; the spec owns all of it when present.
public struct ReplicationConfiguration: Sendable, Hashable {
    public var rules: [ReplicationRule]
    public init(rules: [ReplicationRule]) { self.rules = rules }
}

/// One replication rule: where to copy, and which repositories (all when no prefix).
public struct ReplicationRule: Sendable, Hashable, Codable {
    /// A destination: a region and, for another account, its registry id.
    public struct Destination: Sendable, Hashable, Codable {
        public var region: String
        /// `nil` means the registry's own account.
        public var registryID: String?
        public init(region: String, registryID: String? = nil) {
            self.region = region
            self.registryID = registryID
        }

        /// The spec's words, which plans show and store.
        enum CodingKeys: String, CodingKey { case region, registryID = "registry_id" }
    }

    public var destinations: [Destination]
    /// Repository name prefixes (ECR's PREFIX_MATCH filters); empty means every repository.
    public var repositoryPrefixes: [String]

    public init(destinations: [Destination], repositoryPrefixes: [String] = []) {
        self.destinations = destinations
        self.repositoryPrefixes = repositoryPrefixes
    }

    enum CodingKeys: String, CodingKey { case destinations, repositoryPrefixes = "repository_filters" }
}

/// Registry-wide scanning settings (`PutRegistryScanningConfiguration`).
public struct RegistryScanningConfiguration: Sendable, Hashable {
    public enum ScanType: String, Sendable, Hashable, CaseIterable, Codable {
        case basic = "BASIC"
        case enhanced = "ENHANCED"
    }

    public enum Frequency: String, Sendable, Hashable, CaseIterable, Codable {
        case scanOnPush = "SCAN_ON_PUSH"
        case continuousScan = "CONTINUOUS_SCAN"
        case manual = "MANUAL"
    }

    /// A scanning rule: how often, and for which repositories.
    public struct Rule: Sendable, Hashable, Codable {
        public var frequency: Frequency
        /// Repository name filters, `*` wildcards allowed (ECR's WILDCARD filters).
        public var repositoryFilters: [String]
        public init(frequency: Frequency, repositoryFilters: [String]) {
            self.frequency = frequency
            self.repositoryFilters = repositoryFilters
        }

        enum CodingKeys: String, CodingKey { case frequency = "scan_frequency", repositoryFilters = "repository_filters" }
    }

    public var scanType: ScanType
    public var rules: [Rule]

    public init(scanType: ScanType, rules: [Rule] = []) {
        self.scanType = scanType
        self.rules = rules
    }
}

/// Which repositories absent from the spec ecr-apply owns and may delete.
/// A repository is pruned only when it matches every condition given.
public struct PruneRule: Sendable, Hashable {
    /// Tags the repository must carry, e.g. `managed-by: ecr-apply`.
    public var tags: [String: String]
    /// A name prefix the repository must have, e.g. `team-a/`.
    public var prefix: String?
    /// Whether a repository that still holds images may be deleted.
    public var allowDeleteImages: Bool

    public init(tags: [String: String] = [:], prefix: String? = nil, allowDeleteImages: Bool = false) {
        self.tags = tags
        self.prefix = prefix
        self.allowDeleteImages = allowDeleteImages
    }
}
