import Yams

/// `replication:`: the registry's replication rules, owned whole when present.
enum ReplicationSection: SpecSection {
    static let kind = ResourceKind.replication
    static let key = "replication"

    static func decode(_ top: Fields, with decoder: SpecDecoder, into registry: inout DesiredRegistry) {
        if let node = top[key] { registry.replication = decoder.decodeReplication(node) }
    }

    static func export(_ exporter: SpecExporter) -> [String] {
        guard let replication = exporter.live.replication else { return [] }
        guard !replication.rules.isEmpty else { return ["", "replication: null"] }
        var lines = ["", "replication:", "  rules:"]
        for rule in replication.rules {
            let destinations = rule.destinations.map { destination -> String in
                destination.registryID == nil || destination.registryID == exporter.live.accountID
                    ? "{ region: \(YAMLText.scalar(destination.region)) }"
                    : "{ region: \(YAMLText.scalar(destination.region)), registry_id: \(YAMLText.quoted(destination.registryID!)) }"
            }
            lines.append("    - destinations: [" + destinations.joined(separator: ", ") + "]")
            if !rule.repositoryPrefixes.isEmpty {
                lines.append("      repository_filters: [" + rule.repositoryPrefixes.map(YAMLText.quoted).joined(separator: ", ") + "]")
            }
        }
        return lines
    }
}

extension SpecDecoder {
    static let maximumReplicationRules = 10
    static let maximumDestinationsPerRule = 100

    /// `replication: { rules: [...] }`; `null` or `rules: []` means no replication.
    func decodeReplication(_ node: Node) -> ReplicationConfiguration? {
        if reader.isNull(node) { return ReplicationConfiguration(rules: []) }
        guard let fields = reader.fields(node, "'replication'", allowed: SpecGrammar.replication.keys),
            requireKeys(fields, of: SpecGrammar.replication, what: "'replication'",
                        message: ["rules": "'replication' needs 'rules' (a list; write 'replication: null' for none)"]),
            let rulesNode = fields["rules"]
        else { return nil }
        guard let items = reader.list(rulesNode, "'replication.rules'") else { return nil }
        if items.count > Self.maximumReplicationRules {
            reader.error(rulesNode, "replication has \(items.count) rules; ECR allows at most \(Self.maximumReplicationRules)")
        }
        let rules = items.enumerated().compactMap { decodeReplicationRule($1, number: $0 + 1) }
        return rules.count == items.count ? ReplicationConfiguration(rules: rules) : nil
    }

    private func decodeReplicationRule(_ node: Node, number: Int) -> ReplicationRule? {
        let what = "replication rule \(number)"
        guard let fields = reader.fields(node, what, allowed: SpecGrammar.replicationRule.keys),
            requireKeys(fields, of: SpecGrammar.replicationRule, what: what), let destinationsNode = fields["destinations"]
        else { return nil }
        guard let destinationItems = reader.list(destinationsNode, "the destinations of \(what)") else { return nil }
        if destinationItems.isEmpty || destinationItems.count > Self.maximumDestinationsPerRule {
            reader.error(destinationsNode, "\(what) must have 1 to \(Self.maximumDestinationsPerRule) destinations (it has \(destinationItems.count))")
        }
        var destinations: [ReplicationRule.Destination] = []
        for item in destinationItems {
            if let destination = decodeDestination(item, what: what) {
                if destinations.contains(destination) { reader.warning(item, "\(what) lists the destination \(destination.region) twice") }
                destinations.append(destination)
            }
        }
        var prefixes: [String] = []
        if let filtersNode = fields["repository_filters"], let items = reader.list(filtersNode, "the repository_filters of \(what)") {
            if items.count > Self.maximumFiltersPerRule {
                reader.error(filtersNode, "\(what) has \(items.count) repository filters; ECR allows at most \(Self.maximumFiltersPerRule)")
            }
            prefixes = items.compactMap { decodeFilter($0, what: what, type: "PREFIX_MATCH", lengths: 2...256) }
        }
        return ReplicationRule(destinations: destinations, repositoryPrefixes: prefixes)
    }

    private func decodeDestination(_ node: Node, what: String) -> ReplicationRule.Destination? {
        guard let fields = reader.fields(node, "a destination of \(what)", allowed: SpecGrammar.destination.keys),
            requireKeys(fields, of: SpecGrammar.destination, what: "a destination of \(what)"), let regionNode = fields["region"]
        else { return nil }
        guard let destinationRegion = reader.string(regionNode, "'region'") else { return nil }
        if let problem = Identifiers.regionProblem(destinationRegion) {
            reader.error(regionNode, "region '\(destinationRegion)' \(problem)")
            return nil
        }
        if let oddity = Identifiers.regionOddity(destinationRegion) { reader.warning(regionNode, "region '\(destinationRegion)' \(oddity)") }
        var registryID: String?
        if let idNode = fields["registry_id"], let id = reader.string(idNode, "'registry_id'") {
            if let problem = Identifiers.accountIDProblem(id) {
                reader.error(idNode, "registry_id '\(id)' \(problem)")
                return nil
            }
            registryID = id
        }
        let sameAccount = registryID == nil || registryID == accountID
        if destinationRegion == region, sameAccount {
            reader.error(node, "\(what) replicates to its own registry (\(destinationRegion)\(accountID.map { ", account \($0)" } ?? "")); a destination must be another region or account")
        }
        return ReplicationRule.Destination(region: destinationRegion, registryID: registryID)
    }
}
