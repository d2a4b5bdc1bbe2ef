import Foundation
import Testing
import TestSupport

/// A spec says where it acts: its region beats the environment, a contradicting `--region` is
/// refused before any call, and a saved plan acts in its own region or nowhere. One moto
/// holds every region; boto3 reads each back.
@Suite struct RegionGuardTests {
    static let seoul = """
        version: 1
        registry: { region: ap-northeast-2 }
        lifecycle_policies:
          keep-ten:
            rules:
              - { rulePriority: 1, selection: { tagStatus: any, countType: imageCountMoreThan, countNumber: 10 }, action: { type: expire } }
        repositories:
          user-service: { image_tag_mutability: IMMUTABLE, lifecycle_policy: keep-ten }
          order-service: {}
        """

    static func names(in region: String, _ moto: MotoServer) throws -> [String] {
        try Python.boto3("out(sorted(r['repositoryName'] for r in ecr.describe_repositories()['repositories']))",
                         endpoint: moto.endpoint, region: region) as! [String]
    }

    @Test func theSpecsRegionChangesAndTheEnvironmentsIsUntouched() throws {
        let moto = try MotoServer()
        let spec = try EndToEndTests.specFile(Self.seoul)
        let env = ["AWS_REGION": "us-east-1"]
        let plan = try EndToEndTests.ecrApply(["plan", "-f", spec], moto, extra: env)
        #expect(plan.status == 0, "\(plan.stderr)")
        #expect(plan.stdout.hasPrefix("ecr-apply compared the spec with registry 123456789012 in ap-northeast-2.\n"), "\(plan.stdout)")
        #expect(plan.stderr == "note: acting in ap-northeast-2 as registry.region says; AWS_REGION (us-east-1) applies only to specs that name no region\n")

        let apply = try EndToEndTests.ecrApply(["apply", "--auto-approve", "-f", spec], moto, extra: env)
        #expect(apply.status == 0, "\(apply.stderr)")
        #expect(try Self.names(in: "ap-northeast-2", moto) == ["order-service", "user-service"])
        #expect(try Self.names(in: "us-east-1", moto) == [])

        let drift = try EndToEndTests.ecrApply(["drift", "-f", spec], moto, extra: ["AWS_DEFAULT_REGION": "eu-west-1"])
        #expect(drift.status == 0, "\(drift.stdout)\(drift.stderr)")
        #expect(drift.stdout.hasPrefix("No drift: registry 123456789012 in ap-northeast-2 matches"), "\(drift.stdout)")
    }

    @Test func aContradictingRegionFlagIsRefusedBeforeAnyCall() throws {
        let moto = try MotoServer()
        let proxy = try FaultProxy(upstreamPort: moto.port, rate: 0)
        let spec = try EndToEndTests.specFile(Self.seoul)
        let environment = ["AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_ENDPOINT_URL": proxy.endpoint,
                           "AWS_EC2_METADATA_DISABLED": "true"]
        for command in [["plan"], ["apply", "--auto-approve"], ["drift"], ["lifecycle", "preview"]] {
            let result = try runECRApply(command + ["--region", "eu-central-1", "-f", spec], environment: environment)
            #expect(result.status == 1, "\(command): \(result.stdout)")
            #expect(result.stderr.contains("registry.region says ap-northeast-2, but --region says eu-central-1; nothing was read or changed"),
                    "\(command): \(result.stderr)")
        }
        #expect(proxy.requestCount == 0, "no request may reach AWS")
        // The same region as the spec's is not a contradiction.
        let same = try runECRApply(["plan", "--region", "ap-northeast-2", "-f", spec], environment: environment)
        #expect(same.status == 0, "\(same.stderr)")
        #expect(same.stderr.isEmpty)
    }

    @Test func aSpecWithoutARegionFollowsTheEnvironment() throws {
        let moto = try MotoServer()
        let spec = try EndToEndTests.specFile("version: 1\nrepositories:\n  api: {}\n")
        let apply = try EndToEndTests.ecrApply(["apply", "--auto-approve", "-f", spec], moto, extra: ["AWS_REGION": "eu-west-2"])
        #expect(apply.status == 0, "\(apply.stderr)")
        #expect(apply.stderr.isEmpty, "no note when the spec names no region")
        #expect(try Self.names(in: "eu-west-2", moto) == ["api"])
        #expect(try Self.names(in: "us-east-1", moto) == [])
        let flag = try EndToEndTests.ecrApply(["apply", "--auto-approve", "--region", "sa-east-1", "-f", spec], moto, extra: ["AWS_REGION": "eu-west-2"])
        #expect(flag.status == 0, "\(flag.stderr)")
        #expect(try Self.names(in: "sa-east-1", moto) == ["api"])
    }

    @Test func aSavedPlanActsInItsRegionOrNowhere() throws {
        let moto = try MotoServer()
        let spec = try EndToEndTests.specFile(Self.seoul)
        let saved = (spec as NSString).deletingLastPathComponent + "/plan.json"
        let plan = try EndToEndTests.ecrApply(["plan", "--out", saved, "-f", spec], moto)
        #expect(plan.status == 0, "\(plan.stderr)")

        let proxy = try FaultProxy(upstreamPort: moto.port, rate: 0)
        let refused = try runECRApply(["apply", saved, "--region", "us-east-1"], environment: [
            "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_ENDPOINT_URL": proxy.endpoint, "AWS_EC2_METADATA_DISABLED": "true",
        ])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("the saved plan \(saved) says ap-northeast-2, but --region says us-east-1"), "\(refused.stderr)")
        #expect(proxy.requestCount == 0)

        let applied = try EndToEndTests.ecrApply(["apply", saved], moto, extra: ["AWS_REGION": "us-west-2"])
        #expect(applied.status == 0, "\(applied.stderr)")
        #expect(applied.stdout.hasPrefix("Applying \(saved): 2 changes to registry 123456789012 in ap-northeast-2."), "\(applied.stdout)")
        #expect(try Self.names(in: "ap-northeast-2", moto) == ["order-service", "user-service"])
        #expect(try Self.names(in: "us-west-2", moto) == [])
    }

    @Test func anExportPlansCleanUnderAnotherEnvironmentRegion() throws {
        let moto = try MotoServer()
        let spec = try EndToEndTests.specFile(Self.seoul)
        #expect(try EndToEndTests.ecrApply(["apply", "--auto-approve", "-f", spec], moto).status == 0)
        let exported = (spec as NSString).deletingLastPathComponent + "/exported.yaml"
        let export = try EndToEndTests.ecrApply(["export", "-o", exported], moto, extra: ["AWS_REGION": "ap-northeast-2"])
        #expect(export.status == 0, "\(export.stderr)")
        let text = try String(contentsOfFile: exported, encoding: .utf8)
        #expect(text.hasPrefix("# Exported by ecr-apply"))
        #expect(text.split(separator: "\n").first?.contains("from registry 123456789012 (ap-northeast-2)") == true, "\(text)")
        #expect(text.contains("region: ap-northeast-2"))

        let plan = try EndToEndTests.ecrApply(["plan", "--detailed-exitcode", "-f", exported], moto, extra: ["AWS_REGION": "us-east-1"])
        #expect(plan.status == 0, "\(plan.stdout)\(plan.stderr)")
        #expect(plan.stdout == "No changes. The registry 123456789012 in ap-northeast-2 matches the spec.\n")
        #expect(try Self.names(in: "us-east-1", moto) == [])
    }
}
