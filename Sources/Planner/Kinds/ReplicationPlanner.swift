/// Registry-wide replication (`replication:`), owned whole: rules, destinations and filters
/// in the order written (ECR stores them so, and apply sends them so).
public enum ReplicationPlanner: KindPlanner {
    public static let kind = ResourceKind.replication
    static let address = Address.registryWide(.replication)

    public static func isDeclared(in desired: DesiredRegistry) -> Bool { desired.replication != nil }

    public static func changes(_ context: DiffContext) -> [ResourceChange] {
        guard let replication = context.desired.replication else { return [] }
        let before = rules(context.live.replication ?? ReplicationConfiguration(rules: []), account: context.live.accountID)
        let after = rules(replication, account: context.live.accountID)
        return [RegistryObjectChange.make(address, [AttributeChange(name: "rules", before: before, after: after)],
                                          existsBefore: before != .array([]), existsAfter: after != .array([]))]
    }

    public static func refusals(_ context: DiffContext) -> [Refusal] {
        let live = context.live
        var refusals: [Refusal] = []
        for (index, rule) in (context.desired.replication?.rules ?? []).enumerated() {
            for destination in rule.destinations
            where destination.region == live.region && (destination.registryID ?? live.accountID) == live.accountID {
                refusals.append(Refusal(.replicatesToItself, at: address,
                                        ["rule": String(index + 1), "region": live.region, "account": live.accountID]))
            }
        }
        return refusals
    }

    public static func staleAttributes(of change: ResourceChange, live: LiveRegistry, partition: String) -> [String] {
        RegistryObjectChange.stale(change, fresh: ["rules": rules(live.replication ?? ReplicationConfiguration(rules: []), account: live.accountID)])
    }

    /// The rules a planned change sends, typed.
    public static func planned(_ change: ResourceChange) throws -> ReplicationConfiguration {
        ReplicationConfiguration(rules: try (change.attribute("rules")?.after ?? .array([])).decode([ReplicationRule].self))
    }

    /// The rules as a plan stores them: each destination with its registry id filled in (the
    /// spec may leave it out to mean this account).
    static func rules(_ configuration: ReplicationConfiguration, account: String) -> JSONValue {
        JSONValue(encoding: configuration.rules.map { rule in
            ReplicationRule(destinations: rule.destinations.map { .init(region: $0.region, registryID: $0.registryID ?? account) },
                            repositoryPrefixes: rule.repositoryPrefixes)
        })
    }
}
