/// The diff of a keyed kind the spec owns as a set when it declares it (cache rules,
/// templates): each declared object created, updated or replaced; each live one the spec
/// lacks destroyed. Only the attributes the spec writes are compared.
enum KeyedObjects {
    /// A desired attribute: its normalised value, the text apply sends (policies), and
    /// whether changing it needs a new object.
    struct Wanted {
        var name: String
        var value: JSONValue?
        var document: String? = nil
        var forcesReplacement = false
    }

    static func changes(_ kind: ResourceKind, desired: [String: [Wanted]]?, live: [String: [String: JSONValue]]?,
                        replaceReason: String) -> [ResourceChange] {
        guard let desired else { return [] }
        let live = live ?? [:]
        var changes: [ResourceChange] = []
        for (key, wanted) in desired {
            let address = Address(kind: kind, key: key)
            guard let current = live[key] else {
                changes.append(ResourceChange(address: address, action: .create, reason: "not in ECR", attributes: wanted.map {
                    AttributeChange(name: $0.name, before: nil, after: $0.value, document: $0.document)
                }))
                continue
            }
            let attributes = wanted.map {
                AttributeChange(name: $0.name, before: current[$0.name], after: $0.value, forcesReplacement: $0.forcesReplacement, document: $0.document)
            }
            if attributes.contains(where: { $0.forcesReplacement && $0.changes }) {
                changes.append(ResourceChange(address: address, action: .replace, reason: replaceReason, attributes: attributes))
            } else {
                changes.append(ResourceChange(address: address, action: attributes.contains(where: \.changes) ? .update : .noOp, attributes: attributes))
            }
        }
        for (key, current) in live where desired[key] == nil {
            changes.append(ResourceChange(address: Address(kind: kind, key: key), action: .delete, reason: "not in the spec",
                                          attributes: current.keys.sorted().map { AttributeChange(name: $0, before: current[$0], after: nil) }))
        }
        return changes
    }

    /// The planned attributes whose live value is no longer the plan's `before`.
    static func stale(_ change: ResourceChange, live: [String: [String: JSONValue]]?) -> [String] {
        guard let key = change.address.key else { return [] }
        let current = live?[key]
        return change.attributes.filter { current?[$0.name] != $0.before }.map(\.name)
    }
}
