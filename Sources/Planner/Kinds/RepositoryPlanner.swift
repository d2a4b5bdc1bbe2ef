/// Repositories (`repositories:`), keyed by name: each declared one against what ECR has,
/// the attributes the spec manages, both sides normalised; repositories the spec does not
/// name are deleted only when `prune` owns them.
public enum RepositoryPlanner: KindPlanner {
    public static let kind = ResourceKind.repository

    /// A repository's attributes, in display order: the names plans show and store.
    public enum Attribute: String, CaseIterable, Sendable {
        case imageTagMutability = "image_tag_mutability"
        case imageTagMutabilityExclusions = "image_tag_mutability_exclusions"
        case scanOnPush = "scan_on_push"
        case encryptionType = "encryption_type"
        case kmsKey = "kms_key"
        case tags
        case lifecyclePolicy = "lifecycle_policy"
        case repositoryPolicy = "repository_policy"

        /// Changing it destroys and re-creates the repository.
        var forcesReplacement: Bool { self == .encryptionType || self == .kmsKey }
    }

    public static func isDeclared(in desired: DesiredRegistry) -> Bool { true }

    public static func changes(_ context: DiffContext) -> [ResourceChange] {
        let desired = context.desired, live = context.live
        var changes = desired.repositories.map { RepositoryDiff(desired: $0, live: live.repositories[$0.name], prune: desired.prune,
                                                                partition: context.partition).change }
        let declared = Set(desired.repositories.map(\.name))
        for (name, repository) in live.repositories where !declared.contains(name) && !Coverage.madeByECR(name, desired) {
            if let prune = desired.prune, Self.prune(prune, owns: repository) {
                changes.append(deletion(of: repository, reason: "not in the spec, and owned through prune"))
            }
        }
        return changes
    }

    /// Repositories in ECR that the spec neither declares nor prunes: left alone.
    static func unmanaged(_ context: DiffContext) -> [String] {
        let declared = Set(context.desired.repositories.map(\.name))
        return context.live.repositories.filter { name, repository in
            !declared.contains(name) && !Coverage.madeByECR(name, context.desired)
                && !(context.desired.prune.map { Self.prune($0, owns: repository) } ?? false)
        }.map(\.key)
    }

    public static func staleAttributes(of change: ResourceChange, live registry: LiveRegistry, partition: String) -> [String] {
        guard let name = change.repositoryName, let live = registry.repositories[name] else { return [] }
        return change.attributes.compactMap { attribute in
            guard attribute.before != nil || change.action != .delete else { return nil }
            var fresh = liveValue(attribute.name, of: live, partition: partition)
            if attribute.partial, case .object(let all)? = fresh {
                // Only the prune mark is managed: other tags are not the plan's business.
                let keys = Set(attribute.after?.objectValue?.keys.map { $0 } ?? [])
                fresh = .object(all.filter { keys.contains($0.key) })
            }
            if attribute.name == Attribute.kmsKey.rawValue, let before = attribute.before?.stringValue, let now = fresh?.stringValue,
                kmsKey(before, matches: now) {
                return nil
            }
            return fresh == attribute.before ? nil : attribute.name
        }
    }

    /// An attribute of a live repository, normalised as the planner compares it.
    static func liveValue(_ name: String, of live: LiveRepository, partition: String) -> JSONValue? {
        switch Attribute(rawValue: name) {
        case .imageTagMutability: .string(live.tagMutability.awsValue)
        case .imageTagMutabilityExclusions: stringList(live.tagMutability.exclusions)
        case .scanOnPush: .bool(live.scanOnPush)
        case .encryptionType: .string(live.encryption.kind.rawValue)
        case .kmsKey: live.encryption.kmsKey.map(JSONValue.string)
        case .tags: tagObject(live.tags ?? [:])
        case .lifecyclePolicy: live.lifecyclePolicy.value.map(PolicyNormalization.lifecyclePolicy)
        case .repositoryPolicy: live.repositoryPolicy.value.map { PolicyNormalization.iamPolicy($0, partition: partition) }
        case nil: nil
        }
    }

    /// ECR answers with the key's ARN; the spec may name it by id. (An alias cannot be
    /// compared without KMS, so it is taken as matching: see docs/spec.md.)
    static func kmsKey(_ wanted: String, matches live: String) -> Bool {
        wanted == live || live.hasSuffix(":key/" + wanted) || wanted.hasPrefix("alias/") || wanted.contains(":alias/")
    }

