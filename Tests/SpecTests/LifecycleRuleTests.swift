import Spec
import Testing

/// The constraints AWS documents for lifecycle policies, one by one, each at its place.
@Suite struct LifecycleRuleTests {
    /// A spec with one named policy whose rules are `rules` (YAML, indented under `rules:`).
    static func spec(_ rules: String) -> String {
        """
        version: 1
        lifecycle_policies:
          keep:
            rules:
        \(rules)
        repositories:
          one-repo: { lifecycle_policy: keep }
        """
    }

    @Test func anAnyRuleMustComeLast() {
        expectFindings(Self.spec("""
                  - rulePriority: ⟪a⟫1
                    selection: { tagStatus: any, countType: imageCountMoreThan, countNumber: 5 }
                    action: { type: expire }
                  - rulePriority: 2
                    selection: { tagStatus: untagged, countType: imageCountMoreThan, countNumber: 1 }
                    action: { type: expire }
            """), [("a", .error, "lifecycle policy keep, rule 1: rulePriority: a rule with tagStatus \"any\" must have the highest rulePriority")])
    }

    @Test func onlyOneRuleMaySelectUntaggedImages() {
        expectFindings(Self.spec("""
                  - rulePriority: 1
                    selection: { tagStatus: untagged, countType: imageCountMoreThan, countNumber: 1 }
                    action: { type: expire }
                  - rulePriority: 2
                    selection: { tagStatus: ⟪a⟫untagged, countType: sinceImagePushed, countUnit: days, countNumber: 3 }
                    action: { type: expire }
            """), [("a", .error, "rule 2: selection.tagStatus: only one rule may select untagged images; rule 1 already does")])
    }

    @Test func atMostFourWildcardsPerPattern() {
        expectFindings(Self.spec("""
                  - rulePriority: 1
                    selection: { tagStatus: tagged, tagPatternList: ["*test*1*2*3", ⟪a⟫"test*1*2*3*4*5*6"], countType: imageCountMoreThan, countNumber: 1 }
                    action: { type: expire }
            """), [("a", .error, "tag pattern \"test*1*2*3*4*5*6\" has 6 wildcards; ECR allows at most 4")])
    }

    @Test func taggedRulesNeedOneTagListAndUntaggedRulesNone() {
        expectFindings(Self.spec("""
                  - rulePriority: 1
                    selection: ⟪a⟫{ tagStatus: tagged, countType: imageCountMoreThan, countNumber: 1 }
                    action: { type: expire }
                  - rulePriority: 2
                    selection: ⟪b⟫{ tagStatus: tagged, tagPrefixList: [v], tagPatternList: ["v*"], countType: imageCountMoreThan, countNumber: 1 }
                    action: { type: expire }
                  - rulePriority: 3
                    selection: ⟪c⟫{ tagStatus: untagged, tagPrefixList: [v], countType: imageCountMoreThan, countNumber: 1 }
                    action: { type: expire }
            """), [
                ("a", .error, "rule 1: selection: a rule with tagStatus \"tagged\" needs \"tagPrefixList\" or \"tagPatternList\""),
                ("b", .error, "rule 2: selection: \"tagPrefixList\" and \"tagPatternList\" cannot both be given"),
                ("c", .error, "rule 3: selection: \"tagPrefixList\" and \"tagPatternList\" are only allowed with tagStatus \"tagged\""),
            ])
    }

    @Test func countUnitGoesWithTheSinceCountTypesOnlyAndCountNumberIsPositive() {
        expectFindings(Self.spec("""
                  - rulePriority: 1
                    selection: { tagStatus: untagged, countType: imageCountMoreThan, countUnit: ⟪a⟫days, countNumber: ⟪b⟫0 }
                    action: { type: expire }
                  - rulePriority: 2
                    selection: ⟪c⟫{ tagStatus: tagged, tagPrefixList: [v], countType: sinceImagePushed, countNumber: 3 }
                    action: { type: expire }
            """), [
                ("a", .error, "\"countUnit\" is only allowed with the sinceImage… count types"),
                ("b", .error, "\"countNumber\" must be a whole number of at least 1, found 0"),
                ("c", .error, "missing \"countUnit\""),
            ])
    }

