/// Everything a spec declares: one registry (`registry:`), or several by name
/// (`registries:`), each with how to reach it.
public struct DesiredSpec: Sendable, Equatable {
    public var registries: [DeclaredRegistry]

    public init(registries: [DeclaredRegistry]) { self.registries = registries }

    /// Whether the spec names its registries (`registries:`): plans then carry the names.
    public var isMulti: Bool { registries.contains { $0.name != nil } }
}

/// One registry of a spec: its name (`nil` for a `registry:` spec), how to reach it, and what
/// it should hold (the shared repositories merged with its own).
public struct DeclaredRegistry: Sendable, Equatable {
    public var name: String?
    public var access: RegistryAccess
    public var registry: DesiredRegistry

    public init(name: String?, access: RegistryAccess = RegistryAccess(), registry: DesiredRegistry) {
        self.name = name
        self.access = access
        self.registry = registry
    }
}

/// How to reach a registry: a role assumed from the base credentials, or a profile; neither
/// means the base credentials themselves.
public struct RegistryAccess: Sendable, Equatable, Codable {
    public var roleARN: String?
    public var externalID: String?
    public var sessionName: String?
    public var profile: String?

    public init(roleARN: String? = nil, externalID: String? = nil, sessionName: String? = nil, profile: String? = nil) {
        self.roleARN = roleARN
        self.externalID = externalID
        self.sessionName = sessionName
        self.profile = profile
    }

    enum CodingKeys: String, CodingKey { case roleARN = "role_arn", externalID = "external_id", sessionName = "session_name", profile }
}
