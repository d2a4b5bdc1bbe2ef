import Planner
import Spec
import Testing

/// A saved plan may be applied only while ECR still looks as it did when it was made.
@Suite struct StaleCheckTests {
    static let spec = "registry: { region: us-east-1 }\nrepositories:\n  api: { scan_on_push: true, tags: { team: web } }\n"

    @Test func anUnchangedRegistryIsNotStale() {
        let registry = live([liveRepository("api", scanOnPush: false, tags: ["team": "web"])])
        let plan = Planner.plan(desired: desired(Self.spec), live: registry)
        #expect(plan.hasChanges)
        #expect(StaleCheck.differences(plan, live: registry).isEmpty)
    }

    @Test func anyChangeToWhatThePlanTouchesIsStale() {
        let registry = live([liveRepository("api", scanOnPush: false, tags: ["team": "web"])])
        let plan = Planner.plan(desired: desired(Self.spec), live: registry)
        let changed: [(LiveRegistry, String)] = [
            (live([liveRepository("api", scanOnPush: true, tags: ["team": "web"])]), "scan_on_push changed"),
            (live([liveRepository("api", scanOnPush: false, tags: ["team": "web", "extra": "1"])]), "tags changed"),
            (live([]), "deleted by someone else"),
        ]
        for (registry, expected) in changed {
            #expect(StaleCheck.differences(plan, live: registry).first?.contains(expected) == true, "\(expected)")
        }
        let create = Planner.plan(desired: desired(Self.spec), live: live([]))
        #expect(StaleCheck.differences(create, live: registry).first?.contains("created by someone else") == true)
    }

    @Test func withOnlyThePruneMarkManagedOtherTagsDoNotMakeItStale() {
        let spec = "registry: { region: us-east-1 }\nrepositories:\n  api: { scan_on_push: true }\nprune: { tags: { managed-by: ecr-apply } }\n"
        let registry = live([liveRepository("api", scanOnPush: false, tags: ["managed-by": "ecr-apply"])])
        let plan = Planner.plan(desired: desired(spec), live: registry)
        #expect(plan.actions.first?.attribute("tags")?.partial == true)
        let tagged = live([liveRepository("api", scanOnPush: false, tags: ["managed-by": "ecr-apply", "owner": "someone"])])
        #expect(StaleCheck.differences(plan, live: tagged).isEmpty)
        let unmarked = live([liveRepository("api", scanOnPush: false, tags: ["owner": "someone"])])
        #expect(StaleCheck.differences(plan, live: unmarked).first?.contains("tags changed") == true)
    }
}
