import Foundation
import Testing
import TestSupport

/// Addresses from the command line and from saved plans: one that names nothing is an
/// error, never an empty plan; one this ecr-apply does not know refuses the plan before
/// any change.
@Suite struct AddressTests {
    @Test func aTargetMatchingNothingIsAnErrorWithTheNearestAddress() throws {
        let moto = try MotoServer()
        defer { moto.stop() }
        let typo = try EndToEndTests.ecrApply(["plan", "--target", "repository.user-servise"] + EndToEndTests.example, moto)
        #expect(typo.status == 1)
        #expect(typo.stderr.contains("--target repository.user-servise matches nothing in the spec or in ECR (did you mean repository.user-service?)"),
                "\(typo.stderr)")
        #expect(!typo.stdout.contains("No changes"), "not an empty plan: \(typo.stdout)")

        let malformed = try EndToEndTests.ecrApply(["plan", "--target", "repo.user-service"] + EndToEndTests.example, moto)
        #expect(malformed.status != 0)
        #expect(malformed.stderr.contains("--target 'repo.user-service' is not an address"), "\(malformed.stderr)")

        let apply = try EndToEndTests.ecrApply(["apply", "--auto-approve", "--target", "repository.user-servise"] + EndToEndTests.example, moto)
        #expect(apply.status == 1)
        let names = try Python.boto3("out([r['repositoryName'] for r in ecr.describe_repositories()['repositories']])",
                                     endpoint: moto.endpoint) as! [String]
        #expect(names.isEmpty, "nothing was created: \(names)")
    }

    @Test func aSavedPlanWithAnUnknownAddressIsRefusedBeforeAnyChange() throws {
        let moto = try MotoServer()
        defer { moto.stop() }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ecr-apply-address-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("plan.json").path
        let planned = try EndToEndTests.ecrApply(["plan", "--out", path] + EndToEndTests.example, moto)
        #expect(planned.status == 0, "\(planned.stderr)")

        // A plan from "a newer version": one more change, of a kind this ecr-apply does not know, sorted last.
        var document = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
        var changes = document["resource_changes"] as! [[String: Any]]
        changes.append(["address": "registry.some_later_kind", "action": "create", "attributes": [] as [Any]])
        document["resource_changes"] = changes
        try JSONSerialization.data(withJSONObject: document).write(to: URL(fileURLWithPath: path))

        let apply = try EndToEndTests.ecrApply(["apply", path], moto)
        #expect(apply.status == 1)
        #expect(apply.stderr.contains("'registry.some_later_kind' is not an address this ecr-apply knows"), "\(apply.stderr)")
        let names = try Python.boto3("out([r['repositoryName'] for r in ecr.describe_repositories()['repositories']])",
                                     endpoint: moto.endpoint) as! [String]
        #expect(names.isEmpty, "no repository step ran: \(names)")
    }
}
