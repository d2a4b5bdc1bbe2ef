/// The spec's grammar: every mapping's keys, the keys it must have, and the words each
/// enumerated value may take. The decoder reads its allowed and required keys from here;
/// `SpecGrammarTests` walks the JSON Schema (`SpecSchema`) over every key, every required
/// key and every enum value and fails on any difference, so an editor using the schema and
/// `ecr-apply validate` agree. Paths are the schema's: `replication.rules[]`, `$settings` for
/// a definition.
public enum SpecGrammar {
    /// One mapping of the spec.
    public struct Object: Sendable, Equatable {
        public let path: String
        public let keys: [String]
        public let required: [String]

        init(_ path: String, _ keys: [String], required: [String] = []) {
            self.path = path
            self.keys = keys
            self.required = required
        }
    }

    static let top = Object("", [
        "version", "registry", "defaults", "lifecycle_policies", "repositories",
        "replication", "registry_scanning", "registry_policy", "prune",
        "pull_through_cache_rules", "repository_creation_templates", "account_settings", "registry_signing", "pull_time_update_exclusions",
        "registries",
    ], required: ["version"])
    /// One registry of `registries:`: where it is, how to reach it, and its own sections.
    static let registryEntry = Object("registries.*", [
        "account_id", "region", "max_expire", "role_arn", "external_id", "session_name", "profile",
        "repositories", "replication", "registry_scanning", "registry_policy", "prune",
        "pull_through_cache_rules", "repository_creation_templates", "account_settings", "registry_signing", "pull_time_update_exclusions",
    ], required: ["account_id", "region"])
    static let registry = Object("registry", ["region", "account_id", "max_expire"])
    static let settings = Object("$settings", [
        "image_tag_mutability", "scan_on_push", "encryption", "tags", "lifecycle_policy", "repository_policy", "pull_accounts",
    ])
    static let tagMutability = Object("$tagMutability", ["mode", "exclusions"], required: ["mode"])
    static let encryption = Object("$encryption", ["type", "kms_key"], required: ["type"])
    static let policyFile = Object("$file", ["file"], required: ["file"])
    static let replication = Object("$replication", ["rules"], required: ["rules"])
    static let replicationRule = Object("$replication.rules[]", ["destinations", "repository_filters"], required: ["destinations"])
    static let destination = Object("$replication.rules[].destinations[]", ["region", "registry_id"], required: ["region"])
    static let filter = Object("$filter", ["filter", "filter_type"], required: ["filter"])
    static let scanning = Object("$registry_scanning", ["scan_type", "rules"], required: ["scan_type"])
    static let scanningRule = Object("$registry_scanning.rules[]", ["scan_frequency", "repository_filters"],
                                     required: ["scan_frequency", "repository_filters"])
    static let prune = Object("$prune", ["tags", "prefix", "allow_delete_images"])
    static let lifecyclePolicy = Object("$lifecyclePolicy", ["rules"], required: ["rules"])
    static let lifecycleRule = Object("$lifecyclePolicy.rules[]", LifecyclePolicyCheck.ruleKeys, required: ["rulePriority", "selection", "action"])
    static let lifecycleSelection = Object("$lifecyclePolicy.rules[].selection", LifecyclePolicyCheck.selectionKeys,
                                           required: ["tagStatus", "countType", "countNumber"])
    static let lifecycleAction = Object("$lifecyclePolicy.rules[].action", LifecyclePolicyCheck.actionKeys, required: ["type"])
    static let pullThroughCacheRule = Object("$pull_through_cache_rules.*", [
        "upstream_registry_url", "upstream_registry", "upstream_repository_prefix", "credential_arn", "custom_role_arn",
    ], required: ["upstream_registry_url"])
    static let creationTemplate = Object("$repository_creation_templates.*", [
        "applied_for", "description", "image_tag_mutability", "encryption", "resource_tags", "lifecycle_policy", "repository_policy",
        "pull_accounts", "custom_role_arn",
    ], required: ["applied_for"])
    static let signing = Object("$registry_signing", ["rules"], required: ["rules"])
    static let signingRule = Object("$registry_signing.rules[]", ["signing_profile_arn", "repository_filters"], required: ["signing_profile_arn"])
    static let iamPolicy = Object("$iamPolicy", IAMPolicyCheck.documentKeys, required: ["Statement"])

    /// Every mapping with a closed set of keys.
    public static let objects: [Object] = [
        top, registry, registryEntry, settings, tagMutability, encryption, policyFile, replication, replicationRule, destination, filter,
        scanning, scanningRule, prune, pullThroughCacheRule, creationTemplate, signing, signingRule, lifecyclePolicy, lifecycleRule, lifecycleSelection, lifecycleAction, iamPolicy,
    ]

    /// Every enumerated value, by path: the decoder reads them from the model's enums.
    public static let enumerations: [String: [String]] = [
        "$tagMutability": TagMutability.Mode.allCases.map(\.rawValue),
        "$tagMutability.mode": TagMutability.Mode.allCases.map(\.rawValue),
        "$encryption": Encryption.Kind.allCases.map(\.rawValue),
        "$encryption.type": Encryption.Kind.allCases.map(\.rawValue),
        "$filter.filter_type": ["PREFIX_MATCH", "WILDCARD"],
        "$registry_scanning.scan_type": RegistryScanningConfiguration.ScanType.allCases.map(\.rawValue),
        "$registry_scanning.rules[].scan_frequency": RegistryScanningConfiguration.Frequency.allCases.map(\.rawValue),
        "$lifecyclePolicy.rules[].selection.tagStatus": LifecyclePolicyCheck.tagStatuses,
        "$lifecyclePolicy.rules[].selection.storageClass": LifecyclePolicyCheck.storageClasses,
        "$lifecyclePolicy.rules[].selection.countType": LifecyclePolicyCheck.countTypes,
        "$lifecyclePolicy.rules[].selection.countUnit": LifecyclePolicyCheck.countUnits,
        "$lifecyclePolicy.rules[].action.type": LifecyclePolicyCheck.actionTypes,
        "$lifecyclePolicy.rules[].action.targetStorageClass": LifecyclePolicyCheck.targetStorageClasses,
        "$iamPolicy.Version": IAMPolicyCheck.versions,
        "$iamStatement.Effect": IAMPolicyCheck.effects,
        "$pull_through_cache_rules.*.upstream_registry": PullThroughCacheRule.Upstream.allCases.map(\.rawValue),
        "$repository_creation_templates.*.applied_for[]": RepositoryCreationTemplate.AppliedFor.allCases.map(\.rawValue),
    ]
}

extension SpecDecoder {
    /// Reports each required key of `object` that `fields` lacks, in the grammar's words or
    /// `message[key]`; `true` when all are there.
    func requireKeys(_ fields: Fields, of object: SpecGrammar.Object, what: String, message: [String: String] = [:]) -> Bool {
        var complete = true
        for key in object.required where fields[key] == nil {
            reader.error(fields.node, message[key] ?? "\(what) needs '\(key)'")
            complete = false
        }
        return complete
    }
}