    static func stringList(_ values: [String]) -> JSONValue { .array(values.sorted().map(JSONValue.string)) }

    static func tagObject(_ tags: [String: String]) -> JSONValue { .object(tags.mapValues(JSONValue.string)) }

    // MARK: Prune

    static func prune(_ rule: PruneRule, owns repository: LiveRepository) -> Bool {
        guard !rule.tags.isEmpty || rule.prefix != nil else { return false }
        if let prefix = rule.prefix, !repository.name.hasPrefix(prefix) { return false }
        guard !rule.tags.isEmpty else { return true }
        guard let tags = repository.tags else { return false }
        return rule.tags.allSatisfy { tags[$0.key] == $0.value }
    }

    static func deletion(of repository: LiveRepository, reason: String) -> ResourceChange {
        var attributes = [
            AttributeChange(name: Attribute.imageTagMutability.rawValue, before: .string(repository.tagMutability.awsValue), after: nil),
            AttributeChange(name: Attribute.encryptionType.rawValue, before: .string(repository.encryption.kind.rawValue), after: nil),
        ]
        if let tags = repository.tags { attributes.append(AttributeChange(name: Attribute.tags.rawValue, before: tagObject(tags), after: nil)) }
        return ResourceChange(address: .repository(repository.name), action: .delete, reason: reason, attributes: attributes,
                              images: repository.images)
    }

    // MARK: What apply sends

    /// A repository's planned attributes as apply needs them: typed, read back from the
    /// change with the names this file wrote.
    public struct Planned: Sendable, Equatable {
        public var name: String
        /// The attributes whose value changes.
        public var changed: Set<Attribute>
        /// The mode and exclusions to set (the live mode kept when only the exclusions change).
        public var tagMutability: TagMutability?
        public var scanOnPush: Bool?
        public var encryption: Encryption?
        /// Managed tags before and after (only the prune mark when the spec manages none).
        public var tags: (before: [String: String], after: [String: String])?
        /// `.some(nil)` removes the policy; `nil` leaves it alone.
        public var lifecyclePolicy: String??
        public var repositoryPolicy: String??

        public static func == (lhs: Planned, rhs: Planned) -> Bool {
            lhs.name == rhs.name && lhs.changed == rhs.changed && lhs.tagMutability == rhs.tagMutability && lhs.scanOnPush == rhs.scanOnPush
                && lhs.encryption == rhs.encryption && lhs.tags?.before == rhs.tags?.before && lhs.tags?.after == rhs.tags?.after
                && lhs.lifecyclePolicy == rhs.lifecyclePolicy && lhs.repositoryPolicy == rhs.repositoryPolicy
        }
    }

    public static func planned(_ change: ResourceChange) throws -> Planned {
        guard let name = change.repositoryName else { throw NotThisKind(address: change.address) }
        func attribute(_ name: Attribute) -> AttributeChange? { change.attribute(name.rawValue) }
        func after<Value: Decodable>(_ name: Attribute, _ type: Value.Type) throws -> Value? {
            try attribute(name)?.after.map { try $0.decode(type) }
        }
        func policy(_ name: Attribute) -> String?? {
            guard let attribute = attribute(name) else { return nil }
            return .some(attribute.sentText)
        }
        var planned = Planned(name: name, changed: Set(change.changedAttributes.compactMap { Attribute(rawValue: $0.name) }))
        if let mode = try after(.imageTagMutability, String.self) ?? attribute(.imageTagMutability)?.before?.stringValue {
            planned.tagMutability = TagMutability(awsValue: mode, exclusions: try after(.imageTagMutabilityExclusions, [String].self) ?? [])
        }
        planned.scanOnPush = try after(.scanOnPush, Bool.self)
        if let type = try after(.encryptionType, Encryption.Kind.self) {
            planned.encryption = Encryption(type, kmsKey: try after(.kmsKey, String.self))
        }
        if let tags = attribute(.tags) {
            planned.tags = (try tags.before?.decode([String: String].self) ?? [:], try tags.after?.decode([String: String].self) ?? [:])
        }
        planned.lifecyclePolicy = policy(.lifecyclePolicy)
        planned.repositoryPolicy = policy(.repositoryPolicy)
        return planned
    }

