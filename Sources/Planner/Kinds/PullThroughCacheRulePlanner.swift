/// Pull-through cache rules (`pull_through_cache_rules:`), keyed by ECR repository prefix.
/// UpdatePullThroughCacheRule changes only the credential and the custom role: any other
/// change is a replacement (the cached repositories stay).
public enum PullThroughCacheRulePlanner: KindPlanner {
    public static let kind = ResourceKind.pullThroughCacheRule

    public enum Attribute: String, CaseIterable, Sendable {
        case upstreamRegistryURL = "upstream_registry_url", upstreamRegistry = "upstream_registry"
        case upstreamRepositoryPrefix = "upstream_repository_prefix", credentialARN = "credential_arn", customRoleARN = "custom_role_arn"

        var forcesReplacement: Bool { self != .credentialARN && self != .customRoleARN }
    }

    public static func isDeclared(in desired: DesiredRegistry) -> Bool { desired.pullThroughCacheRules != nil }

    public static func changes(_ context: DiffContext) -> [ResourceChange] {
        KeyedObjects.changes(kind, desired: context.desired.pullThroughCacheRules?.mapValues(wanted),
                             live: live(context.live), replaceReason: "UpdatePullThroughCacheRule cannot change the upstream")
    }

    public static func staleAttributes(of change: ResourceChange, live registry: LiveRegistry, partition: String) -> [String] {
        KeyedObjects.stale(change, live: live(registry))
    }

    static func wanted(_ rule: PullThroughCacheRule) -> [KeyedObjects.Wanted] {
        let values: [(Attribute, String?)] = [
            (.upstreamRegistryURL, rule.upstreamRegistryURL), (.upstreamRegistry, rule.upstreamRegistry?.rawValue),
            (.upstreamRepositoryPrefix, rule.upstreamRepositoryPrefix), (.credentialARN, rule.credentialARN), (.customRoleARN, rule.customRoleARN),
        ]
        return values.compactMap { attribute, value in
            value.map { KeyedObjects.Wanted(name: attribute.rawValue, value: .string($0), forcesReplacement: attribute.forcesReplacement) }
        }
    }

    static func live(_ registry: LiveRegistry) -> [String: [String: JSONValue]]? {
        registry.pullThroughCacheRules?.mapValues { rule in
            wanted(rule).reduce(into: [:]) { $0[$1.name] = $1.value }
        }
    }

    /// The rule a planned change creates or updates, typed.
    public static func planned(_ change: ResourceChange) throws -> PullThroughCacheRule {
        func value(_ attribute: Attribute) -> String? { change.attribute(attribute.rawValue)?.after?.stringValue }
        return PullThroughCacheRule(upstreamRegistryURL: value(.upstreamRegistryURL) ?? "", upstreamRegistry: try value(.upstreamRegistry).map {
            try JSONValue.string($0).decode(PullThroughCacheRule.Upstream.self)
        }, credentialARN: value(.credentialARN), upstreamRepositoryPrefix: value(.upstreamRepositoryPrefix), customRoleARN: value(.customRoleARN))
    }
}
