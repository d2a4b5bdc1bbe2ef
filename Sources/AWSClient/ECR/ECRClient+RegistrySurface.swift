import Foundation

// The rest of a registry: pull-through cache rules, repository creation templates, account
// settings, managed signing and pull-time update exclusions (ECR API 2015-09-21).

/// A pull-through cache rule as ECR describes it.
public struct PullThroughCacheRuleShape: Codable, Sendable, Hashable {
    public var ecrRepositoryPrefix: String
    public var upstreamRegistryUrl: String?
    public var upstreamRegistry: String?
    public var credentialArn: String?
    public var customRoleArn: String?
    public var upstreamRepositoryPrefix: String?

    public init(ecrRepositoryPrefix: String, upstreamRegistryUrl: String? = nil, upstreamRegistry: String? = nil, credentialArn: String? = nil,
                customRoleArn: String? = nil, upstreamRepositoryPrefix: String? = nil) {
        self.ecrRepositoryPrefix = ecrRepositoryPrefix
        self.upstreamRegistryUrl = upstreamRegistryUrl
        self.upstreamRegistry = upstreamRegistry
        self.credentialArn = credentialArn
        self.customRoleArn = customRoleArn
        self.upstreamRepositoryPrefix = upstreamRepositoryPrefix
    }
}

/// A repository creation template as ECR describes it, and as Create/Update take it.
public struct RepositoryCreationTemplateShape: Codable, Sendable, Hashable {
    public var prefix: String
    public var description: String?
    public var encryptionConfiguration: EncryptionConfiguration?
    public var resourceTags: [ECRTag]?
    public var imageTagMutability: String?
    public var imageTagMutabilityExclusionFilters: [TagMutabilityExclusionFilter]?
    public var repositoryPolicy: String?
    public var lifecyclePolicy: String?
    public var appliedFor: [String]?
    public var customRoleArn: String?

    public init(prefix: String, description: String? = nil, encryptionConfiguration: EncryptionConfiguration? = nil, resourceTags: [ECRTag]? = nil,
                imageTagMutability: String? = nil, imageTagMutabilityExclusionFilters: [TagMutabilityExclusionFilter]? = nil,
                repositoryPolicy: String? = nil, lifecyclePolicy: String? = nil, appliedFor: [String]? = nil, customRoleArn: String? = nil) {
        self.prefix = prefix
        self.description = description
        self.encryptionConfiguration = encryptionConfiguration
        self.resourceTags = resourceTags
        self.imageTagMutability = imageTagMutability
        self.imageTagMutabilityExclusionFilters = imageTagMutabilityExclusionFilters
        self.repositoryPolicy = repositoryPolicy
        self.lifecyclePolicy = lifecyclePolicy
        self.appliedFor = appliedFor
        self.customRoleArn = customRoleArn
    }
}

/// Managed signing: rules of a signing profile and WILDCARD_MATCH repository filters.
public struct SigningConfigurationShape: Codable, Sendable, Hashable {
    public struct Rule: Codable, Sendable, Hashable {
        public struct Filter: Codable, Sendable, Hashable {
            public var filter: String
            public var filterType: String
            public init(filter: String, filterType: String = "WILDCARD_MATCH") {
                self.filter = filter
                self.filterType = filterType
            }
        }

        public var signingProfileArn: String
        public var repositoryFilters: [Filter]?
        public init(signingProfileArn: String, repositoryFilters: [Filter]?) {
            self.signingProfileArn = signingProfileArn
            self.repositoryFilters = repositoryFilters
        }
    }

    public var rules: [Rule]
    public init(rules: [Rule]) { self.rules = rules }
}

extension ECRClient {
    // MARK: Pull-through cache rules

    public func describePullThroughCacheRules() async throws -> [PullThroughCacheRuleShape] {
        struct Input: Encodable { var maxResults: Int; var nextToken: String? }
        struct Output: Decodable { var pullThroughCacheRules: [PullThroughCacheRuleShape]?; var nextToken: String? }
        return try await caller.paginate { token in
            let output: Output = try await call("DescribePullThroughCacheRules", Input(maxResults: 1000, nextToken: token))
            return (output.pullThroughCacheRules ?? [], output.nextToken)
        }
    }

    public func createPullThroughCacheRule(_ rule: PullThroughCacheRuleShape) async throws {
        let _: Empty = try await call("CreatePullThroughCacheRule", rule)
    }

