/// Repository creation templates (`repository_creation_templates:`), keyed by prefix or
/// `ROOT`: the settings ECR gives the repositories it creates. Every field can change in
/// place (UpdateRepositoryCreationTemplate).
public enum CreationTemplatePlanner: KindPlanner {
    public static let kind = ResourceKind.creationTemplate

    public enum Attribute: String, CaseIterable, Sendable {
        case appliedFor = "applied_for", description
        case imageTagMutability = "image_tag_mutability", imageTagMutabilityExclusions = "image_tag_mutability_exclusions"
        case encryptionType = "encryption_type", kmsKey = "kms_key", resourceTags = "resource_tags"
        case lifecyclePolicy = "lifecycle_policy", repositoryPolicy = "repository_policy", customRoleARN = "custom_role_arn"
    }

    public static func isDeclared(in desired: DesiredRegistry) -> Bool { desired.creationTemplates != nil }

    public static func changes(_ context: DiffContext) -> [ResourceChange] {
        KeyedObjects.changes(kind, desired: context.desired.creationTemplates?.mapValues { wanted($0, partition: context.partition) },
                             live: live(context.live, partition: context.partition), replaceReason: "")
    }

    public static func staleAttributes(of change: ResourceChange, live registry: LiveRegistry, partition: String) -> [String] {
        KeyedObjects.stale(change, live: live(registry, partition: partition))
    }

    static func wanted(_ template: RepositoryCreationTemplate, partition: String) -> [KeyedObjects.Wanted] {
        var wanted = [KeyedObjects.Wanted(name: Attribute.appliedFor.rawValue, value: list(template.appliedFor.map(\.rawValue)))]
        func add(_ attribute: Attribute, _ value: JSONValue?, document: String? = nil) {
            wanted.append(KeyedObjects.Wanted(name: attribute.rawValue, value: value, document: document))
        }
        if let description = template.description { add(.description, .string(description)) }
        if let mutability = template.tagMutability {
            add(.imageTagMutability, .string(mutability.awsValue))
            if !mutability.exclusions.isEmpty { add(.imageTagMutabilityExclusions, list(mutability.exclusions)) }
        }
        if let encryption = template.encryption {
            add(.encryptionType, .string(encryption.kind.rawValue))
            if encryption.kind != .aes256, let key = encryption.kmsKey { add(.kmsKey, .string(key)) }
        }
        if let tags = template.resourceTags { add(.resourceTags, .object(tags.mapValues(JSONValue.string))) }
        if template.lifecyclePolicy.isManaged {
            let policy = template.lifecyclePolicy.value
            add(.lifecyclePolicy, policy.map { PolicyNormalization.lifecyclePolicy($0.json) }, document: policy?.text)
        }
        if template.repositoryPolicy.isManaged {
            let policy = template.repositoryPolicy.value
            add(.repositoryPolicy, policy.map { PolicyNormalization.iamPolicy($0.json, partition: partition) }, document: policy?.text)
        }
        if let role = template.customRoleARN { add(.customRoleARN, .string(role)) }
        return wanted
    }

    static func live(_ registry: LiveRegistry, partition: String) -> [String: [String: JSONValue]]? {
        registry.creationTemplates?.mapValues { template in
            var values: [String: JSONValue] = [
                Attribute.appliedFor.rawValue: list(template.appliedFor.map(\.rawValue)),
                Attribute.imageTagMutability.rawValue: .string(template.tagMutability.awsValue),
                Attribute.imageTagMutabilityExclusions.rawValue: list(template.tagMutability.exclusions),
                Attribute.encryptionType.rawValue: .string(template.encryption.kind.rawValue),
                Attribute.resourceTags.rawValue: .object(template.resourceTags.mapValues(JSONValue.string)),
            ]
            values[Attribute.description.rawValue] = template.description.map(JSONValue.string)
            values[Attribute.kmsKey.rawValue] = template.encryption.kmsKey.map(JSONValue.string)
            values[Attribute.lifecyclePolicy.rawValue] = template.lifecyclePolicy.map(PolicyNormalization.lifecyclePolicy)
            values[Attribute.repositoryPolicy.rawValue] = template.repositoryPolicy.map { PolicyNormalization.iamPolicy($0, partition: partition) }
            values[Attribute.customRoleARN.rawValue] = template.customRoleARN.map(JSONValue.string)
            return values
        }
    }

    /// A template's planned fields, typed: what Create/UpdateRepositoryCreationTemplate send.
    public struct Planned: Sendable, Equatable {
        public var prefix: String
        public var appliedFor: [RepositoryCreationTemplate.AppliedFor] = []
        public var description: String?
        public var tagMutability: TagMutability?
        public var encryption: Encryption?
        public var resourceTags: [String: String]?
        /// `.some(nil)` clears the policy; `nil` leaves it alone.
        public var lifecyclePolicy: String??
        public var repositoryPolicy: String??
        public var customRoleARN: String?
    }

    public static func planned(_ change: ResourceChange) throws -> Planned {
        func after<Value: Decodable>(_ attribute: Attribute, _ type: Value.Type) throws -> Value? {
            try change.attribute(attribute.rawValue)?.after.map { try $0.decode(type) }
        }
        func policy(_ attribute: Attribute) -> String?? {
            guard let attribute = change.attribute(attribute.rawValue) else { return nil }
            return .some(attribute.sentText)
        }
        var planned = Planned(prefix: change.address.key ?? "")
        planned.appliedFor = try after(.appliedFor, [RepositoryCreationTemplate.AppliedFor].self) ?? []
        planned.description = try after(.description, String.self)
        if let mode = try after(.imageTagMutability, String.self) {
            planned.tagMutability = TagMutability(awsValue: mode, exclusions: try after(.imageTagMutabilityExclusions, [String].self) ?? [])
        }
        if let type = try after(.encryptionType, Encryption.Kind.self) { planned.encryption = Encryption(type, kmsKey: try after(.kmsKey, String.self)) }
        planned.resourceTags = try after(.resourceTags, [String: String].self)
        planned.lifecyclePolicy = policy(.lifecyclePolicy)
        planned.repositoryPolicy = policy(.repositoryPolicy)
        planned.customRoleARN = try after(.customRoleARN, String.self)
        return planned
    }

    static func list(_ values: [String]) -> JSONValue { .array(values.sorted().map(JSONValue.string)) }
}
