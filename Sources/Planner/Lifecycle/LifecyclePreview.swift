import Foundation

/// What declared lifecycle policies would do to the images repositories hold now: the
/// result of `ecr-apply lifecycle preview`, rendered as text or JSON.
public struct LifecyclePreview: Sendable, Equatable, Encodable {
    public struct Repository: Sendable, Equatable, Encodable {
        public var name: String
        /// The name under `lifecycle_policies`, when the policy has one.
        public var policy: String?
        public var images: Int
        public var decisions: [LifecycleEvaluator.Decision]

        public init(name: String, policy: String?, images: [ImageRecord], evaluating lifecyclePolicy: LifecyclePolicy, at now: Date) {
            self.name = name
            self.policy = policy
            self.images = images.count
            decisions = LifecycleEvaluator.evaluate(lifecyclePolicy, images: images, now: now)
        }

        public var impact: LifecycleImpact { LifecycleImpact(decisions, of: images) }

        enum CodingKeys: String, CodingKey { case name, policy, images, impact, decisions = "images_affected" }

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(name, forKey: .name)
            try container.encode(policy, forKey: .policy)
            try container.encode(images, forKey: .images)
            try container.encode(impact, forKey: .impact)
            try container.encode(decisions, forKey: .decisions)
        }
    }

    public var at: Date
    public var repositories: [Repository]

    public init(at: Date, repositories: [Repository]) {
        self.at = at
        self.repositories = repositories.sorted { $0.name < $1.name }
    }

    public var total: LifecycleImpact {
        repositories.map(\.impact).reduce(LifecycleImpact(images: 0)) {
            LifecycleImpact(images: $0.images + $1.images, expire: $0.expire + $1.expire, expireBytes: $0.expireBytes + $1.expireBytes,
                            transition: $0.transition + $1.transition)
        }
    }

    /// Newest first per repository, with tags, age, size and the rule; a total at the end.
    public func text() -> String {
        let day = ISO8601DateFormatter()
        day.formatOptions = [.withFullDate]
        var out = ""
        for repository in repositories {
            let impact = repository.impact
            out += "repository.\(repository.name)" + (repository.policy.map { " (policy \($0))" } ?? "") + ": "
            out += impact.expiryPhrase
            out += impact.transition > 0 ? ", archive \(impact.transition)\n" : "\n"
            let rows = repository.decisions.map { decision -> [String] in
                let image = decision.image
                let days = Int(at.timeIntervalSince(image.pushedAt) / 86_400)
                return [
                    "  " + String(image.digest.prefix(19)), image.tags.isEmpty ? "<untagged>" : image.tags.joined(separator: ", "),
                    "pushed \(day.string(from: image.pushedAt)), \(days) day\(days == 1 ? "" : "s") ago", ByteCount.format(image.sizeBytes),
                    "rule \(decision.rulePriority)" + (decision.action == .transition ? " (archive)" : ""),
                ]
            }
            out += Self.columns(rows)
        }
        let total = total
        out += "Total: would expire \(total.expire) of \(total.images) images, \(ByteCount.format(total.expireBytes)) "
            + "(\(StorageCost.monthlyEstimate(total.expireBytes)) freed, at ECR's list price of $0.10 per GB-month)"
        out += total.transition > 0 ? "; archive \(total.transition).\n" : ".\n"
        return out
    }

    public func json() throws -> String {
        struct Document: Encodable {
            var formatVersion = "1.0"
            var evaluatedAt: String
            var total: LifecycleImpact
            var repositories: [Repository]
            enum CodingKeys: String, CodingKey { case formatVersion = "format_version", evaluatedAt = "evaluated_at", total, repositories }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        let document = Document(evaluatedAt: ISO8601DateFormatter().string(from: at), total: total, repositories: repositories)
        return String(decoding: try encoder.encode(document), as: UTF8.self) + "\n"
    }

    static func columns(_ rows: [[String]]) -> String {
        guard let count = rows.first?.count else { return "" }
        let widths = (0..<count).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { index, cell in
                index == count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n") + (rows.isEmpty ? "" : "\n")
    }
}

extension LifecycleEvaluator.Decision: Encodable {
    enum CodingKeys: String, CodingKey { case digest, tags, pushedAt = "pushed_at", sizeBytes = "size_bytes", rulePriority = "rule_priority", action }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(image.digest, forKey: .digest)
        try container.encode(image.tags, forKey: .tags)
        try container.encode(image.pushedAt, forKey: .pushedAt)
        try container.encode(image.sizeBytes, forKey: .sizeBytes)
        try container.encode(rulePriority, forKey: .rulePriority)
        try container.encode(action.rawValue, forKey: .action)
    }
}
