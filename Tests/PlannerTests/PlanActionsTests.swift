import Foundation
import Planner
import Spec
import Testing

/// Which action each situation gets, and which attributes a change names.
@Suite struct PlanActionsTests {
    static let spec = """
        registry: { region: us-east-1 }
        defaults:
          image_tag_mutability: IMMUTABLE
          scan_on_push: true
          encryption: { type: AES256 }
          tags: { managed-by: ecr-apply }
        repositories:
          api: {}

        """

    @Test func aMissingRepositoryIsCreatedWithEveryManagedAttribute() {
        let plan = Planner.plan(desired: desired(Self.spec), live: live([]))
        let change = try! #require(plan.changes.first)
        #expect(change.address == "repository.api")
        #expect(change.action == .create)
        #expect(change.attributes.map(\.name) == ["image_tag_mutability", "scan_on_push", "encryption_type", "tags"])
        #expect(change.attributes.allSatisfy { $0.before == nil })
        #expect(plan.summary == Plan.Summary(add: 1, change: 0, destroy: 0))
    }

    @Test func aMatchingRepositoryIsANoOp() {
        let plan = Planner.plan(desired: desired(Self.spec), live: live([liveRepository("api")]))
        #expect(plan.changes.map(\.action) == [.noOp])
        #expect(!plan.hasChanges)
    }

    @Test func onlyManagedAttributesAreCompared() {
        let plan = Planner.plan(desired: desired("repositories:\n  api: { scan_on_push: true }\n"),
                                live: live([liveRepository("api", mutability: TagMutability(.mutable), tags: ["x": "y"])]))
        #expect(plan.changes.map(\.action) == [.noOp])
    }

    @Test(arguments: [
        (liveRepository("api", scanOnPush: false), ["scan_on_push"]),
        (liveRepository("api", mutability: TagMutability(.mutable)), ["image_tag_mutability"]),
        (liveRepository("api", tags: ["managed-by": "terraform"]), ["tags"]),
        (liveRepository("api", tags: ["managed-by": "ecr-apply", "extra": "1"]), ["tags"]),
    ])
    func driftIsAnUpdateNamingTheAttribute(_ repository: LiveRepository, _ attributes: [String]) {
        let change = Planner.plan(desired: desired(Self.spec), live: live([repository])).changes[0]
        #expect(change.action == .update)
        #expect(change.changedAttributes.map(\.name) == attributes)
    }

