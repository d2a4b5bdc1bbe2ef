import Foundation
import Planner
import Spec
import Testing

/// The evaluator on every worked example of AWS's "Examples of lifecycle policies in Amazon
/// ECR" page (images A…F and their documented results), then edge cases of our own.
@Suite struct LifecycleEvaluatorTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func image(_ name: String, _ tags: [String], daysAgo: Double, size: Int64 = 100) -> ImageRecord {
        ImageRecord(digest: "sha256:" + name, tags: tags, pushedAt: now.addingTimeInterval(-daysAgo * 86_400), sizeBytes: size)
    }

    static func expired(_ policy: String, _ images: [ImageRecord]) -> [String] {
        let parsed = LifecyclePolicy(json: json(policy))!
        return LifecycleEvaluator.evaluate(parsed, images: images, now: now).map { String($0.image.digest.dropFirst(7)) }.sorted()
    }

    static func rule(_ priority: Int, _ selection: String) -> String {
        #"{"rulePriority": \#(priority), "selection": \#(selection), "action": {"type": "expire"}}"#
    }

    static let betaProd = [
        image("A", ["beta-1", "prod-1"], daysAgo: 10), image("B", ["beta-2", "prod-2"], daysAgo: 9), image("C", ["beta-3"], daysAgo: 8),
    ]

    @Test func multipleRulesExampleA() {
        let policy = #"{"rules": [\#(Self.rule(1, #"{"tagStatus": "tagged", "tagPatternList": ["prod*"], "countType": "imageCountMoreThan", "countNumber": 1}"#)), \#(Self.rule(2, #"{"tagStatus": "tagged", "tagPatternList": ["beta*"], "countType": "imageCountMoreThan", "countNumber": 1}"#))]}"#
        // Rule 2 would mark A and B, but A is taken and B was identified by rule 1.
        #expect(Self.expired(policy, Self.betaProd) == ["A"])
    }

    @Test func multipleRulesExampleB() {
        let policy = #"{"rules": [\#(Self.rule(1, #"{"tagStatus": "tagged", "tagPatternList": ["beta*"], "countType": "imageCountMoreThan", "countNumber": 1}"#)), \#(Self.rule(2, #"{"tagStatus": "tagged", "tagPatternList": ["prod*"], "countType": "imageCountMoreThan", "countNumber": 1}"#))]}"#
        #expect(Self.expired(policy, Self.betaProd) == ["A", "B"])
    }

    @Test func multipleTagsInOneRuleExampleA() {
        let images = [
            Self.image("A", ["alpha-1"], daysAgo: 12), Self.image("B", ["beta-1"], daysAgo: 11), Self.image("C", ["alpha-2", "beta-2"], daysAgo: 10),
            Self.image("D", ["alpha-3"], daysAgo: 4), Self.image("E", ["beta-3"], daysAgo: 3), Self.image("F", ["alpha-4", "beta-4"], daysAgo: 2),
        ]
        let policy = #"{"rules": [\#(Self.rule(1, #"{"tagStatus": "tagged", "tagPatternList": ["alpha*", "beta*"], "countType": "sinceImagePushed", "countNumber": 5, "countUnit": "days"}"#))]}"#
        #expect(Self.expired(policy, images) == ["C"])
    }

    @Test func multipleTagsInOneRuleExampleB() {
        let images = [
            Self.image("A", ["alpha-1", "beta-1", "gamma-1"], daysAgo: 10), Self.image("B", ["alpha-2", "beta-2"], daysAgo: 9),
            Self.image("C", ["alpha-3", "beta-3", "gamma-2"], daysAgo: 8),
        ]
        let policy = #"{"rules": [\#(Self.rule(1, #"{"tagStatus": "tagged", "tagPatternList": ["alpha*", "beta*"], "countType": "imageCountMoreThan", "countNumber": 1}"#))]}"#
        #expect(Self.expired(policy, images) == ["A", "B"])
    }

    @Test func allImagesExampleA() {
        let images = [
            Self.image("A", ["alpha-1"], daysAgo: 4), Self.image("B", ["beta-1"], daysAgo: 3), Self.image("C", [], daysAgo: 2),
            Self.image("D", ["alpha-2"], daysAgo: 1),
        ]
        let policy = #"{"rules": [\#(Self.rule(1, #"{"tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": 1}"#))]}"#
        #expect(Self.expired(policy, images) == ["A", "B", "C"])
    }

    @Test func allImagesExampleBCombinesEveryRuleType() {
        // The page gives D and E both as "1 day ago"; E is the newer of the two, and not yet
        // older than one day, as the documented result requires.
        let images = [
            Self.image("A", ["alpha-1", "beta-1"], daysAgo: 4), Self.image("B", [], daysAgo: 3), Self.image("C", ["alpha-2"], daysAgo: 2),
            Self.image("D", ["git hash"], daysAgo: 1.05), Self.image("E", [], daysAgo: 0.95),
        ]
        let policy = """
            {"rules": [\(Self.rule(1, #"{"tagStatus": "tagged", "tagPatternList": ["alpha*"], "countType": "imageCountMoreThan", "countNumber": 1}"#)),
                       \(Self.rule(2, #"{"tagStatus": "untagged", "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 1}"#)),
                       \(Self.rule(3, #"{"tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": 1}"#))]}
            """
        #expect(Self.expired(policy, images) == ["A", "B", "D"])
    }

    @Test func prefixesMustAllMatchAndPrefixesAreNotPatterns() {
        let images = [Self.image("A", ["v1", "release"], daysAgo: 3), Self.image("B", ["v2"], daysAgo: 2), Self.image("C", ["xv3"], daysAgo: 1)]
        let both = #"{"rules": [\#(Self.rule(1, #"{"tagStatus": "tagged", "tagPrefixList": ["v", "rel"], "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 0}"#))]}"#
        #expect(Self.expired(both.replacingOccurrences(of: "\"countNumber\": 0", with: "\"countNumber\": 1"), images) == ["A"])
        let prefix = #"{"rules": [\#(Self.rule(1, #"{"tagStatus": "tagged", "tagPrefixList": ["v"], "countType": "imageCountMoreThan", "countNumber": 1}"#))]}"#
        #expect(Self.expired(prefix, images) == ["A"], "C's tag does not start with v")
    }

    @Test func countRulesKeepTheNewestByPushTime() {
        let images = (1...5).map { Self.image("\($0)", ["v\($0)"], daysAgo: Double($0)) }
        let policy = #"{"rules": [\#(Self.rule(1, #"{"tagStatus": "tagged", "tagPatternList": ["v*"], "countType": "imageCountMoreThan", "countNumber": 2}"#))]}"#
        #expect(Self.expired(policy, images) == ["3", "4", "5"])
        #expect(Self.expired(policy, Array(images.prefix(2))).isEmpty, "no more than the count: nothing goes")
    }

    @Test func pullAndArchiveRulesUseTheirOwnClocks() {
        var pulled = Self.image("pulled", ["v1"], daysAgo: 200)
        pulled.lastPulledAt = Self.now.addingTimeInterval(-10 * 86_400)
        let idle = Self.image("idle", ["v2"], daysAgo: 200)
        var archived = Self.image("archived", ["v3"], daysAgo: 900)
        archived.storageClass = .archive
        archived.archivedAt = Self.now.addingTimeInterval(-400 * 86_400)
        var fresh = Self.image("fresh", ["v4"], daysAgo: 900)
        fresh.storageClass = .archive
        fresh.archivedAt = Self.now.addingTimeInterval(-100 * 86_400)
        let policy = LifecyclePolicy(json: json("""
            {"rules": [{"rulePriority": 1, "selection": {"tagStatus": "any", "countType": "sinceImagePulled", "countUnit": "days", "countNumber": 90},
                        "action": {"type": "transition", "targetStorageClass": "archive"}},
                       {"rulePriority": 2, "selection": {"tagStatus": "any", "storageClass": "archive", "countType": "sinceImageTransitioned", "countUnit": "days", "countNumber": 365},
                        "action": {"type": "expire"}}]}
            """))!
        let decisions = LifecycleEvaluator.evaluate(policy, images: [pulled, idle, archived, fresh], now: Self.now)
        #expect(decisions.map(\.image.digest) == ["sha256:idle", "sha256:archived"])
        #expect(decisions.map(\.action) == [.transition, .expire])
        #expect(LifecycleImpact(decisions, of: 4) == LifecycleImpact(images: 4, expire: 1, expireBytes: 100, transition: 1))
    }

    /// Found by scripts/fuzz: a huge or fractional number used to trap converting to Int.
    @Test(arguments: ["1e300", "-1e300", "1.5", "-3"])
    func outOfRangeNumbersMakeNoPolicyInsteadOfACrash(_ number: String) {
        let text = #"{"rules":[{"rulePriority":PRIORITY,"selection":{"tagStatus":"any","countType":"imageCountMoreThan","countNumber":COUNT},"action":{"type":"expire"}}]}"#
        #expect(LifecyclePolicy(json: json(text.replacingOccurrences(of: "PRIORITY", with: number).replacingOccurrences(of: "COUNT", with: "1"))) == nil
            || number == "-3")
        #expect(LifecyclePolicy(json: json(text.replacingOccurrences(of: "PRIORITY", with: "1").replacingOccurrences(of: "COUNT", with: number))) == nil)
    }
}
