/// Managed signing (`registry_signing:`): the registry's signing rules, owned whole when
/// declared; no rules removes the configuration.
public enum SigningPlanner: KindPlanner {
    public static let kind = ResourceKind.signing
    static let address = Address.registryWide(.signing)

    public static func isDeclared(in desired: DesiredRegistry) -> Bool { desired.signing != nil }

    public static func changes(_ context: DiffContext) -> [ResourceChange] {
        guard let signing = context.desired.signing else { return [] }
        let before = rules(context.live.signing), after = rules(signing)
        return [RegistryObjectChange.make(address, [AttributeChange(name: "rules", before: before, after: after)],
                                          existsBefore: before != .array([]), existsAfter: after != .array([]))]
    }

    public static func staleAttributes(of change: ResourceChange, live: LiveRegistry, partition: String) -> [String] {
        RegistryObjectChange.stale(change, fresh: ["rules": rules(live.signing)])
    }

    /// The configuration a planned change puts; no rules deletes it.
    public static func planned(_ change: ResourceChange) throws -> SigningConfiguration {
        SigningConfiguration(rules: try (change.attribute("rules")?.after ?? .array([])).decode([SigningConfiguration.Rule].self))
    }

    /// Rules in the order written (ECR keeps it), each rule's filters sorted.
    static func rules(_ configuration: SigningConfiguration?) -> JSONValue {
        JSONValue(encoding: (configuration?.rules ?? []).map { SigningConfiguration.Rule(signingProfileARN: $0.signingProfileARN,
                                                                                         repositoryFilters: $0.repositoryFilters.sorted()) })
    }
}
