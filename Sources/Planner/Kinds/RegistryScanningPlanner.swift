/// Registry-wide scanning (`registry_scanning:`): the scan type and its rules, owned whole.
/// ECR always has a configuration (BASIC with no rules by default), so it is only updated.
public enum RegistryScanningPlanner: KindPlanner {
    public static let kind = ResourceKind.registryScanning
    static let address = Address.registryWide(.registryScanning)

    public static func isDeclared(in desired: DesiredRegistry) -> Bool { desired.scanning != nil }

    public static func changes(_ context: DiffContext) -> [ResourceChange] {
        guard let scanning = context.desired.scanning else { return [] }
        let current = context.live.scanning ?? RegistryScanningConfiguration(scanType: .basic)
        return [RegistryObjectChange.make(address, [
            AttributeChange(name: "scan_type", before: .string(current.scanType.rawValue), after: .string(scanning.scanType.rawValue)),
            AttributeChange(name: "rules", before: rules(current), after: rules(scanning)),
        ], existsBefore: true, existsAfter: true)]
    }

    public static func staleAttributes(of change: ResourceChange, live: LiveRegistry, partition: String) -> [String] {
        let current = live.scanning ?? RegistryScanningConfiguration(scanType: .basic)
        return RegistryObjectChange.stale(change, fresh: ["scan_type": .string(current.scanType.rawValue), "rules": rules(current)])
    }

    /// The configuration a planned change sends, typed.
    public static func planned(_ change: ResourceChange) throws -> RegistryScanningConfiguration {
        let scanType = try (change.attribute("scan_type")?.after ?? .null).decode(RegistryScanningConfiguration.ScanType.self)
        return RegistryScanningConfiguration(
            scanType: scanType, rules: try (change.attribute("rules")?.after ?? .array([])).decode([RegistryScanningConfiguration.Rule].self))
    }

    /// ECR treats scanning rules and their filters as sets: sorted, so order never shows as a change.
    static func rules(_ configuration: RegistryScanningConfiguration) -> JSONValue {
        let rules = configuration.rules.map { RegistryScanningConfiguration.Rule(frequency: $0.frequency, repositoryFilters: $0.repositoryFilters.sorted()) }
        return .array((JSONValue(encoding: rules).arrayValue ?? []).sorted { $0.compactText < $1.compactText })
    }
}
