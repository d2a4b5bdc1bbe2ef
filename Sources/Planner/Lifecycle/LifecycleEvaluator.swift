import Foundation

/// What a lifecycle policy does to a repository's images now, as ECR documents it:
///
/// - rules are applied by priority, lowest first, each to the images of its storage class;
/// - a rule *identifies* the images its tag selection picks, and among those *marks* the ones
///   its count criterion selects: beyond the newest `countNumber` (by push time), or older
///   than `countNumber` days (since push, last pull, or transition to archive);
/// - an image is expired (or transitioned) by at most one rule, and an image identified by a
///   higher-priority rule cannot be marked by a lower one, though it still counts in that
///   lower rule's image count.
///
/// Pure: the images and the time are given.
public enum LifecycleEvaluator {
    public struct Decision: Sendable, Equatable {
        public var image: ImageRecord
        public var rulePriority: Int
        public var action: LifecyclePolicy.Action
    }

    public static func evaluate(_ policy: LifecyclePolicy, images: [ImageRecord], now: Date) -> [Decision] {
        var decisions: [Decision] = []
        var decided: Set<String> = []
        for storageClass in [LifecyclePolicy.StorageClass.standard, .archive] {
            let pool = images.filter { $0.storageClass.rawValue == storageClass.rawValue }
            var identified: Set<String> = []
            for rule in policy.rules where rule.storageClass == storageClass {
                let matching = pool.filter { rule.selects(tags: $0.tags) }
                for image in marked(by: rule, among: matching, now: now)
                where !identified.contains(image.digest) && !decided.contains(image.digest) {
                    decisions.append(Decision(image: image, rulePriority: rule.priority, action: rule.action))
                    decided.insert(image.digest)
                }
                identified.formUnion(matching.map(\.digest))
            }
        }
        return decisions.sorted { ($0.image.pushedAt, $0.image.digest) > ($1.image.pushedAt, $1.image.digest) }
    }

    /// The images a rule's count criterion selects among those its tags identify.
    static func marked(by rule: LifecyclePolicy.Rule, among images: [ImageRecord], now: Date) -> [ImageRecord] {
        let days = TimeInterval(rule.countNumber) * 86_400
        switch rule.countType {
        case .imageCountMoreThan:
            let newestFirst = images.sorted { ($0.pushedAt, $0.digest) > ($1.pushedAt, $1.digest) }
            return Array(newestFirst.dropFirst(rule.countNumber))
        case .sinceImagePushed:
            return images.filter { now.timeIntervalSince($0.pushedAt) > days }
        case .sinceImagePulled:
            // Never pulled: the push time stands in.
            return images.filter { now.timeIntervalSince($0.lastPulledAt ?? $0.pushedAt) > days }
        case .sinceImageTransitioned:
            return images.filter { now.timeIntervalSince($0.archivedAt ?? $0.pushedAt) > days }
        }
    }
}

/// What a policy would do now, summed: shown in plans and previews.
public struct LifecycleImpact: Sendable, Equatable, Codable {
    public var images: Int
    public var expire: Int
    public var expireBytes: Int64
    public var transition: Int

    public init(images: Int, expire: Int = 0, expireBytes: Int64 = 0, transition: Int = 0) {
        self.images = images
        self.expire = expire
        self.expireBytes = expireBytes
        self.transition = transition
    }

    public init(_ decisions: [LifecycleEvaluator.Decision], of images: Int) {
        let expired = decisions.filter { $0.action == .expire }
        self.init(images: images, expire: expired.count, expireBytes: expired.reduce(0) { $0 + $1.image.sizeBytes },
                  transition: decisions.count - expired.count)
    }

    /// `would expire 37 of 412 images (4.1 GiB, est. $0.44/month freed)`: plans and previews say it alike.
    public var expiryPhrase: String {
        "would expire \(expire) of \(images) image\(images == 1 ? "" : "s") "
            + "(\(ByteCount.format(expireBytes)), \(StorageCost.monthlyEstimate(expireBytes)) freed)"
    }

    enum CodingKeys: String, CodingKey { case images, expire, expireBytes = "expire_bytes", transition }
}

/// Storage cost at ECR's list price (about $0.10 per GB-month, private repositories,
/// us-east-1): an estimate, always labelled as one.
public enum StorageCost {
    public static let dollarsPerGBMonth = 0.10

    /// `est. $0.44/month`, `est. <$0.01/month`.
    public static func monthlyEstimate(_ bytes: Int64) -> String {
        let dollars = Double(bytes) / 1_000_000_000 * dollarsPerGBMonth
        return dollars < 0.01 ? "est. <$0.01/month" : "est. $" + String(format: "%.2f", dollars) + "/month"
    }
}
