/// A lifecycle policy as ECR evaluates it: rules in priority order, each a tag selection, a
/// storage class, a count criterion and an action. Built from a policy document that
/// `LifecyclePolicyCheck` has accepted; anything it cannot read makes `init` fail.
public struct LifecyclePolicy: Sendable, Equatable {
    public enum TagStatus: String, Sendable { case tagged, untagged, any }
    public enum StorageClass: String, Sendable { case standard, archive }
    public enum CountType: String, Sendable {
        case imageCountMoreThan, sinceImagePushed, sinceImagePulled, sinceImageTransitioned
    }
    public enum Action: String, Sendable { case expire, transition }

    /// One rule: which images it picks by tag and storage class, how it counts, what it does.
    public struct Rule: Sendable, Equatable {
        public var priority: Int
        public var description: String?
        public var tagStatus: TagStatus
        /// Every prefix must match one of the image's tags (AND).
        public var tagPrefixes: [String]
        /// Every pattern (`*` wildcards, whole tag) must match one of the image's tags (AND).
        public var tagPatterns: [String]
        public var storageClass: StorageClass
        public var countType: CountType
        public var countNumber: Int
        public var action: Action

        public init(priority: Int, description: String? = nil, tagStatus: TagStatus, tagPrefixes: [String] = [], tagPatterns: [String] = [],
                    storageClass: StorageClass = .standard, countType: CountType, countNumber: Int, action: Action = .expire) {
            self.priority = priority
            self.description = description
            self.tagStatus = tagStatus
            self.tagPrefixes = tagPrefixes
            self.tagPatterns = tagPatterns
            self.storageClass = storageClass
            self.countType = countType
            self.countNumber = countNumber
            self.action = action
        }
    }

    /// Sorted by priority, first applied first.
    public var rules: [Rule]

    public init(rules: [Rule]) {
        self.rules = rules.sorted { $0.priority < $1.priority }
    }

    /// Reads a validated policy document; `nil` when it is not one.
    public init?(json: JSONValue) {
        guard let items = json["rules"]?.arrayValue else { return nil }
        var rules: [Rule] = []
        for item in items {
            guard case .number(let priority)? = item["rulePriority"], let selection = item["selection"],
                let tagStatus = selection["tagStatus"]?.stringValue.flatMap(TagStatus.init(rawValue:)),
                let countType = selection["countType"]?.stringValue.flatMap(CountType.init(rawValue:)),
                case .number(let countValue)? = selection["countNumber"],
                // Whole numbers in range only: Int(1e300) would trap (found by scripts/fuzz).
                let priority = Int(exactly: priority), let count = Int(exactly: countValue), count >= 0
            else { return nil }
            let storageClass = selection["storageClass"]?.stringValue.flatMap(StorageClass.init(rawValue:)) ?? .standard
            let action = item["action"]?["type"]?.stringValue.flatMap(Action.init(rawValue:)) ?? .expire
            rules.append(Rule(priority: priority, description: item["description"]?.stringValue, tagStatus: tagStatus,
                              tagPrefixes: selection["tagPrefixList"]?.arrayValue?.compactMap(\.stringValue) ?? [],
                              tagPatterns: selection["tagPatternList"]?.arrayValue?.compactMap(\.stringValue) ?? [],
                              storageClass: storageClass, countType: countType, countNumber: count, action: action))
        }
        self.init(rules: rules)
    }
}

extension LifecyclePolicy.Rule {
    /// Whether the rule's tag selection picks an image with these tags.
    public func selects(tags: [String]) -> Bool {
        switch tagStatus {
        case .any: return true
        case .untagged: return tags.isEmpty
        case .tagged:
            guard !tags.isEmpty else { return false }
            return tagPrefixes.allSatisfy { prefix in tags.contains { $0.hasPrefix(prefix) } }
                && tagPatterns.allSatisfy { pattern in tags.contains { Self.wildcard(pattern, matches: $0) } }
        }
    }

    /// `*` matches any run of characters (also none); everything else matches itself; the
    /// whole tag must match.
    public static func wildcard(_ pattern: String, matches text: String) -> Bool {
        let parts = pattern.split(separator: "*", omittingEmptySubsequences: false).map(String.init)
        guard parts.count > 1 else { return pattern == text }
        guard text.hasPrefix(parts[0]) else { return false }
        var rest = Substring(text.dropFirst(parts[0].count))
        for middle in parts.dropFirst().dropLast() where !middle.isEmpty {
            guard let range = rest.range(of: middle) else { return false }
            rest = rest[range.upperBound...]
        }
        let last = parts[parts.count - 1]
        return rest.count >= last.count && rest.hasSuffix(last)
    }
}