    struct NotThisKind: Error, CustomStringConvertible {
        var address: Address
        var description: String { "\(address): not a repository" }
    }
}

/// One declared repository against what ECR has.
struct RepositoryDiff {
    typealias Attribute = RepositoryPlanner.Attribute
    let desired: DesiredRepository
    let live: LiveRepository?
    let prune: PruneRule?
    let partition: String

    var address: Address { .repository(desired.name) }

    var change: ResourceChange {
        let wanted = desiredAttributes
        guard let live else {
            return ResourceChange(address: address, action: .create, reason: "not in ECR",
                                  attributes: wanted.map { AttributeChange(name: $0.name.rawValue, before: nil, after: $0.value, document: $0.document) })
        }
        let attributes = wanted.map { attribute in
            AttributeChange(name: attribute.name.rawValue, before: liveValue(attribute.name, live: live, desired: attribute.value),
                            after: attribute.value, forcesReplacement: attribute.name.forcesReplacement,
                            partial: attribute.name == .tags && desired.tags == nil, document: attribute.document)
        }
        if attributes.contains(where: { $0.forcesReplacement && $0.changes }) {
            return ResourceChange(address: address, action: .replace, reason: "encryption cannot change in place",
                                  attributes: attributes, images: live.images)
        }
        return ResourceChange(address: address, action: attributes.contains(where: \.changes) ? .update : .noOp,
                              attributes: attributes)
    }

    /// The managed attributes in display order, with their desired (normalised) values and,
    /// for policies, the document as written.
    private var desiredAttributes: [(name: Attribute, value: JSONValue?, document: String?)] {
        var attributes: [(Attribute, JSONValue?, String?)] = []
        if let mutability = desired.tagMutability {
            attributes.append((.imageTagMutability, .string(mutability.awsValue), nil))
            if !mutability.exclusions.isEmpty {
                attributes.append((.imageTagMutabilityExclusions, RepositoryPlanner.stringList(mutability.exclusions), nil))
            }
        }
        if let scanOnPush = desired.scanOnPush { attributes.append((.scanOnPush, .bool(scanOnPush), nil)) }
        if let encryption = desired.encryption {
            attributes.append((.encryptionType, .string(encryption.kind.rawValue), nil))
            if encryption.kind != .aes256, let key = encryption.kmsKey { attributes.append((.kmsKey, .string(key), nil)) }
        }
        if let tags = desiredTags { attributes.append((.tags, RepositoryPlanner.tagObject(tags), nil)) }
        if desired.lifecyclePolicy.isManaged {
            let policy = desired.lifecyclePolicy.value
            attributes.append((.lifecyclePolicy, policy.map { PolicyNormalization.lifecyclePolicy($0.json) }, policy?.text))
        }
        if desired.repositoryPolicy.isManaged {
            let policy = desired.repositoryPolicy.value
            attributes.append((.repositoryPolicy, policy.map { PolicyNormalization.iamPolicy($0.json, partition: partition) }, policy?.text))
        }
        return attributes
    }

    /// The spec's tags with the prune tags added: what ecr-apply creates carries the mark
    /// by which it later recognises what it owns. Without managed tags, only the prune tags
    /// are managed (and compared).
    private var desiredTags: [String: String]? {
        let mark = prune?.tags ?? [:]
        guard let tags = desired.tags else { return mark.isEmpty ? nil : mark }
        return tags.merging(mark) { own, _ in own }
    }

    private func liveValue(_ name: Attribute, live: LiveRepository, desired value: JSONValue?) -> JSONValue? {
        switch name {
        case .kmsKey:
            guard let liveKey = live.encryption.kmsKey else { return nil }
            if let wanted = value?.stringValue, RepositoryPlanner.kmsKey(wanted, matches: liveKey) { return value }
            return .string(liveKey)
        case .tags where desired.tags == nil:
            // Only the prune mark is managed: compare those keys alone.
            let keys = Set(prune?.tags.keys.map { $0 } ?? [])
            return RepositoryPlanner.tagObject((live.tags ?? [:]).filter { keys.contains($0.key) })
        default:
            return RepositoryPlanner.liveValue(name.rawValue, of: live, partition: partition)
        }
    }
}