    @Test func nullWhereAListIsExpectedIsAnError() {
        expectFindings(Self.spec("""
                  - rulePriority: 1
                    selection: { tagStatus: tagged, tagPrefixList: ⟪a⟫null, countType: imageCountMoreThan, countNumber: 1 }
                    action: { type: expire }
            """), [("a", .error, "\"tagPrefixList\" must be a non-empty list of strings, found null")])
    }

    @Test func archiveRulesAreCheckedAsDocumented() {
        expectFindings(Self.spec("""
                  - rulePriority: 1
                    selection: { tagStatus: tagged, tagPrefixList: [a], countType: sinceImagePulled, countUnit: days, countNumber: 90 }
                    action: { type: ⟪a⟫expire }
                  - rulePriority: 2
                    selection: ⟪b⟫{ tagStatus: tagged, tagPrefixList: [b], countType: sinceImageTransitioned, countUnit: days, countNumber: 365 }
                    action: { type: expire }
                  - rulePriority: 3
                    selection: { tagStatus: tagged, tagPrefixList: [c], storageClass: archive, countType: sinceImageTransitioned, countUnit: days, countNumber: ⟪c⟫30 }
                    action: { type: expire }
                  - rulePriority: 4
                    selection: { tagStatus: tagged, tagPrefixList: [v], storageClass: ⟪d⟫archive, countType: sinceImagePushed, countUnit: days, countNumber: 9 }
                    action: ⟪e⟫{ type: transition }
            """), [
                ("a", .error, "countType \"sinceImagePulled\" can only transition images to archive, not expire them"),
                ("b", .error, "countType \"sinceImageTransitioned\" selects archived images: it needs \"storageClass\": \"archive\""),
                ("c", .error, "archived images must stay in archive at least 90 days; countNumber is 30"),
                ("d", .error, "\"storageClass\": \"archive\" is only allowed with countType \"sinceImageTransitioned\""),
                ("e", .error, "missing \"targetStorageClass\""),
            ])
    }

    @Test func theDocumentedArchiveAndExpirePolicyIsValid() {
        let loaded = load(Self.spec("""
                  - rulePriority: 1
                    selection: { tagStatus: any, countType: sinceImagePushed, countUnit: days, countNumber: 30 }
                    action: { type: transition, targetStorageClass: archive }
                  - rulePriority: 2
                    selection: { tagStatus: any, storageClass: archive, countType: sinceImageTransitioned, countUnit: days, countNumber: 365 }
                    action: { type: expire }
            """))
        #expect(loaded.diagnostics.filter { $0.severity == .error }.isEmpty, "\(loaded.diagnostics)")
        let policy = loaded.registry?.repositories.first?.lifecyclePolicy.value.flatMap { LifecyclePolicy(json: $0.json) }
        #expect(policy?.rules.map(\.storageClass) == [.standard, .archive])
        #expect(policy?.rules.map(\.action) == [.transition, .expire])
    }

    @Test(arguments: [
        ("prod*", "prod-1", true), ("prod*", "preprod", false), ("*prod", "preprod", true), ("*", "anything", true),
        ("v*-rc*", "v1.2-rc3", true), ("v*-rc*", "v1.2", false), ("exact", "exact", true), ("exact", "exact2", false),
        ("a*b*c", "abc", true), ("a*b*c", "acb", false), ("*-*", "x-y-z", true),
    ])
    func wildcardsMatchTheWholeTag(_ pattern: String, _ tag: String, _ expected: Bool) {
        #expect(LifecyclePolicy.Rule.wildcard(pattern, matches: tag) == expected)
    }
}
