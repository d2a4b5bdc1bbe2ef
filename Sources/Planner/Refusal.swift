/// Why a plan must not be applied, as a value: a code, the address it concerns and the
/// facts behind it. Saved in plan files as such; the renderers word it (`RefusalText`).
public struct Refusal: Sendable, Equatable, Codable {
    public enum Code: String, Sendable, Equatable, Codable {
        /// A replacement or deletion would destroy images. Fields: `action`, `count`, `bytes`.
        case imagesWouldBeDestroyed = "images_would_be_destroyed"
        /// A replacement or deletion whose images could not be counted. Fields: `action`.
        case imagesNotCounted = "images_not_counted"
        /// A lifecycle policy change would expire more images than allowed. Fields: `count`, `limit`.
        case lifecycleExpiresTooMany = "lifecycle_expires_too_many"
        /// A replication rule names the source registry. Fields: `rule`, `region`, `account`.
        case replicatesToItself = "replicates_to_itself"
        /// Saved by an ecr-apply that stored refusals as words (format 1.1). Fields: `words`.
        case recorded
    }

    public var code: Code
    /// The object it concerns; `nil` only for a `recorded` refusal.
    public var address: Address?
    public var fields: [String: String]

    public init(_ code: Code, at address: Address, _ fields: [String: String] = [:]) {
        self.code = code
        self.address = address
        self.fields = fields
    }

    /// A refusal known only by its words.
    public init(words: String) {
        code = .recorded
        address = nil
        fields = ["words": words]
    }
}
