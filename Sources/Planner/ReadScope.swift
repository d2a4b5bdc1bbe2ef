/// What must be read from ECR to plan a spec, or to check a saved plan: the per-repository
/// reads the spec manages (tags, lifecycle policy, repository policy) and the other kinds the
/// spec owns. Everything else stays unread, so planning makes the fewest calls it can.
public struct ReadScope: Sendable, Equatable {
    public enum Read: String, Sendable, Hashable, CaseIterable {
        case tags, lifecyclePolicy, repositoryPolicy
    }

    /// Reads for named repositories.
    public var repositories: [String: Set<Read>]
    /// Repositories outside `repositories` whose tags are read (to see what prune owns):
    /// `nil` for none, otherwise a name prefix ("" for all).
    public var tagsOfOthersWithPrefix: String?
    /// The kinds other than repositories to read (each read whole).
    public var kinds: Set<ResourceKind>
    /// The account settings to read (only those named are managed).
    public var accountSettings: Set<String>
    /// Whether a kind that cannot be read (no permission for its newer operations, a region
    /// without it) is left out, said, rather than failing the read: what `export` asks.
    public var skipsUnreadableKinds = false

    public init(repositories: [String: Set<Read>] = [:], tagsOfOthersWithPrefix: String? = nil, kinds: Set<ResourceKind> = [],
                accountSettings: Set<String> = []) {
        self.repositories = repositories
        self.tagsOfOthersWithPrefix = tagsOfOthersWithPrefix
        self.kinds = kinds.subtracting([.repository])
        self.accountSettings = accountSettings
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
                  kinds: PlannerKinds.declared(in: desired), accountSettings: Set(desired.accountSettings.keys))
    }

    /// Only what `--target` addresses need: the reads of targeted repositories (and the tags
    /// of a targeted repository outside the spec, which prune may own), and the targeted kinds.
    public func restricted(to targets: Set<Address>) -> ReadScope {
        guard !targets.isEmpty else { return self }
        let names = Set(targets.compactMap(\.repositoryName))
        var scope = ReadScope(repositories: repositories.filter { names.contains($0.key) }, kinds: kinds.intersection(targets.map(\.kind)),
                              accountSettings: accountSettings.intersection(targets.filter { $0.kind == .accountSetting }.compactMap(\.key)))
        if let prefix = tagsOfOthersWithPrefix {
            for name in names where repositories[name] == nil && name.hasPrefix(prefix) { scope.repositories[name] = [.tags] }
        }
        return scope
    }

    /// Everything about the named repositories, and every other kind if asked: what `export` writes.
    public static func everything(of repositories: [String], registryWide: Bool) -> ReadScope {
        var scope = ReadScope(repositories: Dictionary(uniqueKeysWithValues: repositories.map { ($0, Set(Read.allCases)) }),
                              kinds: registryWide ? Set(ResourceKind.allCases) : [], accountSettings: registryWide ? AccountSettings.names : [])
        scope.skipsUnreadableKinds = true
        return scope
    }

    /// What checking a saved plan against ECR needs: the attributes each change touches.
    public init(checking plan: Plan) {
        var repositories: [String: Set<Read>] = [:]
        for change in plan.actions {
            guard let name = change.repositoryName else { continue }
            var reads: Set<Read> = []
            for attribute in change.attributes {
                switch RepositoryPlanner.Attribute(rawValue: attribute.name) {
                case .tags: reads.insert(.tags)
                case .lifecyclePolicy: reads.insert(.lifecyclePolicy)
                case .repositoryPolicy: reads.insert(.repositoryPolicy)
                default: break
                }
            }
            repositories[name] = reads
        }
        self.init(repositories: repositories, kinds: Set(plan.actions.map(\.kind)),
                  accountSettings: Set(plan.actions.filter { $0.kind == .accountSetting }.compactMap(\.address.key)))
    }
}
