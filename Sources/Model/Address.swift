/// Where a change acts: (registry, kind, key). Written `repository.api`,
/// `registry.replication`, and with a registry `prod-use1:repository.api` (a spec declares
/// one registry today; the address carries it so many registries extend, not rewrite, it).
/// Parsed in one place, here; plans store the written form.
public struct Address: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The registry's name in a multi-registry spec; `nil` for the spec's one registry.
    public var registry: String?
    public var kind: ResourceKind
    /// The object's key for a keyed kind (a repository's name); `nil` for a registry-wide one.
    public var key: String?

    public init(registry: String? = nil, kind: ResourceKind, key: String? = nil) {
        precondition(kind.isKeyed == (key != nil), "a keyed kind needs a key, a registry-wide kind has none")
        self.registry = registry
        self.kind = kind
        self.key = key
    }

    public static func repository(_ name: String, registry: String? = nil) -> Address {
        Address(registry: registry, kind: .repository, key: name)
    }

    public static func registryWide(_ kind: ResourceKind, registry: String? = nil) -> Address {
        Address(registry: registry, kind: kind)
    }

    /// The written form back to an address; `nil` when it names no kind this ecr-apply knows.
    public init?(_ text: String) {
        var rest = Substring(text)
        var registry: String?
        if let colon = rest.firstIndex(of: ":") {
            registry = String(rest[..<colon])
            rest = rest[rest.index(after: colon)...]
            guard !(registry ?? "").isEmpty else { return nil }
        }
        for kind in ResourceKind.allCases {
            if kind.isKeyed {
                let prefix = kind.addressWord + "."
                if rest.hasPrefix(prefix), rest.count > prefix.count {
                    self.init(registry: registry, kind: kind, key: String(rest.dropFirst(prefix.count)))
                    return
                }
            } else if rest == kind.addressWord {
                self.init(registry: registry, kind: kind)
                return
            }
        }
        return nil
    }

    public var description: String {
        (registry.map { $0 + ":" } ?? "") + kind.addressWord + (key.map { "." + $0 } ?? "")
    }

    /// The repository's name, for a repository's address.
    public var repositoryName: String? { kind == .repository ? key : nil }

    /// Plans list changes in the order of their written addresses.
    public static func < (lhs: Address, rhs: Address) -> Bool { lhs.description < rhs.description }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let address = Address(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "'\(text)' is not an address this ecr-apply knows (a plan from a newer version?)"))
        }
        self = address
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
