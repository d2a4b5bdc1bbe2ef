import Yams

/// Walks the YAML of a spec into a `DesiredRegistry`. One instance per file; findings
/// accumulate in `reader`.
final class SpecDecoder {
    static let supportedVersions = [1]

    let reader: NodeReader
    let baseDirectory: String
    let readFile: SpecLoader.FileReader
    var file: String { reader.file }

    /// Filled while decoding, read by later sections.
    var region: String?
    var accountID: String?
    var maxExpire: Int?
    var namedLifecyclePolicies: [String: PolicyDocument] = [:]

    init(file: String, baseDirectory: String, readFile: @escaping SpecLoader.FileReader) {
        reader = NodeReader(file: file)
        self.baseDirectory = baseDirectory
        self.readFile = readFile
    }

    /// The whole spec: one registry (`registry:` or none named) or several (`registries:`).
    func decodeSpec(_ root: Node) -> DesiredSpec? {
        guard let top = reader.fields(root, "the spec", allowed: SpecGrammar.top.keys) else { return nil }
        decodeVersion(top)
        guard let registriesNode = top["registries"] else {
            if let registry = top["registry"] { decodeRegistrySection(registry) }
            return decodeRegistry(top, own: nil, root: root).map { DesiredSpec(registries: [DeclaredRegistry(name: nil, registry: $0)]) }
        }
        if let key = top.key("registry") {
            reader.error(key, "'registry' and 'registries' cannot both be written: name every registry under 'registries'")
        }
        guard let entries = reader.fields(registriesNode, "'registries'", allowed: []) else { return nil }
        if entries.entries.isEmpty { reader.error(registriesNode, "'registries' names no registry") }
        var declared: [DeclaredRegistry] = []
        for entry in entries.entries {
            // The name goes into every address (`NAME:repository.api`): no ':' or spaces.
            if entry.name.isEmpty || entry.name.count > 64 || !entry.name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }) {
                reader.error(entry.key, "registry name '\(entry.name)' must be 1 to 64 letters, digits, '-', '_' or '.' (it is part of every address)")
            }
            let what = "registry '\(entry.name)'"
            guard let fields = reader.fields(entry.value, what, allowed: SpecGrammar.registryEntry.keys),
                requireKeys(fields, of: SpecGrammar.registryEntry, what: what)
            else { continue }
            region = nil
            accountID = nil
            maxExpire = nil
            decodeIdentity(fields, what: what)
            let access = decodeAccess(fields, what: what)
            if let registry = decodeRegistry(top, own: fields, root: root) {
                declared.append(DeclaredRegistry(name: entry.name, access: access, registry: registry))
            }
        }
        return DesiredSpec(registries: declared)
    }

    /// One registry: the top-level sections, each replaced by the registry's own where it
    /// writes one; its own repositories added to (and overriding) the shared ones.
    private func decodeRegistry(_ top: Fields, own: Fields?, root: Node) -> DesiredRegistry? {
        let ownKeys = Set(own?.entries.map(\.name) ?? []).subtracting(["repositories"])
        let merged = Fields(node: top.node, entries: top.entries.filter { !ownKeys.contains($0.name) }
            + (own?.entries.filter { ownKeys.contains($0.name) } ?? []))
        if !SpecSections.all.contains(where: { merged[$0.key] != nil || own?[$0.key] != nil }), !reader.budgetExhausted {
            reader.warning(root, "the spec declares no repositories and no registry-wide settings (add a 'repositories:' mapping)")
        }
        var registry = DesiredRegistry(region: region, accountID: accountID)
        registry.maxExpire = maxExpire
        for section in SpecSections.all { section.decode(merged, with: self, into: &registry) }
        if let node = own?["repositories"] {
            let mine = RepositoriesSection.decodeOwn(node, top: top, with: self)
            let names = Set(mine.map(\.name))
            registry.repositories = (registry.repositories.filter { !names.contains($0.name) } + mine).sorted { $0.name < $1.name }
        }
        if let node = merged["prune"] { registry.prune = decodePrune(node) }
        return registry
    }

    private func decodeVersion(_ top: Fields) {
        guard requireKeys(top, of: SpecGrammar.top, what: "the spec",
                          message: ["version": "missing 'version' (add 'version: 1' at the top of the file)"]),
            let node = top["version"]
        else { return }
        guard let version = reader.integer(node, "'version'") else { return }
        if !Self.supportedVersions.contains(version) {
            reader.error(node, "unsupported version \(version); this ecr-apply reads version 1")
        }
    }

    private func decodeRegistrySection(_ node: Node) {
        guard let fields = reader.fields(node, "'registry'", allowed: SpecGrammar.registry.keys) else { return }
        decodeIdentity(fields, what: "'registry'")
    }

    /// `region`, `account_id` and `max_expire`, of `registry:` or of one of `registries:`.
    private func decodeIdentity(_ fields: Fields, what: String) {
        if let node = fields["max_expire"], let value = reader.integer(node, "'max_expire'") {
            if value < 0 {
                reader.error(node, "'max_expire' must be 0 or more (the most images a lifecycle policy change may expire in one repository)")
            } else {
                maxExpire = value
            }
        }
        if let node = fields["region"], let value = reader.string(node, "'region'") {
            if let problem = Identifiers.regionProblem(value) {
                reader.error(node, "region '\(value)' \(problem)")
            } else {
                if let oddity = Identifiers.regionOddity(value) { reader.warning(node, "region '\(value)' \(oddity)") }
                region = value
            }
        }
        if let node = fields["account_id"], let value = reader.string(node, "'account_id'") {
            if let problem = Identifiers.accountIDProblem(value) {
                reader.error(node, "account_id '\(value)' \(problem)")
            } else {
                accountID = value
            }
        }
    }

    /// How to reach a registry of `registries:`: `role_arn` (with `external_id`,
    /// `session_name`) assumed from the base credentials, and/or a `profile`.
    private func decodeAccess(_ fields: Fields, what: String) -> RegistryAccess {
        var access = RegistryAccess()
        // botocore's STS shapes: roleArnType 20–2048, externalIdType 2–1224, roleSessionNameType 2–64.
        if let node = fields["role_arn"] {
            access.roleARN = modelString(node, "'role_arn' of \(what)", shape: "STS roleArnType", lengths: 20...2048)
            if let arn = access.roleARN, let account = accountID, !arn.contains(":iam::\(account):") {
                reader.warning(node, "\(what): role '\(arn)' is not in account \(account); the assumed role must land in \(account) or the registry is refused")
            }
        }
        if let node = fields["external_id"] {
            access.externalID = modelString(node, "'external_id' of \(what)", shape: "STS externalIdType", lengths: 2...1224, pattern: #"^[\w+=,.@:\/-]*$"#)
        }
        if let node = fields["session_name"] {
            access.sessionName = modelString(node, "'session_name' of \(what)", shape: "STS roleSessionNameType", lengths: 2...64, pattern: #"^[\w+=,.@-]*$"#)
        }
        if let node = fields["profile"] { access.profile = reader.string(node, "'profile' of \(what)") }
        if access.roleARN == nil, fields["external_id"] != nil || fields["session_name"] != nil, let node = fields["external_id"] ?? fields["session_name"] {
            reader.error(node, "\(what): 'external_id' and 'session_name' go with 'role_arn'")
        }
        return access
    }

    /// `tags:` as a map of strings; a `null` value (allowed only where `allowNullValues`)
    /// removes a tag that defaults would add.
    func decodeTags(_ node: Node, what: String, allowNullValues: Bool) -> [String: String?]? {
        guard let fields = reader.fields(node, what, allowed: [], nullIsEmpty: true) else { return nil }
        var tags: [String: String?] = [:]
        for entry in fields.entries {
            if allowNullValues, reader.isYAMLNull(entry.value) {
                tags[entry.name] = .some(nil)
                continue
            }
            guard let value = reader.string(entry.value, "the value of tag '\(entry.name)'") else { continue }
            if let problem = Identifiers.tagProblem(key: entry.name, value: value) {
                reader.error(entry.key, problem)
                continue
            }
            tags[entry.name] = value
        }
        if tags.count > 50 { reader.error(node, "\(what) has \(tags.count) tags; ECR allows at most 50 per repository") }
        return tags
    }
}
