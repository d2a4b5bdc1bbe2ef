import Yams

/// The registry-wide sections: replication, registry scanning, prune.
extension SpecDecoder {
    static let maximumReplicationRules = 10
    static let maximumDestinationsPerRule = 100
    static let maximumFiltersPerRule = 100

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

    /// A repository filter: `prefix` or `{ filter: prefix, filter_type: PREFIX_MATCH }`.
    private func decodeFilter(_ node: Node, what: String, type: String, lengths: ClosedRange<Int>) -> String? {
        let valueNode: Node
        if case .mapping = node {
            guard let fields = reader.fields(node, "a repository filter of \(what)", allowed: SpecGrammar.filter.keys),
                requireKeys(fields, of: SpecGrammar.filter, what: "a repository filter of \(what)"), let filter = fields["filter"]
            else { return nil }
            if let typeNode = fields["filter_type"], let given = reader.string(typeNode, "'filter_type'"), given != type {
                reader.error(typeNode, "filter_type must be \(type) here, found '\(given)'")
            }
            valueNode = filter
        } else {
            valueNode = node
        }
        guard let value = reader.string(valueNode, "a repository filter") else { return nil }
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789._-/" + (type == "WILDCARD" ? "*" : ""))
        if !lengths.contains(value.count) || !value.allSatisfy(allowed.contains) {
            let wildcard = type == "WILDCARD" ? ", '*'" : ""
            reader.error(valueNode, "repository filter '\(value)' must be \(lengths.lowerBound) to \(lengths.upperBound) lowercase letters, digits, '.', '_', '-', '/'\(wildcard)")
            return nil
        }
        return value
    }

    /// `registry_scanning: { scan_type: BASIC | ENHANCED, rules: [...] }`.
    func decodeScanning(_ node: Node) -> RegistryScanningConfiguration? {
        guard let fields = reader.fields(node, "'registry_scanning'", allowed: SpecGrammar.scanning.keys),
            requireKeys(fields, of: SpecGrammar.scanning, what: "'registry_scanning'",
                        message: ["scan_type": "'registry_scanning' needs 'scan_type' (BASIC or ENHANCED)"]),
            let typeNode = fields["scan_type"]
        else { return nil }
        guard let scanType = reader.enumeration(typeNode, "'scan_type'", RegistryScanningConfiguration.ScanType.self) else { return nil }
        var rules: [RegistryScanningConfiguration.Rule] = []
        if let rulesNode = fields["rules"], let items = reader.list(rulesNode, "'registry_scanning.rules'") {
            for (index, item) in items.enumerated() {
                if let rule = decodeScanningRule(item, number: index + 1, scanType: scanType) {
                    if rules.contains(where: { $0.frequency == rule.frequency }) {
                        reader.warning(item, "scanning rule \(index + 1) repeats scan_frequency \(rule.frequency.rawValue); merge the filters into one rule")
                    }
                    rules.append(rule)
                }
            }
        }
        return RegistryScanningConfiguration(scanType: scanType, rules: rules)
    }

    private func decodeScanningRule(_ node: Node, number: Int, scanType: RegistryScanningConfiguration.ScanType) -> RegistryScanningConfiguration.Rule? {
        let what = "scanning rule \(number)"
        guard let fields = reader.fields(node, what, allowed: SpecGrammar.scanningRule.keys),
            requireKeys(fields, of: SpecGrammar.scanningRule, what: what,
                        message: ["repository_filters": "\(what) needs 'repository_filters' (use [\"*\"] for every repository)"]),
            let frequencyNode = fields["scan_frequency"], let filtersNode = fields["repository_filters"]
        else { return nil }
        guard let frequency = reader.enumeration(frequencyNode, "'scan_frequency'", RegistryScanningConfiguration.Frequency.self) else { return nil }
        // API reference, RegistryScanningRule.scanFrequency: BASIC supports SCAN_ON_PUSH, ENHANCED also
        // CONTINUOUS_SCAN. MANUAL is in botocore's enum and is what ECR sets where no rule applies, so
        // ECR may hold it (and export writes it): accepted, with a warning.
        let supported: [RegistryScanningConfiguration.Frequency] = scanType == .basic ? [.scanOnPush] : [.scanOnPush, .continuousScan]
        if frequency == .manual {
            reader.warning(frequencyNode, "\(what): MANUAL scans only when asked (StartImageScan); it is what ECR does where no rule applies")
        } else if !supported.contains(frequency) {
            reader.error(frequencyNode, "\(what): scan type \(scanType.rawValue) supports \(supported.map(\.rawValue).joined(separator: " and ")), not \(frequency.rawValue)")
        }
        guard let items = reader.list(filtersNode, "the repository_filters of \(what)") else { return nil }
        // API reference, RegistryScanningRule.repositoryFilters: 0 to 100 items.
        if items.count > Self.maximumFiltersPerRule {
            reader.error(filtersNode, "\(what) has \(items.count) repository filters; ECR allows at most \(Self.maximumFiltersPerRule)")
        } else if items.isEmpty {
            reader.warning(filtersNode, "\(what) has no repository filters, so it applies to no repository (use [\"*\"] for every one)")
        }
        let filters = items.compactMap { decodeFilter($0, what: what, type: "WILDCARD", lengths: 1...255) }
        return RegistryScanningConfiguration.Rule(frequency: frequency, repositoryFilters: filters)
    }

    /// `prune: { tags: {managed-by: ecr-apply}, prefix: team-a/, allow_delete_images: false }`.
    func decodePrune(_ node: Node) -> PruneRule? {
        guard let fields = reader.fields(node, "'prune'", allowed: SpecGrammar.prune.keys) else { return nil }
        var rule = PruneRule()
        if let tagsNode = fields["tags"], let tags = decodeTags(tagsNode, what: "the tags of 'prune'", allowNullValues: false) {
            rule.tags = tags.compactMapValues { $0 }
        }
        if let prefixNode = fields["prefix"], let prefix = reader.string(prefixNode, "'prefix'") {
            if prefix.isEmpty { reader.error(prefixNode, "'prefix' must not be empty") }
            rule.prefix = prefix
        }
        if let allowNode = fields["allow_delete_images"], let allow = reader.bool(allowNode, "'allow_delete_images'") {
            rule.allowDeleteImages = allow
        }
        if rule.tags.isEmpty, rule.prefix == nil {
            reader.error(node, "'prune' must say what ecr-apply owns: 'tags' (like managed-by: ecr-apply), 'prefix', or both")
            return nil
        }
        return rule
    }
}
