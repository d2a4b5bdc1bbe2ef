import Foundation
import Planner
import Spec
import Testing
import TestSupport

/// The three renderings of one plan that holds every action, against golden files
/// (`RECORD_GOLDEN=1 swift test --filter RenderingTests` re-records them).
@Suite struct RenderingTests {
    static var everyAction: Plan {
        let spec = """
            registry: { region: us-east-1 }
            defaults:
              image_tag_mutability: IMMUTABLE
              scan_on_push: true
              tags: { managed-by: ecr-apply, team: platform }
              lifecycle_policy: keep-recent
            lifecycle_policies:
              keep-recent:
                rules:
                  - rulePriority: 1
                    selection: { tagStatus: tagged, tagPrefixList: [v], countType: imageCountMoreThan, countNumber: 10 }
                    action: { type: expire }
            repositories:
              new-service: {}
              order-service: {}
              payment-service:
                encryption: { type: KMS, kms_key: "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab" }
              quiet-service: {}
            replication:
              rules:
                - destinations: [{ region: eu-west-1 }]
            registry_policy:
              Version: "2012-10-17"
              Statement:
                - Sid: ReplicateIn
                  Effect: Allow
                  Principal: { AWS: "arn:aws:iam::999888777666:root" }
                  Action: [ecr:CreateRepository, ecr:ReplicateImage]
                  Resource: "arn:aws:ecr:us-east-1:123456789012:repository/*"
            prune: { tags: { managed-by: ecr-apply }, allow_delete_images: true }
            """
        let oldPolicy = json(#"{"rules":[{"rulePriority":1,"selection":{"tagStatus":"tagged","tagPrefixList":["v"],"countType":"imageCountMoreThan","countNumber":30},"action":{"type":"expire"}}]}"#)
        let currentPolicy = json(#"{"rules":[{"rulePriority":1,"selection":{"tagStatus":"tagged","tagPrefixList":["v"],"countType":"imageCountMoreThan","countNumber":10},"action":{"type":"expire"}}]}"#)
        let tags = ["managed-by": "ecr-apply", "team": "platform"]
        let registry = live([
            liveRepository("order-service", scanOnPush: false, tags: ["managed-by": "ecr-apply", "team": "web", "cost": "1"], lifecycle: .present(oldPolicy)),
            liveRepository("payment-service", tags: tags, lifecycle: .present(currentPolicy), images: ImageSummary(count: 12, bytes: 734_003_200)),
            liveRepository("quiet-service", tags: tags, lifecycle: .present(currentPolicy)),
            liveRepository("legacy-service", tags: ["managed-by": "ecr-apply"], images: ImageSummary(count: 0, bytes: 0)),
            liveRepository("someone-elses", tags: ["owner": "data-team"]),
        ], replication: ReplicationConfiguration(rules: [
            ReplicationRule(destinations: [.init(region: "eu-west-1", registryID: account), .init(region: "ap-south-1", registryID: account)]),
        ]), registryPolicy: .absent)
        return Planner.plan(desired: desired(spec), live: registry, options: .init(allowDeleteImages: true))
    }

    @Test func textPlan() {
        expectGolden(PlanTextRenderer(showUnmanaged: true).render(Self.everyAction), named: "every-action.txt")
    }

    @Test func markdownComment() {
        expectGolden(PlanMarkdownRenderer.render(Self.everyAction), named: "every-action.md")
    }

    @Test func jsonDocument() throws {
        expectGolden(try PlanJSONRenderer.render(Self.everyAction), named: "every-action.json")
    }

    @Test func driftReport() {
        expectGolden(DriftReportRenderer.render(Self.everyAction, specPath: "registry.yaml"), named: "every-action.drift.txt")
    }

    @Test func aSavedPlanReadsBackAsTheSamePlan() throws {
        let plan = Self.everyAction
        #expect(try PlanJSONRenderer.read(Data(PlanJSONRenderer.render(plan).utf8)) == plan)
    }

    @Test func colourOnlyWhenAsked() {
        let plan = Self.everyAction
        #expect(!PlanTextRenderer(color: false).render(plan).contains("\u{1B}["))
        #expect(PlanTextRenderer(color: true).render(plan).contains("\u{1B}[32m+\u{1B}[0m"))
    }

    @Test func noChangesSaysSo() {
        let plan = Plan(region: "us-east-1", accountID: account, changes: [])
        #expect(PlanTextRenderer().render(plan) == "No changes. The registry \(account) in us-east-1 matches the spec.\n")
        #expect(PlanMarkdownRenderer.render(plan).hasPrefix("### ecr-apply plan: registry `\(account)` in `us-east-1`\n\n**No changes.**"))
    }
}
