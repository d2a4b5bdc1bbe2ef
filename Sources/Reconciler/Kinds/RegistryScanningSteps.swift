import AWSClient
import Planner

/// Registry scanning: read with GetRegistryScanningConfiguration, written whole with
/// PutRegistryScanningConfiguration.
enum RegistryScanningSteps: KindSteps {
    static let kind = ResourceKind.registryScanning

    static func read(_ ecr: ECRClient, scope: ReadScope, into live: inout LiveRegistry) async throws {
        let shape = try await ecr.getRegistryScanningConfiguration()
        live.scanning = RegistryScanningConfiguration(
            scanType: RegistryScanningConfiguration.ScanType(rawValue: shape.scanType ?? "BASIC") ?? .basic,
            rules: (shape.rules ?? []).compactMap { rule in
                RegistryScanningConfiguration.Frequency(rawValue: rule.scanFrequency).map {
                    .init(frequency: $0, repositoryFilters: rule.repositoryFilters.map(\.filter))
                }
            })
    }

    static func apply(_ change: ResourceChange, _ context: StepContext) async throws {
        let planned = try RegistryScanningPlanner.planned(change)
        try await context.ecr.putRegistryScanningConfiguration(RegistryScanningConfigurationShape(
            scanType: planned.scanType.rawValue,
            rules: planned.rules.map { rule in
                RegistryScanningRuleShape(scanFrequency: rule.frequency.rawValue,
                                          repositoryFilters: rule.repositoryFilters.map { RepositoryFilter(filter: $0, filterType: "WILDCARD") })
            }))
    }
}
