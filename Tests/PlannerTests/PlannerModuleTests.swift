import Planner
import Spec
import Testing

/// The planner arrives with the plan issue; until then this checks the module links against Spec.
@Suite struct PlannerModuleTests {
    @Test func plannerSeesTheSpecModel() {
        let registry = DesiredRegistry(repositories: [DesiredRepository(name: "user-service")])
        #expect(registry.repository(named: "user-service") != nil)
    }
}
