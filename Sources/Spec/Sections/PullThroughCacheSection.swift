import Yams

/// `pull_through_cache_rules:`: by ECR repository prefix, where an upstream registry's images
/// are cached. Declared, the set of rules is owned: a live rule the spec lacks is destroyed.
enum PullThroughCacheSection: SpecSection {
    static let kind = ResourceKind.pullThroughCacheRule
    static let key = "pull_through_cache_rules"

    static func decode(_ top: Fields, with decoder: SpecDecoder, into registry: inout DesiredRegistry) {
        guard let node = top[key] else { return }
        guard let fields = decoder.reader.fields(node, "'\(key)'", allowed: [], nullIsEmpty: true) else { return }
        var rules: [String: PullThroughCacheRule] = [:]
        for entry in fields.entries {
            let what = "pull-through cache rule '\(entry.name)'"
            // Both checked, so every problem shows in one run.
            let prefix = decoder.modelString(entry.key, "the prefix of \(what)", shape: "PullThroughCacheRuleRepositoryPrefix", lengths: 2...30,
                                             pattern: BotocorePattern.prefix)
            guard let rule = decoder.decodeCacheRule(entry.value, what: what), prefix != nil else { continue }
            rules[entry.name] = rule
        }
        registry.pullThroughCacheRules = rules
    }

    static func export(_ exporter: SpecExporter) -> [String] {
        guard let rules = exporter.live.pullThroughCacheRules else { return [] }
        // None: left out (unmanaged), not written as an empty set.
        guard !rules.isEmpty else { return [] }
        var lines = ["", "\(key):"]
        for (prefix, rule) in rules.sorted(by: { $0.key < $1.key }) {
            lines.append("  \(YAMLText.scalar(prefix)):")
            lines.append("    upstream_registry_url: \(YAMLText.scalar(rule.upstreamRegistryURL))")
            if let upstream = rule.upstreamRegistry { lines.append("    upstream_registry: \(YAMLText.scalar(upstream.rawValue))") }
            if let prefix = rule.upstreamRepositoryPrefix { lines.append("    upstream_repository_prefix: \(YAMLText.scalar(prefix))") }
            if let arn = rule.credentialARN { lines.append("    credential_arn: \(YAMLText.quoted(arn))") }
            if let arn = rule.customRoleARN { lines.append("    custom_role_arn: \(YAMLText.quoted(arn))") }
        }
        return lines
    }
}

extension SpecDecoder {
    func decodeCacheRule(_ node: Node, what: String) -> PullThroughCacheRule? {
        let grammar = SpecGrammar.pullThroughCacheRule
        guard let fields = reader.fields(node, what, allowed: grammar.keys), requireKeys(fields, of: grammar, what: what),
            let urlNode = fields["upstream_registry_url"], let url = reader.string(urlNode, "'upstream_registry_url'")
        else { return nil }
        var rule = PullThroughCacheRule(upstreamRegistryURL: url)
        if let node = fields["upstream_registry"] {
            rule.upstreamRegistry = reader.enumeration(node, "'upstream_registry'", PullThroughCacheRule.Upstream.self)
        }
        if let node = fields["upstream_repository_prefix"] {
            rule.upstreamRepositoryPrefix = modelString(node, "'upstream_repository_prefix'", shape: "PullThroughCacheRuleRepositoryPrefix",
                                                        lengths: 2...30, pattern: BotocorePattern.prefix)
        }
        if let node = fields["credential_arn"] {
            rule.credentialARN = modelString(node, "'credential_arn'", shape: "CredentialArn", lengths: 50...612, pattern: BotocorePattern.credentialARN)
        }
        if let node = fields["custom_role_arn"] {
            rule.customRoleARN = modelString(node, "'custom_role_arn'", shape: "CustomRoleArn", lengths: 1...2048)
        }
        // The ECR User Guide: these upstreams need a Secrets Manager credential. No published
        // refusal text, so a warning.
        if let upstream = rule.upstreamRegistry, upstream.needsCredential, fields["credential_arn"] == nil {
            reader.warning(node, "\(what): \(upstream.rawValue) needs a credential_arn (a Secrets Manager secret named ecr-pullthroughcache/…) to pull")
        }
        return rule
    }
}
