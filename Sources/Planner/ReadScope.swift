
/// What must be read from ECR to plan a spec, or to check a saved plan: the per-repository
/// reads the spec manages (tags, lifecycle policy, repository policy) and the registry-wide
/// ones. Everything else stays unread, so planning makes the fewest calls it can.
public struct ReadScope: Sendable, Equatable {
    public enum Read: String, Sendable, Hashable, CaseIterable {
        case tags, lifecyclePolicy, repositoryPolicy
    }

    /// Reads for named repositories.
    public var repositories: [String: Set<Read>]
    /// Repositories outside `repositories` whose tags are read (to see what prune owns):
    /// `nil` for none, otherwise a name prefix ("" for all).
    public var tagsOfOthersWithPrefix: String?
    public var replication: Bool
    public var scanning: Bool
    public var registryPolicy: Bool

    public init(repositories: [String: Set<Read>] = [:], tagsOfOthersWithPrefix: String? = nil, replication: Bool = false,
                scanning: Bool = false, registryPolicy: Bool = false) {
        self.repositories = repositories
        self.tagsOfOthersWithPrefix = tagsOfOthersWithPrefix
        self.replication = replication
        self.scanning = scanning
        self.registryPolicy = registryPolicy
    }

    /// What planning `desired` needs.
    public init(planning desired: DesiredRegistry) {
        let pruneTags = !(desired.prune?.tags.isEmpty ?? true)
        var repositories: [String: Set<Read>] = [:]
        for repository in desired.repositories {
            var reads: Set<Read> = []
            if repository.tags != nil || pruneTags { reads.insert(.tags) }
            if repository.lifecyclePolicy.isManaged { reads.insert(.lifecyclePolicy) }
            if repository.repositoryPolicy.isManaged { reads.insert(.repositoryPolicy) }
            repositories[repository.name] = reads
        }
        self.init(repositories: repositories, tagsOfOthersWithPrefix: pruneTags ? (desired.prune?.prefix ?? "") : nil,
                  replication: desired.replication != nil, scanning: desired.scanning != nil,
                  registryPolicy: desired.registryPolicy.isManaged)
    }

    /// Only what `--target` addresses need: the reads of targeted repositories (and the tags
    /// of a targeted repository outside the spec, which prune may own), and the targeted
    /// registry-wide objects.
    public func restricted(to targets: Set<String>) -> ReadScope {
        guard !targets.isEmpty else { return self }
        let names = Set(targets.filter { $0.hasPrefix("repository.") }.map { String($0.dropFirst("repository.".count)) })
        var scope = ReadScope(repositories: repositories.filter { names.contains($0.key) },
                              replication: replication && targets.contains("registry.replication"),
                              scanning: scanning && targets.contains("registry.scanning"),
                              registryPolicy: registryPolicy && targets.contains("registry.policy"))
        if let prefix = tagsOfOthersWithPrefix {
            for name in names where repositories[name] == nil && name.hasPrefix(prefix) { scope.repositories[name] = [.tags] }
        }
        return scope
    }

    /// Everything about the named repositories, and the registry-wide objects if asked: what
    /// `export` writes.
    public static func everything(of repositories: [String], registryWide: Bool) -> ReadScope {
        ReadScope(repositories: Dictionary(uniqueKeysWithValues: repositories.map { ($0, Set(Read.allCases)) }),
                  replication: registryWide, scanning: registryWide, registryPolicy: registryWide)
    }

    /// What checking a saved plan against ECR needs: the attributes each change touches.
    public init(checking plan: Plan) {
        var repositories: [String: Set<Read>] = [:]
        for change in plan.actions {
            guard let name = change.repositoryName else { continue }
            var reads: Set<Read> = []
            for attribute in change.attributes {
                switch attribute.name {
                case "tags": reads.insert(.tags)
                case "lifecycle_policy": reads.insert(.lifecyclePolicy)
                case "repository_policy": reads.insert(.repositoryPolicy)
                default: break
                }
            }
            repositories[name] = reads
        }
        let addresses = Set(plan.actions.map(\.address))
        self.init(repositories: repositories, replication: addresses.contains("registry.replication"),
                  scanning: addresses.contains("registry.scanning"), registryPolicy: addresses.contains("registry.policy"))
    }
}
