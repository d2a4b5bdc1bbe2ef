/// What the spec's cache rules and templates cover: repositories ECR creates by itself are
/// not the spec's to delete, and a reviewer sees them under the rule or template that made
/// them, with the settings that template gives them.
public struct Coverage: Sendable, Equatable, Codable {
    /// The rule or template.
    public var by: Address
    /// Declared repositories a template's settings would apply to, were ECR to create them
    /// (on push or by replication, when the template is applied for that).
    public var declaredRepositories: [String]
    /// Declared pull-through prefixes whose repositories a template shapes.
    public var cachePrefixes: [String]
    /// Repositories in ECR the spec does not declare, made through this rule or template:
    /// left alone, never pruned.
    public var createdByECR: [String]
    /// For a cache rule: the template ECR applies to what it creates, in words.
    public var settings: String?

    enum CodingKeys: String, CodingKey {
        case by, declaredRepositories = "declared_repositories", cachePrefixes = "cache_prefixes", createdByECR = "created_by_ecr", settings
    }

    /// Every declared rule and template, with what it covers (empty ones left out).
    static func of(_ desired: DesiredRegistry, live: LiveRegistry) -> [Coverage] {
        let templates = desired.creationTemplates ?? [:], rules = desired.pullThroughCacheRules ?? [:]
        let declared = Set(desired.repositories.map(\.name))
        var coverage: [Coverage] = []
        for (prefix, rule) in rules.sorted(by: { $0.key < $1.key }) {
            let made = live.repositories.keys.filter { !declared.contains($0) && RepositoryCreationTemplate.prefix(prefix, covers: $0) }.sorted()
            let template = template(for: prefix + "/", in: templates, appliedFor: .pullThroughCache)
            coverage.append(Coverage(by: Address(kind: .pullThroughCacheRule, key: prefix), declaredRepositories: [], cachePrefixes: [],
                                     createdByECR: made, settings: template.map { describe($0.key, $0.value) } ?? "ECR's defaults (no template applies) from \(rule.upstreamRegistryURL)"))
        }
        for (prefix, template) in templates.sorted(by: { $0.key < $1.key }) {
            let mine = { (name: String, use: RepositoryCreationTemplate.AppliedFor?) -> Bool in
                Self.template(for: name, in: templates, appliedFor: use)?.key == prefix
            }
            let onPushOrReplication = template.appliedFor.contains(.createOnPush) || template.appliedFor.contains(.replication)
            let made = onPushOrReplication ? live.repositories.keys.filter { name in
                !declared.contains(name) && !rules.keys.contains { RepositoryCreationTemplate.prefix($0, covers: name) } && mine(name, nil)
            }.sorted() : []
            coverage.append(Coverage(by: Address(kind: .creationTemplate, key: prefix),
                                     declaredRepositories: onPushOrReplication ? declared.filter { mine($0, nil) }.sorted() : [],
                                     cachePrefixes: template.appliedFor.contains(.pullThroughCache)
                                        ? rules.keys.filter { mine($0 + "/", .pullThroughCache) }.sorted() : [],
                                     createdByECR: made, settings: nil))
        }
        return coverage.filter { !$0.declaredRepositories.isEmpty || !$0.cachePrefixes.isEmpty || !$0.createdByECR.isEmpty || $0.by.kind == .pullThroughCacheRule }
    }

    /// Whether a repository the spec does not declare was made by a declared rule or template.
    static func madeByECR(_ name: String, _ desired: DesiredRegistry) -> Bool {
        if (desired.pullThroughCacheRules ?? [:]).keys.contains(where: { RepositoryCreationTemplate.prefix($0, covers: name) }) { return true }
        guard let (_, template) = template(for: name, in: desired.creationTemplates ?? [:], appliedFor: nil) else { return false }
        return template.appliedFor.contains(.createOnPush) || template.appliedFor.contains(.replication)
    }

    /// The template ECR applies to a repository name: the longest prefix that covers it,
    /// `ROOT` last; only templates applied for `use` when given.
    static func template(for name: String, in templates: [String: RepositoryCreationTemplate],
                         appliedFor use: RepositoryCreationTemplate.AppliedFor?) -> (key: String, value: RepositoryCreationTemplate)? {
        templates.filter { prefix, template in
            RepositoryCreationTemplate.prefix(prefix, covers: name) && (use.map { template.appliedFor.contains($0) } ?? true)
        }.max { ($0.key == "ROOT" ? -1 : $0.key.count) < ($1.key == "ROOT" ? -1 : $1.key.count) }.map { ($0.key, $0.value) }
    }

    static func describe(_ prefix: String, _ template: RepositoryCreationTemplate) -> String {
        var parts = ["template \(prefix)"]
        if let mutability = template.tagMutability { parts.append(mutability.awsValue) }
        if let encryption = template.encryption { parts.append(encryption.kind.rawValue) }
        if template.lifecyclePolicy.value != nil { parts.append("lifecycle policy") }
        if template.repositoryPolicy.value != nil { parts.append("repository policy") }
        return parts.joined(separator: ", ")
    }
}
