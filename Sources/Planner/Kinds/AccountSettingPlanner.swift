/// Account settings (`account_settings:`), keyed by name; only the names the spec writes are
/// managed. A setting always has a value, so it is only ever updated.
public enum AccountSettingPlanner: KindPlanner {
    public static let kind = ResourceKind.accountSetting

    public static func isDeclared(in desired: DesiredRegistry) -> Bool { !desired.accountSettings.isEmpty }

    public static func changes(_ context: DiffContext) -> [ResourceChange] {
        context.desired.accountSettings.map { name, value in
            let attribute = AttributeChange(name: "value", before: context.live.accountSettings[name].map(JSONValue.string), after: .string(value))
            return ResourceChange(address: Address(kind: kind, key: name), action: attribute.changes ? .update : .noOp, attributes: [attribute])
        }
    }

    public static func staleAttributes(of change: ResourceChange, live: LiveRegistry, partition: String) -> [String] {
        let fresh = change.address.key.flatMap { live.accountSettings[$0] }.map(JSONValue.string)
        return change.attributes.filter { $0.before != fresh }.map(\.name)
    }

    /// The name and value a planned change puts.
    public static func planned(_ change: ResourceChange) throws -> (name: String, value: String) {
        (change.address.key ?? "", try (change.attribute("value")?.after ?? .null).decode(String.self))
    }
}
