import Foundation

// The shapes of ECR's API (2015-09-21) that ecr-apply uses, named as AWS names them.

/// A repository tag as ECR writes it (`Key`, `Value`).
public struct ECRTag: Codable, Sendable, Hashable {
    public var Key: String
    public var Value: String
    public init(_ key: String, _ value: String) { Key = key; Value = value }
}

/// Whether images are scanned when pushed.
public struct ImageScanningConfiguration: Codable, Sendable, Hashable {
    public var scanOnPush: Bool
    public init(scanOnPush: Bool) { self.scanOnPush = scanOnPush }
}

/// How a repository is encrypted at rest: `AES256`, `KMS` or `KMS_DSSE`, and the key.
public struct EncryptionConfiguration: Codable, Sendable, Hashable {
    public var encryptionType: String
    public var kmsKey: String?
    public init(encryptionType: String, kmsKey: String? = nil) {
        self.encryptionType = encryptionType
        self.kmsKey = kmsKey
    }
}

/// A tag filter that behaves the other way round from the repository's tag mutability.
public struct TagMutabilityExclusionFilter: Codable, Sendable, Hashable {
    public var filterType: String
    public var filter: String
    public init(filter: String, filterType: String = "WILDCARD") {
        self.filter = filter
        self.filterType = filterType
    }
}

/// A repository as DescribeRepositories and CreateRepository answer it.
public struct Repository: Codable, Sendable, Hashable {
    public var repositoryArn: String
    public var registryId: String
    public var repositoryName: String
    public var repositoryUri: String?
    public var createdAt: Date?
    public var imageTagMutability: String?
    public var imageTagMutabilityExclusionFilters: [TagMutabilityExclusionFilter]?
    public var imageScanningConfiguration: ImageScanningConfiguration?
    public var encryptionConfiguration: EncryptionConfiguration?
}

/// Everything CreateRepository can set in one call.
public struct CreateRepositoryInput: Codable, Sendable {
    public var repositoryName: String
    public var tags: [ECRTag]?
    public var imageTagMutability: String?
    public var imageTagMutabilityExclusionFilters: [TagMutabilityExclusionFilter]?
    public var imageScanningConfiguration: ImageScanningConfiguration?
    public var encryptionConfiguration: EncryptionConfiguration?

    public init(repositoryName: String, tags: [ECRTag]? = nil, imageTagMutability: String? = nil,
                imageTagMutabilityExclusionFilters: [TagMutabilityExclusionFilter]? = nil,
                imageScanningConfiguration: ImageScanningConfiguration? = nil, encryptionConfiguration: EncryptionConfiguration? = nil) {
        self.repositoryName = repositoryName
        self.tags = tags
        self.imageTagMutability = imageTagMutability
        self.imageTagMutabilityExclusionFilters = imageTagMutabilityExclusionFilters
        self.imageScanningConfiguration = imageScanningConfiguration
        self.encryptionConfiguration = encryptionConfiguration
    }
}

/// Where a replication rule copies images: a region and a registry (account).
public struct ReplicationDestination: Codable, Sendable, Hashable {
    public var region: String
    public var registryId: String
    public init(region: String, registryId: String) {
        self.region = region
        self.registryId = registryId
    }
}

/// A repository name filter (`PREFIX_MATCH` for replication, `WILDCARD` for scanning).
public struct RepositoryFilter: Codable, Sendable, Hashable {
    public var filter: String
    public var filterType: String
    public init(filter: String, filterType: String) {
        self.filter = filter
        self.filterType = filterType
    }
}

/// One replication rule as ECR writes it.
public struct ReplicationRuleShape: Codable, Sendable, Hashable {
    public var destinations: [ReplicationDestination]
    public var repositoryFilters: [RepositoryFilter]?
    public init(destinations: [ReplicationDestination], repositoryFilters: [RepositoryFilter]? = nil) {
        self.destinations = destinations
        self.repositoryFilters = repositoryFilters
    }
}

/// The registry's replication configuration as ECR writes it.
public struct ReplicationConfigurationShape: Codable, Sendable, Hashable {
    public var rules: [ReplicationRuleShape]
    public init(rules: [ReplicationRuleShape]) { self.rules = rules }
}

/// One registry scanning rule as ECR writes it.
public struct RegistryScanningRuleShape: Codable, Sendable, Hashable {
    public var scanFrequency: String
    public var repositoryFilters: [RepositoryFilter]
    public init(scanFrequency: String, repositoryFilters: [RepositoryFilter]) {
        self.scanFrequency = scanFrequency
        self.repositoryFilters = repositoryFilters
    }
}

/// The registry's scanning configuration as ECR writes it.
public struct RegistryScanningConfigurationShape: Codable, Sendable, Hashable {
    public var scanType: String?
    public var rules: [RegistryScanningRuleShape]?
    public init(scanType: String?, rules: [RegistryScanningRuleShape]?) {
        self.scanType = scanType
        self.rules = rules
    }
}

/// An image as DescribeImages answers it.
public struct ImageDetail: Codable, Sendable, Hashable {
    public var imageDigest: String?
    public var imageTags: [String]?
    public var imageSizeInBytes: Int64?
    public var imagePushedAt: Date?
    public var lastRecordedPullTime: Date?
    /// `ACTIVE`, `ARCHIVED`, `ACTIVATING` (archive storage).
    public var imageStatus: String?
    public var lastArchivedAt: Date?
}

/// An image as ListImages answers it: digest and tag.
public struct ImageIdentifier: Codable, Sendable, Hashable {
    public var imageDigest: String?
    public var imageTag: String?
}
