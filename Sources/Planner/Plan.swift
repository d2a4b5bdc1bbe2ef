
/// What ecr-apply will do, as data: every renderer (text, markdown, JSON) and the executor
/// read this value; none of them decides anything. Saved with `plan --out` and applied as is.
public struct Plan: Sendable, Equatable, Codable {
    public static let formatVersion = "1.2"

    public var formatVersion: String
    public var region: String
    public var accountID: String
    /// Sorted by address; no-ops included (renderers skip them) so a saved plan says what was checked.
    public var changes: [ResourceChange]
    /// Repositories in ECR that the spec neither declares nor prunes: left alone.
    public var unmanagedRepositories: [String]
    /// Why this plan must not be applied (a repository holding images would be destroyed):
    /// values with a code and fields; the renderers word them.
    public var refusals: [Refusal]
    /// What the spec's cache rules and templates cover, and the repositories ECR made
    /// through them (left alone).
    public var coverage: [Coverage] = []

    public init(region: String, accountID: String, changes: [ResourceChange], unmanagedRepositories: [String] = [], refusals: [Refusal] = [],
                coverage: [Coverage] = []) {
        formatVersion = Self.formatVersion
        self.region = region
        self.accountID = accountID
        self.changes = changes.sorted { $0.address < $1.address }
        self.unmanagedRepositories = unmanagedRepositories.sorted()
        self.refusals = refusals
        self.coverage = coverage
    }

    /// The registry's name in a spec of several (`registries:`); its addresses carry it too.
    public var registryName: String?

    /// This plan as the plan of the registry `name` of a several-registry spec.
    public func named(_ name: String) -> Plan {
        var plan = self
        plan.registryName = name
        for index in plan.changes.indices { plan.changes[index].address.registry = name }
        for index in plan.refusals.indices { plan.refusals[index].address?.registry = name }
        for index in plan.coverage.indices { plan.coverage[index].by.registry = name }
        return plan
    }

    /// Where the plan acts, in the words every first line uses: `registry 123456789012 in us-east-1`.
    public var whereItActs: String { "registry \(accountID) in \(region)" }

    /// The first line of a plan without changes.
    public var noChangesLine: String { "No changes. The \(whereItActs) matches the spec." }

    /// The changes that do something.
    public var actions: [ResourceChange] { changes.filter { $0.action != .noOp } }
    public var hasChanges: Bool { !actions.isEmpty }

    /// Terraform's count: a replacement adds one and destroys one.
    public var summary: Summary { Summary(counting: changes) }

    public struct Summary: Sendable, Equatable, Codable {
        public var add = 0
        public var change = 0
        public var destroy = 0

        public init(add: Int = 0, change: Int = 0, destroy: Int = 0) {
            self.add = add
            self.change = change
            self.destroy = destroy
        }

        public init(counting changes: [ResourceChange]) {
            for resource in changes {
                switch resource.action {
                case .create: add += 1
                case .update: change += 1
                case .delete: destroy += 1
                case .replace:
                    add += 1
                    destroy += 1
                case .noOp: break
                }
            }
        }
    }

    enum CodingKeys: String, CodingKey {
        case formatVersion = "format_version", region, accountID = "account_id", changes = "resource_changes"
        case unmanagedRepositories = "unmanaged_repositories", refusals, refusalDetails = "refusal_details", coverage
        case registryName = "registry_name"
    }

    /// `refusals` holds their words (as in 1.1); `refusal_details` (1.2) the values. A 1.1
    /// plan's refusals come back as their words.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        formatVersion = try container.decode(String.self, forKey: .formatVersion)
        region = try container.decode(String.self, forKey: .region)
        accountID = try container.decode(String.self, forKey: .accountID)
        changes = try container.decode([ResourceChange].self, forKey: .changes)
        unmanagedRepositories = try container.decodeIfPresent([String].self, forKey: .unmanagedRepositories) ?? []
        if let details = try container.decodeIfPresent([Refusal].self, forKey: .refusalDetails) {
            refusals = details
        } else {
            refusals = (try container.decodeIfPresent([String].self, forKey: .refusals) ?? []).map { Refusal(words: $0) }
        }
        coverage = try container.decodeIfPresent([Coverage].self, forKey: .coverage) ?? []
        registryName = try container.decodeIfPresent(String.self, forKey: .registryName)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(formatVersion, forKey: .formatVersion)
        try container.encode(region, forKey: .region)
        try container.encode(accountID, forKey: .accountID)
        try container.encode(changes, forKey: .changes)
        try container.encode(unmanagedRepositories, forKey: .unmanagedRepositories)
        try container.encode(refusals, forKey: .refusalDetails)
        try container.encode(coverage, forKey: .coverage)
        try container.encodeIfPresent(registryName, forKey: .registryName)
    }
}

