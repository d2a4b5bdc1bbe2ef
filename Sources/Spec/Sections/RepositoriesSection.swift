import Yams

/// `repositories:`, with the `defaults` merged into each and the `lifecycle_policies` they
/// name: keyed by repository name. Exported with shared settings hoisted into `defaults`.
enum RepositoriesSection: SpecSection {
    static let kind = ResourceKind.repository
    static let key = "repositories"

    static func decode(_ top: Fields, with decoder: SpecDecoder, into registry: inout DesiredRegistry) {
        if let policies = top["lifecycle_policies"] { decoder.decodeNamedLifecyclePolicies(policies) }
        let defaults = top["defaults"].flatMap { decoder.decodeSettings($0, what: "defaults") } ?? RepositorySettings()
        registry.repositories = top[key].map { decoder.decodeRepositories($0, defaults: defaults) } ?? []
    }

    static func export(_ exporter: SpecExporter) -> [String] { exporter.repositoryLines() }

    /// A registry's own `repositories` (of `registries:`), with the shared `defaults`.
    static func decodeOwn(_ node: Node, top: Fields, with decoder: SpecDecoder) -> [DesiredRepository] {
        let defaults = top["defaults"].flatMap { decoder.decodeSettings($0, what: "defaults") } ?? RepositorySettings()
        return decoder.decodeRepositories(node, defaults: defaults)
    }
}

extension SpecDecoder {
    /// One `repositories` entry or the `defaults` block.
    func decodeSettings(_ node: Node, what: String) -> RepositorySettings? {
        guard var fields = reader.fields(node, what, allowed: SpecGrammar.settings.keys, nullIsEmpty: true) else { return nil }
        var settings = RepositorySettings()
        // `key: unmanaged` leaves the attribute to others; nothing else is read for it.
        settings.unmanaged = Set(fields.entries.filter { entry in
            if case .scalar(let scalar) = entry.value, scalar.style == .plain, scalar.string == RepositorySettings.unmanagedWord { return true }
            return false
        }.map(\.name))
        fields.entries.removeAll { settings.unmanaged.contains($0.name) }
        if let node = fields["image_tag_mutability"] { settings.tagMutability = decodeTagMutability(node, what: what) }
        if let node = fields["scan_on_push"] { settings.scanOnPush = reader.bool(node, "'scan_on_push'") }
        if let node = fields["encryption"] { settings.encryption = decodeEncryption(node, what: what) }
        if let node = fields["tags"] {
            settings.tagsCleared = reader.isNull(node)
            settings.tags = decodeTags(node, what: "the tags of \(what)", allowNullValues: what != "defaults")
        }
        if let node = fields["lifecycle_policy"] {
            settings.lifecyclePolicy = decodeLifecyclePolicy(node, owner: what)
            settings.mentionsLifecyclePolicy = true
        }
        if let node = fields["repository_policy"] {
            settings.repositoryPolicy = decodeResourcePolicy(node, label: "repository policy of \(what)")
        }
        if let node = fields["pull_accounts"] { settings.pullAccounts = decodePullAccounts(node) }
        warnAboutRisks(settings, fields: fields, what: what)
        return settings
    }

    /// `MUTABLE`, `IMMUTABLE`, or `{ mode: IMMUTABLE, exclusions: [latest, "dev-*"] }`.
    func decodeTagMutability(_ node: Node, what: String) -> TagMutability? {
        if case .scalar = node {
            return reader.enumeration(node, "'image_tag_mutability'", TagMutability.Mode.self).map { TagMutability($0) }
        }
        guard let fields = reader.fields(node, "'image_tag_mutability'", allowed: SpecGrammar.tagMutability.keys),
            requireKeys(fields, of: SpecGrammar.tagMutability, what: "'image_tag_mutability'",
                        message: ["mode": "'image_tag_mutability' needs 'mode' (MUTABLE or IMMUTABLE)"]),
            let modeNode = fields["mode"]
        else { return nil }
        guard let mode = reader.enumeration(modeNode, "'mode'", TagMutability.Mode.self) else { return nil }
        var exclusions: [String] = []
        if let node = fields["exclusions"], let filters = reader.stringList(node, "'exclusions'") {
            let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._*-")
            for filter in filters where filter.isEmpty || filter.count > 128 || !filter.allSatisfy(allowed.contains) {
                reader.error(node, "exclusion filter '\(filter)' must be 1 to 128 letters, digits, '.', '_', '-' or '*'")
            }
            if filters.isEmpty || filters.count > 5 {
                reader.error(node, "'exclusions' must list 1 to 5 tag filters (it lists \(filters.count))")
            }
            exclusions = filters
        }
        return TagMutability(mode, exclusions: exclusions)
    }

