import Foundation

/// The plan as JSON: the format `plan --out` saves, `apply` reads back, and policy tools
/// (OPA / conftest) check. Documented in docs/plan-format.md; `format_version` changes when
/// a field changes meaning.
public enum PlanJSONRenderer {
    public static func render(_ plan: Plan) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(Document(plan)), as: UTF8.self) + "\n"
    }

    /// Reads a saved plan; refuses a format it does not know.
    public static func read(_ data: Data) throws -> Plan {
        let plan = try JSONDecoder().decode(Plan.self, from: data)
        guard plan.formatVersion.split(separator: ".").first == Plan.formatVersion.split(separator: ".").first else {
            throw UnsupportedFormat(version: plan.formatVersion)
        }
        return plan
    }

    public struct UnsupportedFormat: Error, CustomStringConvertible {
        public var version: String
        public var description: String { "plan format \(version) is not supported (this ecr-apply reads \(Plan.formatVersion))" }
    }

    /// The plan plus what readers want at hand: a summary, Terraform-style `actions` lists,
    /// and whole `before` / `after` objects per resource.
    private struct Document: Encodable {
        let plan: Plan

        init(_ plan: Plan) { self.plan = plan }

        enum Keys: String, CodingKey {
            case formatVersion = "format_version", registry, region, accountID = "account_id", summary, changes = "resource_changes"
            case unmanaged = "unmanaged_repositories", refusals, refusalDetails = "refusal_details", coverage, hasChanges = "has_changes"
        }

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(plan.formatVersion, forKey: .formatVersion)
            try container.encode(["region": plan.region, "account_id": plan.accountID], forKey: .registry)
            try container.encode(plan.region, forKey: .region)
            try container.encode(plan.accountID, forKey: .accountID)
            try container.encode(plan.summary, forKey: .summary)
            try container.encode(plan.hasChanges, forKey: .hasChanges)
            try container.encode(plan.changes.map(Change.init), forKey: .changes)
            try container.encode(plan.unmanagedRepositories, forKey: .unmanaged)
            try container.encode(plan.refusals.map(RefusalText.describe), forKey: .refusals)
            try container.encode(plan.refusals, forKey: .refusalDetails)
            if !plan.coverage.isEmpty { try container.encode(plan.coverage, forKey: .coverage) }
        }
    }

    private struct Change: Encodable {
        let change: ResourceChange

        enum Keys: String, CodingKey { case address, type, name, action, actions, reason, attributes, images, before, after, lifecycle }

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            let (type, name) = PlanTextRenderer.typeAndName(change.address)
            try container.encode(change.address, forKey: .address)
            try container.encode(type, forKey: .type)
            try container.encode(name, forKey: .name)
            try container.encode(change.action, forKey: .action)
            try container.encode(change.action.steps, forKey: .actions)
            try container.encode(change.reason, forKey: .reason)
            try container.encode(change.attributes, forKey: .attributes)
            try container.encode(change.images, forKey: .images)
            try container.encodeIfPresent(change.lifecycle, forKey: .lifecycle)
            try container.encode(object(\.before, exists: change.action != .create), forKey: .before)
            try container.encode(object(\.after, exists: change.action != .delete), forKey: .after)
        }

        private func object(_ side: KeyPath<AttributeChange, JSONValue?>, exists: Bool) -> JSONValue? {
            guard exists else { return nil }
            return .object(change.attributes.reduce(into: [:]) { $0[$1.name] = $1[keyPath: side] ?? .null })
        }
    }
}
