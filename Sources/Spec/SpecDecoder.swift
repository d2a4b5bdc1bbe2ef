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

    func decode(_ root: Node) -> DesiredRegistry? {
        guard let top = reader.fields(root, "the spec", allowed: SpecGrammar.top.keys) else { return nil }
        decodeVersion(top)
        if let registry = top["registry"] { decodeRegistrySection(registry) }
        if !SpecSections.all.contains(where: { top[$0.key] != nil }), !reader.budgetExhausted {
            reader.warning(root, "the spec declares no repositories and no registry-wide settings (add a 'repositories:' mapping)")
        }
        var registry = DesiredRegistry(region: region, accountID: accountID)
        registry.maxExpire = maxExpire
        for section in SpecSections.all { section.decode(top, with: self, into: &registry) }
        if let node = top["prune"] { registry.prune = decodePrune(node) }
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
