
/// The registry-wide objects: each is owned whole when the spec names it, so live rules the
/// spec lacks show as removals.
struct RegistryDiff {
    let desired: DesiredRegistry
    let live: LiveRegistry
    let partition: String

    var changes: [ResourceChange] {
        var changes: [ResourceChange] = []
        if let replication = desired.replication {
            let before = Self.rules(live.replication ?? ReplicationConfiguration(rules: []), account: live.accountID)
            let after = Self.rules(replication, account: live.accountID)
            changes.append(change("registry.replication", [AttributeChange(name: "rules", before: before, after: after)],
                                  existsBefore: before != .array([]), existsAfter: after != .array([])))
        }
        if let scanning = desired.scanning {
            let current = live.scanning ?? RegistryScanningConfiguration(scanType: .basic)
            changes.append(change("registry.scanning", [
                AttributeChange(name: "scan_type", before: .string(current.scanType.rawValue), after: .string(scanning.scanType.rawValue)),
                AttributeChange(name: "rules", before: Self.rules(current), after: Self.rules(scanning)),
            ], existsBefore: true, existsAfter: true))
        }
        if desired.registryPolicy.isManaged {
            let before = live.registryPolicy.value.map { PolicyNormalization.iamPolicy($0, partition: partition) }
            let after = desired.registryPolicy.value.map { PolicyNormalization.iamPolicy($0.json, partition: partition) }
            changes.append(change("registry.policy", [AttributeChange(name: "policy", before: before, after: after,
                                                                      document: desired.registryPolicy.value?.text)],
                                  existsBefore: before != nil, existsAfter: after != nil))
        }
        return changes
    }

    /// The live values of a registry object's attributes, normalised as `changes` compares them.
    static func liveAttributes(_ address: String, live: LiveRegistry, partition: String) -> [String: JSONValue?] {
        switch address {
        case "registry.replication":
            return ["rules": rules(live.replication ?? ReplicationConfiguration(rules: []), account: live.accountID)]
        case "registry.scanning":
            let current = live.scanning ?? RegistryScanningConfiguration(scanType: .basic)
            return ["scan_type": .string(current.scanType.rawValue), "rules": rules(current)]
        case "registry.policy":
            return ["policy": live.registryPolicy.value.map { PolicyNormalization.iamPolicy($0, partition: partition) }]
        default:
            return [:]
        }
    }

    private func change(_ address: String, _ attributes: [AttributeChange], existsBefore: Bool, existsAfter: Bool) -> ResourceChange {
        guard attributes.contains(where: \.changes) else { return ResourceChange(address: address, action: .noOp, attributes: attributes) }
        switch (existsBefore, existsAfter) {
        case (false, _): return ResourceChange(address: address, action: .create, attributes: attributes)
        case (true, false): return ResourceChange(address: address, action: .delete, reason: "the spec says there is none", attributes: attributes)
        case (true, true): return ResourceChange(address: address, action: .update, attributes: attributes)
        }
    }

    /// Replication rules as JSON: destinations with the registry id filled in (the spec may
    /// leave it out to mean this account). Rules, destinations and filters keep the order
    /// written: ECR stores them in that order, and apply sends them so.
    static func rules(_ configuration: ReplicationConfiguration, account: String) -> JSONValue {
        .array(configuration.rules.map { rule -> JSONValue in
            let destinations = rule.destinations.map { destination -> JSONValue in
                .object(["region": .string(destination.region), "registry_id": .string(destination.registryID ?? account)])
            }
            return .object(["destinations": .array(destinations), "repository_filters": .array(rule.repositoryPrefixes.map(JSONValue.string))])
        })
    }

    static func rules(_ configuration: RegistryScanningConfiguration) -> JSONValue {
        .array(configuration.rules.map { rule -> JSONValue in
            .object(["scan_frequency": .string(rule.frequency.rawValue), "repository_filters": RepositoryDiff.stringList(rule.repositoryFilters)])
        }.sorted { $0.compactText < $1.compactText })
    }
}
