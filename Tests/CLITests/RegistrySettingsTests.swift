import Foundation
import Testing
import TestSupport

/// The registry-wide objects through their whole life: created, left alone when unchanged,
/// and removed when the spec says there is none. Read back with boto3.
@Suite struct RegistrySettingsTests {
    static let spec = """
        version: 1
        registry: { region: us-east-1 }
        repositories:
          app: { lifecycle_policy: null, scan_on_push: true }
        registry_scanning:
          scan_type: ENHANCED
          rules:
            - scan_frequency: CONTINUOUS_SCAN
              repository_filters: ["prod-*"]
            - scan_frequency: SCAN_ON_PUSH
              repository_filters: ["*"]
        registry_policy:
          Version: "2012-10-17"
          Statement:
            - Sid: ReplicateIn
              Effect: Allow
              Principal: { AWS: "arn:aws:iam::999888777666:root" }
              Action: [ecr:CreateRepository, ecr:ReplicateImage]
              Resource: "arn:aws:ecr:us-east-1:123456789012:repository/*"

        """

    @Test func registryPolicyAndScanningAreCreatedKeptAndRemoved() throws {
        let moto = try MotoServer()
        let file = try EndToEndTests.specFile(Self.spec)
        let apply = try EndToEndTests.ecrApply(["apply", "--auto-approve", "-f", file], moto)
        #expect(apply.status == 0, "\(apply.stderr)")
        let seen = try Python.boto3("""
            scanning = ecr.get_registry_scanning_configuration()['scanningConfiguration']
            policy = json.loads(ecr.get_registry_policy()['policyText'])
            out({'type': scanning['scanType'], 'rules': sorted(r['scanFrequency'] for r in scanning['rules']),
                 'sid': policy['Statement'][0]['Sid']})
            """, endpoint: moto.endpoint) as! [String: Any]
        #expect(seen["type"] as? String == "ENHANCED")
        #expect(seen["rules"] as? [String] == ["CONTINUOUS_SCAN", "SCAN_ON_PUSH"])
        #expect(seen["sid"] as? String == "ReplicateIn")
        #expect(try EndToEndTests.ecrApply(["plan", "--detailed-exitcode", "-f", file], moto).status == 0)

        // No registry policy wanted: it is destroyed (no image guard for registry objects).
        let start = Self.spec.range(of: "registry_policy:")!.lowerBound
        let without = try EndToEndTests.specFile(String(Self.spec[..<start]) + "registry_policy: null\n")
        let remove = try EndToEndTests.ecrApply(["apply", "--auto-approve", "-f", without], moto)
        #expect(remove.status == 0, "\(remove.stdout.suffix(400))\(remove.stderr)")
        #expect(remove.stdout.contains("registry.policy: destroyed ("))
        let gone = try Python.boto3("""
            try:
                ecr.get_registry_policy()
                out(False)
            except ecr.exceptions.RegistryPolicyNotFoundException:
                out(True)
            """, endpoint: moto.endpoint)
        #expect(gone as? Bool == true)
        #expect(try EndToEndTests.ecrApply(["plan", "--detailed-exitcode", "-f", without], moto).status == 0)
    }
}
