import Yams

/// `registry_scanning:`: the scan type and its rules, owned whole when present.
enum RegistryScanningSection: SpecSection {
    static let kind = ResourceKind.registryScanning
    static let key = "registry_scanning"

    static func decode(_ top: Fields, with decoder: SpecDecoder, into registry: inout DesiredRegistry) {
        if let node = top[key] { registry.scanning = decoder.decodeScanning(node) }
    }

    static func export(_ exporter: SpecExporter) -> [String] {
        guard let scanning = exporter.live.scanning else { return [] }
        guard !scanning.rules.isEmpty else { return ["", "registry_scanning: { scan_type: \(scanning.scanType.rawValue) }"] }
        var lines = ["", "registry_scanning:", "  scan_type: \(scanning.scanType.rawValue)", "  rules:"]
        for rule in scanning.rules {
            lines.append("    - scan_frequency: \(rule.frequency.rawValue)")
            lines.append("      repository_filters: [" + rule.repositoryFilters.map(YAMLText.quoted).joined(separator: ", ") + "]")
        }
        return lines
    }
}

extension SpecDecoder {
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
}