    /// `{ type: KMS, kms_key: … }`, or the type alone: `encryption: AES256`.
    func decodeEncryption(_ node: Node, what: String) -> Encryption? {
        if case .scalar = node {
            return reader.enumeration(node, "encryption type", Encryption.Kind.self).map { Encryption($0) }
        }
        guard let fields = reader.fields(node, "'encryption'", allowed: SpecGrammar.encryption.keys),
            requireKeys(fields, of: SpecGrammar.encryption, what: "'encryption'",
                        message: ["type": "'encryption' needs 'type' (AES256, KMS or KMS_DSSE)"]),
            let typeNode = fields["type"]
        else { return nil }
        guard let kind = reader.enumeration(typeNode, "encryption type", Encryption.Kind.self) else { return nil }
        var encryption = Encryption(kind)
        if let keyNode = fields["kms_key"], let key = reader.string(keyNode, "'kms_key'") {
            if kind == .aes256 {
                reader.error(keyNode, "'kms_key' is only used with encryption type KMS or KMS_DSSE, not AES256")
            } else if key.isEmpty || key.utf8.count > 2048 {
                reader.error(keyNode, "kms_key must be 1 to 2048 characters (botocore's KmsKey)")
            } else {
                // botocore's KmsKey has no pattern: KMS decides at apply. A shape no key has is a likely typo.
                if let problem = Identifiers.kmsKeyProblem(key) {
                    reader.warning(keyNode, "kms_key '\(key)' \(problem); ECR will refuse a key KMS cannot find")
                }
                encryption.kmsKey = key
            }
        }
        return encryption
    }

    func decodePullAccounts(_ node: Node) -> [String]? {
        guard let items = reader.list(node, "'pull_accounts'") else { return nil }
        var accounts: [String] = []
        for item in items {
            guard let account = reader.string(item, "each entry of 'pull_accounts'") else { continue }
            if account == "*" {
                reader.warning(item, "pull_accounts '*' lets anyone pull these images: the repository is public")
            } else if let problem = Identifiers.accountIDProblem(account) {
                reader.error(item, "pull account '\(account)' \(problem)")
                continue
            }
            if accounts.contains(account) { reader.warning(item, "pull account '\(account)' is listed twice") }
            accounts.append(account)
        }
        return accounts
    }

    /// Settings that work but put images at risk, reported where they are written.
    private func warnAboutRisks(_ settings: RepositorySettings, fields: Fields, what: String) {
        if settings.tagMutability?.mode == .mutable, let node = fields["image_tag_mutability"] {
            reader.warning(node, "\(what): image tags are MUTABLE, so a pushed tag can be silently replaced (consider IMMUTABLE)")
        }
        if settings.scanOnPush == false, let node = fields["scan_on_push"] {
            reader.warning(node, "\(what): scan_on_push is false, so pushed images are not scanned for vulnerabilities")
        }
    }

    func decodeRepositories(_ node: Node, defaults: RepositorySettings) -> [DesiredRepository] {
        guard let fields = reader.fields(node, "'repositories'", allowed: [], nullIsEmpty: true) else { return [] }
        var repositories: [DesiredRepository] = []
        for entry in fields.entries {
            let name = entry.name
            if let problem = Identifiers.repositoryNameProblem(name) {
                reader.error(entry.key, "repository name '\(name)' \(problem)")
            }
            let what = "repository '\(name)'"
            guard let own = decodeSettings(entry.value, what: what) else { continue }
            let settings = own.merged(over: defaults)
            let location = reader.location(of: entry.key)
            if !settings.mentionsLifecyclePolicy {
                reader.warning(at: location, "\(what): the spec does not say what lifecycle policy it has, so ecr-apply leaves ECR's as it is "
                               + "(declare one with lifecycle_policy, or write 'lifecycle_policy: unmanaged' to say it is managed elsewhere)")
            }
            repositories.append(DesiredRepository(
                name: name,
                location: location,
                tagMutability: settings.tagMutability,
                scanOnPush: settings.scanOnPush,
                encryption: settings.encryption,
                tags: settings.tags.map { $0.compactMapValues { $0 } },
                lifecyclePolicy: settings.lifecyclePolicy,
                repositoryPolicy: repositoryPolicy(settings, what: what, at: location)
            ))
        }
        return repositories.sorted { $0.name < $1.name }
    }

    /// The explicit policy with the `pull_accounts` statement merged in.
    func repositoryPolicy(_ settings: RepositorySettings, what: String, at location: SourceLocation) -> Managed<PolicyDocument> {
        guard let accounts = settings.pullAccounts else { return settings.repositoryPolicy }
        let explicit = settings.repositoryPolicy.value
        if accounts.isEmpty { return explicit.map(Managed.present) ?? .absent }
        let statements = explicit?.json["Statement"].map { $0.arrayValue ?? [$0] } ?? []
        if statements.contains(where: { $0["Sid"] == .string(PullAccess.statementID) }) {
            reader.error(at: location, "\(what): the repository policy already has a statement '\(PullAccess.statementID)', which pull_accounts would add; rename it or drop pull_accounts")
        }
        let json = PullAccess.merge(accounts: accounts, into: explicit?.json, partition: Identifiers.partition(forRegion: region))
        return .present(PolicyDocument(json, origin: explicit?.origin ?? location))
    }
}
