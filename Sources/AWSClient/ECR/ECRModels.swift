import Foundation

// The shapes of ECR's API (2015-09-21) that ecr-apply uses, named as AWS names them.

public struct ECRTag: Codable, Sendable, Hashable {
    public var Key: String
    public var Value: String
    public init(_ key: String, _ value: String) { Key = key; Value = value }
}

public struct ImageScanningConfiguration: Codable, Sendable, Hashable {
    public var scanOnPush: Bool
    public init(scanOnPush: Bool) { self.scanOnPush = scanOnPush }
}

public struct EncryptionConfiguration: Codable, Sendable, Hashable {
    public var encryptionType: String
    public var kmsKey: String?
    public init(encryptionType: String, kmsKey: String? = nil) {
        self.encryptionType = encryptionType
        self.kmsKey = kmsKey
    }
}

public struct TagMutabilityExclusionFilter: Codable, Sendable, Hashable {
    public var filterType: String
    public var filter: String
    public init(filter: String, filterType: String = "WILDCARD") {
        self.filter = filter
        self.filterType = filterType
    }
}

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

public struct ReplicationDestination: Codable, Sendable, Hashable {
    public var region: String
    public var registryId: String
    public init(region: String, registryId: String) {
        self.region = region
        self.registryId = registryId
    }
}

public struct RepositoryFilter: Codable, Sendable, Hashable {
    public var filter: String
    public var filterType: String
    public init(filter: String, filterType: String) {
        self.filter = filter
        self.filterType = filterType
    }
}

public struct ReplicationRuleShape: Codable, Sendable, Hashable {
    public var destinations: [ReplicationDestination]
    public var repositoryFilters: [RepositoryFilter]?
    public init(destinations: [ReplicationDestination], repositoryFilters: [RepositoryFilter]? = nil) {
        self.destinations = destinations
        self.repositoryFilters = repositoryFilters
    }
}

public struct ReplicationConfigurationShape: Codable, Sendable, Hashable {
    public var rules: [ReplicationRuleShape]
    public init(rules: [ReplicationRuleShape]) { self.rules = rules }
}

public struct RegistryScanningRuleShape: Codable, Sendable, Hashable {
    public var scanFrequency: String
    public var repositoryFilters: [RepositoryFilter]
    public init(scanFrequency: String, repositoryFilters: [RepositoryFilter]) {
        self.scanFrequency = scanFrequency
        self.repositoryFilters = repositoryFilters
    }
}

public struct RegistryScanningConfigurationShape: Codable, Sendable, Hashable {
    public var scanType: String?
    public var rules: [RegistryScanningRuleShape]?
    public init(scanType: String?, rules: [RegistryScanningRuleShape]?) {
        self.scanType = scanType
        self.rules = rules
    }
}

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

public struct ImageIdentifier: Codable, Sendable, Hashable {
    public var imageDigest: String?
    public var imageTag: String?
}
