import Yams

/// `repository_creation_templates:`: by prefix or `ROOT`, the settings ECR gives repositories
/// it creates itself. Declared, the set of templates is owned.
enum CreationTemplateSection: SpecSection {
    static let kind = ResourceKind.creationTemplate
    static let key = "repository_creation_templates"

    static func decode(_ top: Fields, with decoder: SpecDecoder, into registry: inout DesiredRegistry) {
        guard let node = top[key] else { return }
        guard let fields = decoder.reader.fields(node, "'\(key)'", allowed: [], nullIsEmpty: true) else { return }
        var templates: [String: RepositoryCreationTemplate] = [:]
        for entry in fields.entries {
            let what = "repository creation template '\(entry.name)'"
            let prefix = decoder.modelString(entry.key, "the prefix of \(what)", shape: "Prefix", lengths: 1...256, pattern: BotocorePattern.prefix)
            guard let template = decoder.decodeTemplate(entry.value, what: what, at: decoder.reader.location(of: entry.key)), prefix != nil
            else { continue }
            templates[entry.name] = template
        }
        registry.creationTemplates = templates
    }

    static func export(_ exporter: SpecExporter) -> [String] {
        guard let templates = exporter.live.creationTemplates else { return [] }
        guard !templates.isEmpty else { return [] }
        var lines = ["", "\(key):"]
        for (prefix, template) in templates.sorted(by: { $0.key < $1.key }) {
            lines.append("  \(YAMLText.scalar(prefix)):")
            lines.append("    applied_for: [" + template.appliedFor.map(\.rawValue).sorted().joined(separator: ", ") + "]")
            if let description = template.description { lines.append("    description: \(YAMLText.quoted(description))") }
            let mutability = template.tagMutability
            lines.append(mutability.exclusions.isEmpty ? "    image_tag_mutability: \(mutability.mode.rawValue)"
                : "    image_tag_mutability: { mode: \(mutability.mode.rawValue), exclusions: [" + mutability.exclusions.map(YAMLText.quoted).joined(separator: ", ") + "] }")
            let encryption = template.encryption
            lines.append(encryption.kmsKey.map { "    encryption: { type: \(encryption.kind.rawValue), kms_key: \(YAMLText.quoted($0)) }" }
                ?? "    encryption: \(encryption.kind.rawValue)")
            lines.append("    resource_tags: {" + template.resourceTags.sorted { $0.key < $1.key }
                .map { " \(YAMLText.scalar($0.key)): \(YAMLText.quoted($0.value))" }.joined(separator: ",") + (template.resourceTags.isEmpty ? "}" : " }"))
            for (name, policy) in [("lifecycle_policy", template.lifecyclePolicy), ("repository_policy", template.repositoryPolicy)] {
                if let policy { lines += ["    \(name):"] + YAMLText.block(policy, indent: 6) } else { lines.append("    \(name): null") }
            }
            if let role = template.customRoleARN { lines.append("    custom_role_arn: \(YAMLText.quoted(role))") }
        }
        return lines
    }
}

extension SpecDecoder {
    func decodeTemplate(_ node: Node, what: String, at location: SourceLocation) -> RepositoryCreationTemplate? {
        let grammar = SpecGrammar.creationTemplate
        guard let fields = reader.fields(node, what, allowed: grammar.keys), requireKeys(fields, of: grammar, what: what),
            let appliedNode = fields["applied_for"], let items = reader.list(appliedNode, "'applied_for'")
        else { return nil }
        let appliedFor = items.compactMap { reader.enumeration($0, "'applied_for'", RepositoryCreationTemplate.AppliedFor.self) }
        if items.isEmpty { reader.warning(appliedNode, "\(what): 'applied_for' is empty, so ECR applies it to no repository") }
        var template = RepositoryCreationTemplate(appliedFor: appliedFor)
        if let node = fields["description"] {
            template.description = modelString(node, "'description'", shape: "RepositoryTemplateDescription", lengths: 0...256)
        }
        if let node = fields["image_tag_mutability"] { template.tagMutability = decodeTagMutability(node, what: what) }
        if let node = fields["encryption"], let encryption = decodeEncryption(node, what: what) {
            if let key = encryption.kmsKey, !BotocorePattern.matches(key, BotocorePattern.templateKMSKey) {
                reader.error(node, "\(what): a template's kms_key must be a key ARN (botocore's KmsKeyForRepositoryCreationTemplate pattern "
                             + "\(BotocorePattern.templateKMSKey)), not '\(key)'")
            }
            template.encryption = encryption
        }
        if let node = fields["resource_tags"], let tags = decodeTags(node, what: "the resource_tags of \(what)", allowNullValues: false) {
            template.resourceTags = tags.compactMapValues { $0 }
        }
        if let node = fields["lifecycle_policy"] { template.lifecyclePolicy = decodeLifecyclePolicy(node, owner: what) }
        var settings = RepositorySettings()
        if let node = fields["repository_policy"] { settings.repositoryPolicy = decodeResourcePolicy(node, label: "repository policy of \(what)") }
        if let node = fields["pull_accounts"] { settings.pullAccounts = decodePullAccounts(node) }
        template.repositoryPolicy = repositoryPolicy(settings, what: what, at: location)
        if let node = fields["custom_role_arn"] {
            template.customRoleARN = modelString(node, "'custom_role_arn'", shape: "CustomRoleArn", lengths: 1...2048)
        }
        return template
    }
}