    @Test func encryptionChangesForceAReplacementRefusedWhileImagesExist() {
        let spec = Self.spec.replacingOccurrences(of: "{ type: AES256 }", with: "{ type: KMS, kms_key: \"arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab\" }")
        let holding = liveRepository("api", images: ImageSummary(count: 3, bytes: 3 * 1024 * 1024))
        let plan = Planner.plan(desired: desired(spec), live: live([holding]))
        let change = plan.changes[0]
        #expect(change.action == .replace)
        #expect(change.reason == "encryption cannot change in place")
        #expect(change.changedAttributes.allSatisfy { $0.forcesReplacement })
        #expect(plan.summary == Plan.Summary(add: 1, change: 0, destroy: 1))
        #expect(plan.refusalTexts == ["repository.api: replace would destroy 3 images (3 MiB); pass --allow-delete-images to destroy them"])
        #expect(Planner.plan(desired: desired(spec), live: live([holding]), options: .init(allowDeleteImages: true)).refusals.isEmpty)
        #expect(Planner.plan(desired: desired(spec), live: live([liveRepository("api", images: ImageSummary(count: 0, bytes: 0))]))
            .refusals.isEmpty)
        #expect(Planner.plan(desired: desired(spec), live: live([liveRepository("api")])).refusalTexts.first?.contains("could not be counted") == true)
    }

    @Test func aKMSKeyNamedByIDMatchesItsARN() {
        let spec = Self.spec.replacingOccurrences(of: "{ type: AES256 }", with: "{ type: KMS, kms_key: 1234abcd-12ab-34cd-56ef-1234567890ab }")
        let repository = liveRepository("api", encryption: Encryption(.kms, kmsKey: "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"))
        #expect(Planner.plan(desired: desired(spec), live: live([repository])).changes.map(\.action) == [.noOp])
    }

    @Test func pruneDeletesOnlyWhatItOwns() {
        let spec = Self.spec + "prune: { tags: { managed-by: ecr-apply } }\n"
        let plan = Planner.plan(desired: desired(spec), live: live([
            liveRepository("api"), liveRepository("old", images: ImageSummary(count: 0, bytes: 0)),
            liveRepository("theirs", tags: ["managed-by": "terraform"]), liveRepository("untagged", tags: [:]),
        ]))
        #expect(plan.actions.map(\.address) == ["repository.old"])
        #expect(plan.actions.map(\.action) == [.delete])
        #expect(plan.unmanagedRepositories == ["theirs", "untagged"])
    }

    @Test func pruneRefusesToDeleteImagesUnlessAllowed() {
        let repository = liveRepository("old", images: ImageSummary(count: 2, bytes: 10))
        let spec = Self.spec + "prune: { tags: { managed-by: ecr-apply } }\n"
        #expect(Planner.plan(desired: desired(spec), live: live([liveRepository("api"), repository])).refusalTexts.first?
            .contains("delete would destroy 2 images") == true)
        let allowing = Self.spec + "prune: { tags: { managed-by: ecr-apply }, allow_delete_images: true }\n"
        #expect(Planner.plan(desired: desired(allowing), live: live([liveRepository("api"), repository])).refusals.isEmpty)
    }

    @Test func withoutPruneNothingIsEverDeleted() {
        let plan = Planner.plan(desired: desired(Self.spec), live: live([liveRepository("api"), liveRepository("other")]))
        #expect(!plan.hasChanges)
        #expect(plan.unmanagedRepositories == ["other"])
    }

    @Test func registryObjectsAreOwnedWhole() {
        let spec = Self.spec + "replication:\n  rules:\n    - destinations: [{ region: eu-west-1 }]\n"
        let extra = ReplicationConfiguration(rules: [
            ReplicationRule(destinations: [.init(region: "eu-west-1", registryID: account)]),
            ReplicationRule(destinations: [.init(region: "ap-south-1", registryID: account)]),
        ])
        let change = Planner.plan(desired: desired(spec), live: live([liveRepository("api")], replication: extra)).actions[0]
        #expect(change.address == "registry.replication")
        #expect(change.action == .update)
        #expect(change.attributes[0].before?.compactText.contains("ap-south-1") == true)
        #expect(change.attributes[0].after?.compactText.contains("ap-south-1") == false)

        let same = ReplicationConfiguration(rules: [ReplicationRule(destinations: [.init(region: "eu-west-1", registryID: account)])])
        #expect(!Planner.plan(desired: desired(spec), live: live([liveRepository("api")], replication: same)).hasChanges)
        #expect(Planner.plan(desired: desired(spec), live: live([liveRepository("api")], replication: .init(rules: []))).actions[0].action == .create)
    }

    @Test func targetsLimitThePlan() {
        let spec = Self.spec + "  web: {}\n"
        let plan = Planner.plan(desired: desired(spec), live: live([]), options: .init(targets: ["repository.web"]))
        #expect(plan.changes.map(\.address) == ["repository.web"])
    }

    @Test func plansAreDeterministic() {
        let spec = Self.spec + "  web: {}\n  db: {}\n"
        let first = Planner.plan(desired: desired(spec), live: live([liveRepository("zzz"), liveRepository("aaa")]))
        let second = Planner.plan(desired: desired(spec), live: live([liveRepository("aaa"), liveRepository("zzz")]))
        #expect(first == second)
        #expect(first.changes.map(\.address) == ["repository.api", "repository.db", "repository.web"])
    }

    @Test func aLifecyclePolicyChangeIsMeasuredOnTheImagesAndGuarded() throws {
        let spec = Self.spec.replacingOccurrences(of: "  tags: { managed-by: ecr-apply }\n", with: """
              tags: { managed-by: ecr-apply }
              lifecycle_policy:
                rules:
                  - rulePriority: 1
                    selection: { tagStatus: tagged, tagPatternList: ["v*"], countType: imageCountMoreThan, countNumber: 1 }
                    action: { type: expire }

            """)
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        var repository = liveRepository("api", lifecycle: .present(json(
            #"{"rules":[{"rulePriority":1,"selection":{"tagStatus":"tagged","tagPatternList":["v*"],"countType":"imageCountMoreThan","countNumber":2}, "action":{"type":"expire"}}]}"#)))
        repository.imageRecords = (1...3).map {
            ImageRecord(digest: "sha256:\($0)", tags: ["v\($0)"], pushedAt: now.addingTimeInterval(Double(-$0) * 3600), sizeBytes: 1024)
        }
        let plan = Planner.plan(desired: desired(spec), live: live([repository]), options: .init(now: now))
        let change = try #require(plan.actions.first)
        #expect(change.lifecycle == LifecycleChange(after: LifecycleImpact(images: 3, expire: 2, expireBytes: 2048),
                                                    before: LifecycleImpact(images: 3, expire: 1, expireBytes: 1024)))
        #expect(change.lifecycle?.summary == "would expire 2 of 3 images (2 KiB, est. <$0.01/month freed) now; currently 1")
        #expect(plan.refusals.isEmpty)
        #expect(try PlanJSONRenderer.read(Data(PlanJSONRenderer.render(plan).utf8)) == plan)

        let guarded = Planner.plan(desired: desired(spec), live: live([repository]), options: .init(now: now, maxExpire: 1))
        #expect(guarded.refusalTexts.first?.hasPrefix("repository.api: the new lifecycle policy would expire 2 images now, more than the limit of 1") == true)
        #expect(Planner.plan(desired: desired(spec), live: live([repository])).actions.first?.lifecycle == nil, "not measured without a time")
    }
}
