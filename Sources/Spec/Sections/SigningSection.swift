import Yams

/// `registry_signing:`: managed signing rules, owned whole; `null` or `rules: []` for none.
enum SigningSection: SpecSection {
    static let kind = ResourceKind.signing
    static let key = "registry_signing"

    static func decode(_ top: Fields, with decoder: SpecDecoder, into registry: inout DesiredRegistry) {
        guard let node = top[key] else { return }
        registry.signing = decoder.decodeSigning(node)
    }

    static func export(_ exporter: SpecExporter) -> [String] {
        guard let signing = exporter.live.signing else { return [] }
        guard !signing.rules.isEmpty else { return [] }
        var lines = ["", "\(key):", "  rules:"]
        for rule in signing.rules {
            lines.append("    - signing_profile_arn: \(YAMLText.quoted(rule.signingProfileARN))")
            if !rule.repositoryFilters.isEmpty {
                lines.append("      repository_filters: [" + rule.repositoryFilters.map(YAMLText.quoted).joined(separator: ", ") + "]")
            }
        }
        return lines
    }
}

extension SpecDecoder {
    func decodeSigning(_ node: Node) -> SigningConfiguration? {
        if reader.isNull(node) { return SigningConfiguration(rules: []) }
        let grammar = SpecGrammar.signing
        guard let fields = reader.fields(node, "'registry_signing'", allowed: grammar.keys),
            requireKeys(fields, of: grammar, what: "'registry_signing'"), let rulesNode = fields["rules"],
            let items = reader.list(rulesNode, "'registry_signing.rules'")
        else { return nil }
        if items.count > 10 { reader.error(rulesNode, "registry_signing has \(items.count) rules; ECR allows at most 10 (botocore's SigningRuleList)") }
        var rules: [SigningConfiguration.Rule] = []
        for (index, item) in items.enumerated() {
            let what = "signing rule \(index + 1)"
            let ruleGrammar = SpecGrammar.signingRule
            guard let fields = reader.fields(item, what, allowed: ruleGrammar.keys), requireKeys(fields, of: ruleGrammar, what: what),
                let profileNode = fields["signing_profile_arn"],
                let profile = modelString(profileNode, "'signing_profile_arn'", shape: "SigningProfileArn", lengths: 1...200,
                                          pattern: BotocorePattern.signingProfileARN)
            else { continue }
            var filters: [String] = []
            if let filtersNode = fields["repository_filters"], let values = reader.list(filtersNode, "the repository_filters of \(what)") {
                if values.isEmpty || values.count > 100 {
                    reader.error(filtersNode, "\(what) must have 1 to 100 repository filters when it has any (botocore's SigningRepositoryFilterList)")
                }
                filters = values.compactMap {
                    modelString($0, "a repository filter of \(what)", shape: "SigningRepositoryFilterValue", lengths: 1...256, pattern: BotocorePattern.signingFilter)
                }
            }
            rules.append(SigningConfiguration.Rule(signingProfileARN: profile, repositoryFilters: filters))
        }
        return rules.count == items.count ? SigningConfiguration(rules: rules) : nil
    }
}
