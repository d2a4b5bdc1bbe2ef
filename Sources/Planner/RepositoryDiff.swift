
/// One declared repository against what ECR has: the attributes the spec manages, both
/// sides normalised, and the action they call for.
struct RepositoryDiff {
    let desired: DesiredRepository
    let live: LiveRepository?
    let prune: PruneRule?
    let partition: String

    var address: String { "repository.\(desired.name)" }

    var change: ResourceChange {
        let wanted = desiredAttributes
        guard let live else {
            return ResourceChange(address: address, action: .create, reason: "not in ECR",
                                  attributes: wanted.map { AttributeChange(name: $0.name, before: nil, after: $0.value, document: $0.document) })
        }
        let attributes = wanted.map { attribute in
            AttributeChange(name: attribute.name, before: liveValue(attribute.name, live: live, desired: attribute.value),
                            after: attribute.value, forcesReplacement: Self.forcingReplacement.contains(attribute.name),
                            partial: attribute.name == "tags" && desired.tags == nil, document: attribute.document)
        }
        if attributes.contains(where: { $0.forcesReplacement && $0.changes }) {
            return ResourceChange(address: address, action: .replace, reason: "encryption cannot change in place",
                                  attributes: attributes, images: live.images)
        }
        return ResourceChange(address: address, action: attributes.contains(where: \.changes) ? .update : .noOp,
                              attributes: attributes)
    }

    static let forcingReplacement: Set = ["encryption_type", "kms_key"]

    /// The managed attributes in display order, with their desired (normalised) values and,
    /// for policies, the document as written.
    private var desiredAttributes: [(name: String, value: JSONValue?, document: String?)] {
        var attributes: [(String, JSONValue?, String?)] = []
        if let mutability = desired.tagMutability {
            attributes.append(("image_tag_mutability", .string(mutability.awsValue), nil))
            if !mutability.exclusions.isEmpty {
                attributes.append(("image_tag_mutability_exclusions", Self.stringList(mutability.exclusions), nil))
            }
        }
        if let scanOnPush = desired.scanOnPush { attributes.append(("scan_on_push", .bool(scanOnPush), nil)) }
        if let encryption = desired.encryption {
            attributes.append(("encryption_type", .string(encryption.kind.rawValue), nil))
            if encryption.kind != .aes256, let key = encryption.kmsKey { attributes.append(("kms_key", .string(key), nil)) }
        }
        if let tags = desiredTags { attributes.append(("tags", Self.tagObject(tags), nil)) }
        if desired.lifecyclePolicy.isManaged {
            let policy = desired.lifecyclePolicy.value
            attributes.append(("lifecycle_policy", policy.map { PolicyNormalization.lifecyclePolicy($0.json) }, policy?.text))
        }
        if desired.repositoryPolicy.isManaged {
            let policy = desired.repositoryPolicy.value
            attributes.append(("repository_policy", policy.map { PolicyNormalization.iamPolicy($0.json, partition: partition) }, policy?.text))
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

    private func liveValue(_ name: String, live: LiveRepository, desired value: JSONValue?) -> JSONValue? {
        switch name {
        case "kms_key":
            guard let liveKey = live.encryption.kmsKey else { return nil }
            if let wanted = value?.stringValue, Self.kmsKey(wanted, matches: liveKey) { return value }
            return .string(liveKey)
        case "tags" where desired.tags == nil:
            // Only the prune mark is managed: compare those keys alone.
            let keys = Set(prune?.tags.keys.map { $0 } ?? [])
            return Self.tagObject((live.tags ?? [:]).filter { keys.contains($0.key) })
        default:
            return Self.liveValue(name, of: live, partition: partition)
        }
    }

    /// An attribute of a live repository, normalised as the planner compares it.
    static func liveValue(_ name: String, of live: LiveRepository, partition: String) -> JSONValue? {
        switch name {
        case "image_tag_mutability": return .string(live.tagMutability.awsValue)
        case "image_tag_mutability_exclusions": return stringList(live.tagMutability.exclusions)
        case "scan_on_push": return .bool(live.scanOnPush)
        case "encryption_type": return .string(live.encryption.kind.rawValue)
        case "kms_key": return live.encryption.kmsKey.map(JSONValue.string)
        case "tags": return tagObject(live.tags ?? [:])
        case "lifecycle_policy": return live.lifecyclePolicy.value.map(PolicyNormalization.lifecyclePolicy)
        case "repository_policy": return live.repositoryPolicy.value.map { PolicyNormalization.iamPolicy($0, partition: partition) }
        default: return nil
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
            AttributeChange(name: "image_tag_mutability", before: .string(repository.tagMutability.awsValue), after: nil),
            AttributeChange(name: "encryption_type", before: .string(repository.encryption.kind.rawValue), after: nil),
        ]
        if let tags = repository.tags { attributes.append(AttributeChange(name: "tags", before: tagObject(tags), after: nil)) }
        return ResourceChange(address: "repository.\(repository.name)", action: .delete, reason: reason, attributes: attributes,
                              images: repository.images)
    }
}