    /// Only the credential and the custom role can change in place.
    public func updatePullThroughCacheRule(prefix: String, credentialArn: String?, customRoleArn: String?) async throws {
        struct Input: Encodable { var ecrRepositoryPrefix: String; var credentialArn: String?; var customRoleArn: String? }
        let _: Empty = try await call("UpdatePullThroughCacheRule", Input(ecrRepositoryPrefix: prefix, credentialArn: credentialArn, customRoleArn: customRoleArn))
    }

    public func deletePullThroughCacheRule(prefix: String) async throws {
        struct Input: Encodable { var ecrRepositoryPrefix: String }
        let _: Empty = try await call("DeletePullThroughCacheRule", Input(ecrRepositoryPrefix: prefix))
    }

    /// Whether ECR can reach the upstream with the rule's credential, and why not.
    public func validatePullThroughCacheRule(prefix: String) async throws -> (isValid: Bool, failure: String?) {
        struct Input: Encodable { var ecrRepositoryPrefix: String }
        struct Output: Decodable { var isValid: Bool?; var failure: String? }
        let output: Output = try await call("ValidatePullThroughCacheRule", Input(ecrRepositoryPrefix: prefix))
        return (output.isValid ?? false, output.failure)
    }

    // MARK: Repository creation templates

    public func describeRepositoryCreationTemplates() async throws -> [RepositoryCreationTemplateShape] {
        struct Input: Encodable { var maxResults: Int; var nextToken: String? }
        struct Output: Decodable { var repositoryCreationTemplates: [RepositoryCreationTemplateShape]?; var nextToken: String? }
        return try await caller.paginate { token in
            let output: Output = try await call("DescribeRepositoryCreationTemplates", Input(maxResults: 1000, nextToken: token))
            return (output.repositoryCreationTemplates ?? [], output.nextToken)
        }
    }

    public func createRepositoryCreationTemplate(_ template: RepositoryCreationTemplateShape) async throws {
        let _: Empty = try await call("CreateRepositoryCreationTemplate", template)
    }

    public func updateRepositoryCreationTemplate(_ template: RepositoryCreationTemplateShape) async throws {
        let _: Empty = try await call("UpdateRepositoryCreationTemplate", template)
    }

    public func deleteRepositoryCreationTemplate(prefix: String) async throws {
        struct Input: Encodable { var prefix: String }
        let _: Empty = try await call("DeleteRepositoryCreationTemplate", Input(prefix: prefix))
    }

    // MARK: Account settings

    public func getAccountSetting(name: String) async throws -> String? {
        struct Input: Encodable { var name: String }
        struct Output: Decodable { var value: String? }
        let output: Output = try await call("GetAccountSetting", Input(name: name))
        return output.value
    }

    public func putAccountSetting(name: String, value: String) async throws {
        struct Input: Encodable { var name: String; var value: String }
        let _: Empty = try await call("PutAccountSetting", Input(name: name, value: value))
    }

    // MARK: Managed signing

    /// The registry's signing configuration, or `nil` when it has none.
    public func getSigningConfiguration() async throws -> SigningConfigurationShape? {
        struct Output: Decodable { var signingConfiguration: SigningConfigurationShape? }
        return try await caller.absentIfNotFound {
            let output: Output = try await call("GetSigningConfiguration", Empty())
            return output.signingConfiguration
        }
    }

    public func putSigningConfiguration(_ configuration: SigningConfigurationShape) async throws {
        struct Input: Encodable { var signingConfiguration: SigningConfigurationShape }
        let _: Empty = try await call("PutSigningConfiguration", Input(signingConfiguration: configuration))
    }

    public func deleteSigningConfiguration() async throws {
        let _: Empty = try await call("DeleteSigningConfiguration", Empty())
    }

    // MARK: Pull-time update exclusions

    public func listPullTimeUpdateExclusions() async throws -> [String] {
        struct Input: Encodable { var maxResults: Int; var nextToken: String? }
        struct Output: Decodable { var pullTimeUpdateExclusions: [String]?; var nextToken: String? }
        return try await caller.paginate { token in
            let output: Output = try await call("ListPullTimeUpdateExclusions", Input(maxResults: 1000, nextToken: token))
            return (output.pullTimeUpdateExclusions ?? [], output.nextToken)
        }
    }

    public func registerPullTimeUpdateExclusion(principalArn: String) async throws {
        struct Input: Encodable { var principalArn: String }
        let _: Empty = try await call("RegisterPullTimeUpdateExclusion", Input(principalArn: principalArn))
    }

    public func deregisterPullTimeUpdateExclusion(principalArn: String) async throws {
        struct Input: Encodable { var principalArn: String }
        let _: Empty = try await call("DeregisterPullTimeUpdateExclusion", Input(principalArn: principalArn))
    }
}
