import Foundation

/// The plans of several registries saved together (`plan --out` of a `registries:` spec):
/// each registry's name, how it is reached, and its plan, applied as saved by `apply FILE`.
public struct SavedRegistries: Sendable, Codable {
    public struct Entry: Sendable, Codable {
        public var name: String
        public var access: RegistryAccess
        public var plan: Plan

        public init(name: String, access: RegistryAccess, plan: Plan) {
            self.name = name
            self.access = access
            self.plan = plan
        }
    }

    public var formatVersion: String
    public var registries: [Entry]

    public init(registries: [Entry]) {
        formatVersion = Plan.formatVersion
        self.registries = registries
    }

    enum CodingKeys: String, CodingKey { case formatVersion = "format_version", registries }

    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }

    /// The saved plans of several registries, or `nil` when `data` is not such a file (a
    /// one-registry plan, say).
    public static func read(_ data: Data) throws -> SavedRegistries? {
        guard let object = try? JSONParser.value(String(decoding: data, as: UTF8.self)), object["registries"]?.arrayValue != nil,
            object["resource_changes"] == nil
        else { return nil }
        let saved = try JSONDecoder().decode(SavedRegistries.self, from: data)
        guard saved.formatVersion.split(separator: ".").first == Plan.formatVersion.split(separator: ".").first else {
            throw PlanJSONRenderer.UnsupportedFormat(version: saved.formatVersion)
        }
        return saved
    }
}
