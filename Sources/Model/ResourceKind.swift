/// Every kind of object ecr-apply manages: the one list the layers' tables are checked
/// against (Spec's sections, the planner's diffs, the reconciler's steps). Adding a kind
/// starts here.
public enum ResourceKind: String, CaseIterable, Sendable, Codable {
    case accountSetting
    case repository
    case creationTemplate
    case pullThroughCacheRule
    case replication
    case registryScanning
    case registryPolicy
    case signing
    case pullTimeUpdateExclusions

    /// Many objects per registry, each with a key (a repository's name, a prefix, a setting's
    /// name), or one object owned whole.
    public var isKeyed: Bool {
        switch self {
        case .repository, .creationTemplate, .pullThroughCacheRule, .accountSetting: true
        case .replication, .registryScanning, .registryPolicy, .signing, .pullTimeUpdateExclusions: false
        }
    }

    /// The first words of its address: `repository.NAME`, `registry.replication`.
    public var addressWord: String {
        switch self {
        case .accountSetting: "account_setting"
        case .repository: "repository"
        case .creationTemplate: "repository_creation_template"
        case .pullThroughCacheRule: "pull_through_cache_rule"
        case .replication: "registry.replication"
        case .registryScanning: "registry.scanning"
        case .registryPolicy: "registry.policy"
        case .signing: "registry.signing"
        case .pullTimeUpdateExclusions: "registry.pull_time_update_exclusions"
        }
    }

    /// Its name in a plan's blocks, in the spec's words.
    public var specWord: String {
        switch self {
        case .accountSetting: "account_setting"
        case .repository: "repository"
        case .creationTemplate: "repository_creation_template"
        case .pullThroughCacheRule: "pull_through_cache_rule"
        case .replication: "replication"
        case .registryScanning: "registry_scanning"
        case .registryPolicy: "registry_policy"
        case .signing: "registry_signing"
        case .pullTimeUpdateExclusions: "pull_time_update_exclusions"
        }
    }

    /// Whether a deletion or replacement may destroy images (and must count them first).
    public var holdsImages: Bool { self == .repository }

    /// When apply creates and updates it: lower first. Account settings (the registry policy
    /// scope) come first; then repositories and the templates ECR will create others from;
    /// then the objects that may name them (cache rules, replication, policies). Deletions
    /// run last, in reverse.
    public var applyStage: Int {
        switch self {
        case .accountSetting: 0
        case .repository, .creationTemplate: 1
        case .pullThroughCacheRule, .replication, .registryScanning, .registryPolicy, .signing, .pullTimeUpdateExclusions: 2
        }
    }

    /// Whether objects of this kind may be applied side by side (keyed objects are
    /// independent; a registry-wide object is one call at a time).
    public var appliesInParallel: Bool { isKeyed }
}
