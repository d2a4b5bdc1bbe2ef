import Foundation
@testable import Planner
import Spec
import Testing

/// The typed address, the list of kinds and the planner's table, and the typed values the
/// apply steps read back from a change.
@Suite struct KindsTests {
    @Test(arguments: ["repository.api", "repository.team-a/web", "registry.replication", "registry.scanning", "registry.policy",
                      "prod-use1:repository.api", "staging:registry.policy"])
    func addressesPrintAsTheyAreWritten(_ text: String) throws {
        let address = try #require(Address(text))
        #expect(address.description == text)
        #expect(try JSONValue(encoding: address).decode(Address.self) == address)
    }

    @Test(arguments: ["repository.", "repository", "registry.replications", "pull_through_cache.x", ":repository.api", "registry"])
    func unknownAddressesDoNotParse(_ text: String) {
        #expect(Address(text) == nil)
    }

    @Test func aSavedChangeWithAnUnknownAddressDoesNotDecode() {
        let text = #"{"address":"registry.pull_through_cache","action":"create","attributes":[]}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(ResourceChange.self, from: Data(text.utf8)) }
    }

    @Test func everyKindHasAPlannerOnce() {
        let kinds = PlannerKinds.all.map { $0.kind }
        #expect(Set(kinds) == Set(ResourceKind.allCases))
        #expect(kinds.count == ResourceKind.allCases.count)
        for kind in ResourceKind.allCases { #expect(PlannerKinds.planner(for: kind).kind == kind) }
    }

    @Test func targetsThatNameNothingComeWithTheNearestAddress() {
        let spec = desired("repositories: { api: {}, web: {} }\nregistry_policy: null\n")
        let registry = live([liveRepository("legacy")])
        let unmatched = Planner.unmatchedTargets(["repository.apii", "repository.legacy", "registry.scanning", "repository.zzzzzzzz"],
                                                 desired: spec, live: registry)
        #expect(unmatched.map(\.target.description) == ["registry.scanning", "repository.apii", "repository.zzzzzzzz"],
                "an address of ECR (legacy) matches; the spec declares no registry_scanning")
        #expect(unmatched.map { $0.suggestion?.description } == [nil, "repository.api", nil])
    }

    @Test func plannedValuesReadBackTyped() throws {
        let spec = desired("""
            repositories:
              api:
                image_tag_mutability: { mode: IMMUTABLE, exclusions: ["latest"] }
                scan_on_push: true
                encryption: { type: KMS, kms_key: "arn:aws:kms:us-east-1:123456789012:key/k" }
                tags: { team: a }
            replication:
              rules: [{ destinations: [{ region: eu-west-1 }], repository_filters: [team-a/] }]
            registry_scanning:
              scan_type: ENHANCED
              rules: [{ scan_frequency: CONTINUOUS_SCAN, repository_filters: ["*"] }]
            """)
        let plan = Planner.plan(desired: spec, live: live([]))
        let repository = try RepositoryPlanner.planned(try #require(plan.changes.first { $0.address == "repository.api" }))
        #expect(repository.tagMutability == TagMutability(.immutable, exclusions: ["latest"]))
        #expect(repository.scanOnPush == true)
        #expect(repository.encryption == Encryption(.kms, kmsKey: "arn:aws:kms:us-east-1:123456789012:key/k"))
        #expect(repository.tags?.after == ["team": "a"])
        #expect(repository.lifecyclePolicy == nil, "not managed: left alone")
        let replication = try ReplicationPlanner.planned(try #require(plan.changes.first { $0.address == "registry.replication" }))
        #expect(replication.rules == [ReplicationRule(destinations: [.init(region: "eu-west-1", registryID: account)], repositoryPrefixes: ["team-a/"])])
        let scanning = try RegistryScanningPlanner.planned(try #require(plan.changes.first { $0.address == "registry.scanning" }))
        #expect(scanning == RegistryScanningConfiguration(scanType: .enhanced, rules: [.init(frequency: .continuousScan, repositoryFilters: ["*"])]))
    }
}
