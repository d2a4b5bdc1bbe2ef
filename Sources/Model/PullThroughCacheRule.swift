/// A pull-through cache rule: images pulled through `PREFIX/…` are fetched from an upstream
/// registry and cached in repositories ECR creates. Keyed by its ECR repository prefix.
/// Optional fields left `nil` in a spec are not managed.
public struct PullThroughCacheRule: Sendable, Hashable, Codable {
    /// botocore's `UpstreamRegistry` enum.
    public enum Upstream: String, Sendable, Hashable, Codable, CaseIterable {
        case ecr, ecrPublic = "ecr-public", quay, k8s, dockerHub = "docker-hub"
        case githubContainerRegistry = "github-container-registry", azureContainerRegistry = "azure-container-registry"
        case gitlabContainerRegistry = "gitlab-container-registry", chainguard

        /// The upstreams the ECR User Guide says need a Secrets Manager credential.
        public var needsCredential: Bool {
            [.dockerHub, .githubContainerRegistry, .azureContainerRegistry, .gitlabContainerRegistry].contains(self)
        }
    }

    public var upstreamRegistryURL: String
    public var upstreamRegistry: Upstream?
    public var credentialARN: String?
    public var upstreamRepositoryPrefix: String?
    public var customRoleARN: String?

    public init(upstreamRegistryURL: String, upstreamRegistry: Upstream? = nil, credentialARN: String? = nil,
                upstreamRepositoryPrefix: String? = nil, customRoleARN: String? = nil) {
        self.upstreamRegistryURL = upstreamRegistryURL
        self.upstreamRegistry = upstreamRegistry
        self.credentialARN = credentialARN
        self.upstreamRepositoryPrefix = upstreamRepositoryPrefix
        self.customRoleARN = customRoleARN
    }

    enum CodingKeys: String, CodingKey {
        case upstreamRegistryURL = "upstream_registry_url", upstreamRegistry = "upstream_registry", credentialARN = "credential_arn"
        case upstreamRepositoryPrefix = "upstream_repository_prefix", customRoleARN = "custom_role_arn"
    }
}

/// A repository creation template: the settings ECR gives a repository it creates itself (on
/// a pull through a cache rule, on replication, on push), keyed by repository name prefix or
/// `ROOT` (every repository no other template covers).
public struct RepositoryCreationTemplate: Sendable, Equatable {
    /// botocore's `RCTAppliedFor` enum.
    public enum AppliedFor: String, Sendable, Hashable, Codable, CaseIterable {
        case replication = "REPLICATION", pullThroughCache = "PULL_THROUGH_CACHE", createOnPush = "CREATE_ON_PUSH"
    }

    public var appliedFor: [AppliedFor]
    public var description: String?
    public var tagMutability: TagMutability?
    public var encryption: Encryption?
    /// The tags repositories made from it get, when managed.
    public var resourceTags: [String: String]?
    public var lifecyclePolicy: Managed<PolicyDocument>
    public var repositoryPolicy: Managed<PolicyDocument>
    public var customRoleARN: String?

    public init(appliedFor: [AppliedFor], description: String? = nil, tagMutability: TagMutability? = nil, encryption: Encryption? = nil,
                resourceTags: [String: String]? = nil, lifecyclePolicy: Managed<PolicyDocument> = .unmanaged,
                repositoryPolicy: Managed<PolicyDocument> = .unmanaged, customRoleARN: String? = nil) {
        self.appliedFor = appliedFor
        self.description = description
        self.tagMutability = tagMutability
        self.encryption = encryption
        self.resourceTags = resourceTags
        self.lifecyclePolicy = lifecyclePolicy
        self.repositoryPolicy = repositoryPolicy
        self.customRoleARN = customRoleARN
    }

    /// Whether a repository name falls under a template or cache rule prefix (`ROOT` covers all).
    public static func prefix(_ prefix: String, covers name: String) -> Bool {
        prefix == "ROOT" || name == prefix || name.hasPrefix(prefix.hasSuffix("/") ? prefix : prefix + "/")
    }
}

/// A template as ECR holds it: documents as JSON, every field read.
public struct LiveCreationTemplate: Sendable, Equatable {
    public var appliedFor: [RepositoryCreationTemplate.AppliedFor]
    public var description: String?
    public var tagMutability: TagMutability
    public var encryption: Encryption
    public var resourceTags: [String: String]
    public var lifecyclePolicy: JSONValue?
    public var repositoryPolicy: JSONValue?
    public var customRoleARN: String?

    public init(appliedFor: [RepositoryCreationTemplate.AppliedFor], description: String? = nil, tagMutability: TagMutability = TagMutability(.mutable),
                encryption: Encryption = Encryption(.aes256), resourceTags: [String: String] = [:], lifecyclePolicy: JSONValue? = nil,
                repositoryPolicy: JSONValue? = nil, customRoleARN: String? = nil) {
        self.appliedFor = appliedFor
        self.description = description
        self.tagMutability = tagMutability
        self.encryption = encryption
        self.resourceTags = resourceTags
        self.lifecyclePolicy = lifecyclePolicy
        self.repositoryPolicy = repositoryPolicy
        self.customRoleARN = customRoleARN
    }
}

/// Registry-wide managed signing: images pushed to matching repositories are signed with a
/// signing profile. Owned whole when declared; no rules removes it.
public struct SigningConfiguration: Sendable, Hashable, Codable {
    public struct Rule: Sendable, Hashable, Codable {
        public var signingProfileARN: String
        /// WILDCARD_MATCH filters; empty means every repository.
        public var repositoryFilters: [String]

        public init(signingProfileARN: String, repositoryFilters: [String] = []) {
            self.signingProfileARN = signingProfileARN
            self.repositoryFilters = repositoryFilters
        }

        enum CodingKeys: String, CodingKey { case signingProfileARN = "signing_profile_arn", repositoryFilters = "repository_filters" }
    }

    public var rules: [Rule]
    public init(rules: [Rule]) { self.rules = rules }
}
