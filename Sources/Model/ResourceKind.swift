/// Every kind of object ecr-apply manages: the one list the layers' tables are checked
/// against (Spec's sections, the planner's diffs, the reconciler's steps). Adding a kind
/// starts here.
public enum ResourceKind: String, CaseIterable, Sendable, Codable {
    case repository
    case replication
    case registryScanning
    case registryPolicy

    /// Many objects per registry, each with a key (a repository's name, later a prefix),
    /// or one object owned whole.
    public var isKeyed: Bool {
        switch self {
        case .repository: true
        case .replication, .registryScanning, .registryPolicy: false
        }
    }

    /// The first words of its address: `repository.NAME`, `registry.replication`.
    public var addressWord: String {
        switch self {
        case .repository: "repository"
        case .replication: "registry.replication"
        case .registryScanning: "registry.scanning"
        case .registryPolicy: "registry.policy"
        }
    }

    /// Its name in the spec and in a plan's blocks: the words a user wrote.
    public var specWord: String {
        switch self {
        case .repository: "repository"
        case .replication: "replication"
        case .registryScanning: "registry_scanning"
        case .registryPolicy: "registry_policy"
        }
    }

    /// Whether a deletion or replacement may destroy images (and must count them first).
    public var holdsImages: Bool { self == .repository }

    /// When apply creates and updates it: lower first. Registry-wide objects may name
    /// repositories, so they follow them; deletions run last, in reverse.
    public var applyStage: Int {
        switch self {
        case .repository: 0
        case .replication, .registryScanning, .registryPolicy: 1
        }
    }

    /// Whether objects of this kind may be applied side by side (keyed objects are
    /// independent; a registry-wide object is one call at a time).
    public var appliesInParallel: Bool { isKeyed }
}
