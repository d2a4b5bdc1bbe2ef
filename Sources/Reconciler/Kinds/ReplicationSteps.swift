import AWSClient
import Planner

/// Replication: read with DescribeRegistry, written whole with PutReplicationConfiguration
/// (an empty rule list removes it).
enum ReplicationSteps: KindSteps {
    static let kind = ResourceKind.replication

    static func read(_ ecr: ECRClient, scope: ReadScope, into live: inout LiveRegistry) async throws {
        let shape = try await ecr.describeRegistry().replicationConfiguration
        live.replication = ReplicationConfiguration(rules: (shape?.rules ?? []).map { rule in
            ReplicationRule(destinations: rule.destinations.map { .init(region: $0.region, registryID: $0.registryId) },
                            repositoryPrefixes: (rule.repositoryFilters ?? []).map(\.filter))
        })
    }

    static func apply(_ change: ResourceChange, _ context: StepContext) async throws {
        let planned = try ReplicationPlanner.planned(change)
        try await context.ecr.putReplicationConfiguration(ReplicationConfigurationShape(rules: planned.rules.map { rule in
            ReplicationRuleShape(
                destinations: rule.destinations.map { ReplicationDestination(region: $0.region, registryId: $0.registryID ?? context.accountID) },
                repositoryFilters: rule.repositoryPrefixes.isEmpty
                    ? nil : rule.repositoryPrefixes.map { RepositoryFilter(filter: $0, filterType: "PREFIX_MATCH") })
        }))
    }
}
