/// Pull-time update exclusions (`pull_time_update_exclusions:`): the principals whose pulls
/// do not update an image's last-pulled time, owned whole when declared.
public enum PullTimeUpdateExclusionsPlanner: KindPlanner {
    public static let kind = ResourceKind.pullTimeUpdateExclusions
    static let address = Address.registryWide(.pullTimeUpdateExclusions)

    public static func isDeclared(in desired: DesiredRegistry) -> Bool { desired.pullTimeUpdateExclusions != nil }

    public static func changes(_ context: DiffContext) -> [ResourceChange] {
        guard let wanted = context.desired.pullTimeUpdateExclusions else { return [] }
        let before = list(context.live.pullTimeUpdateExclusions), after = list(wanted)
        return [RegistryObjectChange.make(address, [AttributeChange(name: "principal_arns", before: before, after: after)],
                                          existsBefore: before != .array([]), existsAfter: after != .array([]))]
    }

    public static func staleAttributes(of change: ResourceChange, live: LiveRegistry, partition: String) -> [String] {
        RegistryObjectChange.stale(change, fresh: ["principal_arns": list(live.pullTimeUpdateExclusions)])
    }

    /// The principals to register and to deregister.
    public static func planned(_ change: ResourceChange) throws -> (register: [String], deregister: [String]) {
        let attribute = change.attribute("principal_arns")
        let before = try (attribute?.before ?? .array([])).decode([String].self), after = try (attribute?.after ?? .array([])).decode([String].self)
        return (after.filter { !before.contains($0) }, before.filter { !after.contains($0) })
    }

    /// A set: sorted.
    static func list(_ principals: [String]?) -> JSONValue { .array(Set(principals ?? []).sorted().map(JSONValue.string)) }
}
