/// The registry's permissions policy (`registry_policy:`): a document, or none.
public enum RegistryPolicyPlanner: KindPlanner {
    public static let kind = ResourceKind.registryPolicy
    static let address = Address.registryWide(.registryPolicy)

    public static func isDeclared(in desired: DesiredRegistry) -> Bool { desired.registryPolicy.isManaged }

    public static func changes(_ context: DiffContext) -> [ResourceChange] {
        let desired = context.desired.registryPolicy
        guard desired.isManaged else { return [] }
        let before = live(context.live, partition: context.partition)
        let after = desired.value.map { PolicyNormalization.iamPolicy($0.json, partition: context.partition) }
        return [RegistryObjectChange.make(address, [AttributeChange(name: "policy", before: before, after: after, document: desired.value?.text)],
                                          existsBefore: before != nil, existsAfter: after != nil)]
    }

    public static func staleAttributes(of change: ResourceChange, live registry: LiveRegistry, partition: String) -> [String] {
        RegistryObjectChange.stale(change, fresh: ["policy": live(registry, partition: partition)])
    }

    /// The text a planned change sends (the user's document); `nil` deletes the policy.
    public static func planned(_ change: ResourceChange) -> String? { change.attribute("policy")?.sentText }

    private static func live(_ live: LiveRegistry, partition: String) -> JSONValue? {
        live.registryPolicy.value.map { PolicyNormalization.iamPolicy($0, partition: partition) }
    }
}