/// A resource and what happens to it.
public struct ResourceChange: Sendable, Equatable, Codable {
    public enum Action: String, Sendable, Equatable, Codable {
        case create, update, replace, delete
        case noOp = "no-op"

        /// Terraform's `actions` list: a replacement is a delete then a create.
        public var steps: [String] {
            self == .replace ? ["delete", "create"] : [rawValue]
        }
    }

    /// `repository.NAME`, `registry.replication`, `registry.scanning`, `registry.policy`.
    public var address: Address
    public var action: Action
    /// Why, in words: "encryption cannot change in place", "not in the spec; matches prune".
    public var reason: String?
    /// Only the attributes the spec manages, each with its value before and after. A
    /// `nil` side means the attribute (or the resource) does not exist on that side.
    public var attributes: [AttributeChange]
    /// What a replacement or deletion destroys, when known.
    public var images: ImageSummary?
    /// What the new lifecycle policy would expire now, and what the current one does.
    public var lifecycle: LifecycleChange?

    public init(address: Address, action: Action, reason: String? = nil, attributes: [AttributeChange], images: ImageSummary? = nil,
                lifecycle: LifecycleChange? = nil) {
        self.address = address
        self.action = action
        self.reason = reason
        self.attributes = attributes
        self.images = images
        self.lifecycle = lifecycle
    }

    /// The repository name of a `repository.NAME` address.
    public var repositoryName: String? { address.repositoryName }

    public var kind: ResourceKind { address.kind }

    public func attribute(_ name: String) -> AttributeChange? { attributes.first { $0.name == name } }

    /// The attributes whose value changes.
    public var changedAttributes: [AttributeChange] { attributes.filter(\.changes) }
}

/// One attribute: its normalised value before and after, as JSON.
public struct AttributeChange: Sendable, Equatable, Codable {
    public var name: String
    public var before: JSONValue?
    public var after: JSONValue?
    /// Changing it destroys and re-creates the resource (encryption).
    public var forcesReplacement: Bool
    /// Only some keys of this map are managed (the prune mark among tags the spec leaves
    /// alone); before and after hold those keys alone.
    public var partial: Bool
    /// For a policy: the text apply sends for `after`, the user's document as written
    /// (whitespace aside). `after` is its normalised form, for comparing and showing.
    public var document: String?

    public init(name: String, before: JSONValue?, after: JSONValue?, forcesReplacement: Bool = false, partial: Bool = false,
                document: String? = nil) {
        self.name = name
        self.before = before
        self.after = after
        self.forcesReplacement = forcesReplacement
        self.partial = partial
        self.document = document
    }

    /// What apply sends for `after`: the user's document, else the canonical text.
    public var sentText: String? { after == nil ? nil : document ?? after?.compactText }

    public var changes: Bool { before != after }

    enum CodingKeys: String, CodingKey {
        case name, before, after, forcesReplacement = "forces_replacement", partial, document
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        before = try container.decodeIfPresent(JSONValue.self, forKey: .before)
        after = try container.decodeIfPresent(JSONValue.self, forKey: .after)
        forcesReplacement = try container.decodeIfPresent(Bool.self, forKey: .forcesReplacement) ?? false
        partial = try container.decodeIfPresent(Bool.self, forKey: .partial) ?? false
        document = try container.decodeIfPresent(String.self, forKey: .document)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        // Explicit nulls: "absent before" is information, not an omission.
        try container.encode(before, forKey: .before)
        try container.encode(after, forKey: .after)
        try container.encode(forcesReplacement, forKey: .forcesReplacement)
        if partial { try container.encode(partial, forKey: .partial) }
        try container.encodeIfPresent(document, forKey: .document)
    }
}

/// A lifecycle policy change measured on the repository's images at planning time.
public struct LifecycleChange: Sendable, Equatable, Codable {
    /// Under the planned policy.
    public var after: LifecycleImpact
    /// Under the policy ECR has now; `nil` when it has none.
    public var before: LifecycleImpact?

    public init(after: LifecycleImpact, before: LifecycleImpact?) {
        self.after = after
        self.before = before
    }

    /// `would expire 37 images (4.1 GiB) now; currently 12`.
    public var summary: String {
        var text = after.expiryPhrase + " now"
        if after.transition > 0 { text += ", archive \(after.transition)" }
        text += "; currently \(before.map { String($0.expire) } ?? "none (no policy)")"
        return text
    }
}
