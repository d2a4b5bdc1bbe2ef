import Foundation
import Testing
import TestSupport

/// Many registries in one run: two accounts (reached by assuming a role in each, as moto
/// scopes what an assumed role sees by the role's account) and two regions, on one moto.
/// Everything is read back with boto3, per account and region.
@Suite struct RegistriesTests {
    static let yaml = try! String(contentsOf: ValidateCommandTests.packageRoot.appendingPathComponent("Tests/CLITests/Fixtures/Registries/registry.yaml"),
                                  encoding: .utf8)

    /// The repositories (name → mutability) boto3 sees in an account and region, through the account's role.
    static func repositories(account: String, region: String, endpoint: String) throws -> [String: String] {
        try Python.boto3("""
            c = session.client('sts', endpoint_url='\(endpoint)').assume_role(RoleArn='arn:aws:iam::\(account):role/ecr-apply', RoleSessionName='check')['Credentials']
            e = boto3.client('ecr', endpoint_url='\(endpoint)', region_name='\(region)', aws_access_key_id=c['AccessKeyId'],
                             aws_secret_access_key=c['SecretAccessKey'], aws_session_token=c['SessionToken'])
            out({r['repositoryName']: r['imageTagMutability'] for r in e.describe_repositories()['repositories']})
            """, endpoint: endpoint) as! [String: String]
    }

    @Test func threeRegistriesPlanApplyPlanCleanAndDriftInOne() throws {
        let moto = try MotoServer()
        defer { moto.stop() }
        let spec = ["-f", try EndToEndTests.specFile(Self.yaml)]
        let plan = try EndToEndTests.ecrApply(["plan", "--detailed-exitcode"] + spec, moto)
        #expect(plan.status == 2, "\(plan.stdout)\(plan.stderr)")
        for heading in ["── registry prod-euw1 (account 111111111111, eu-west-1) ──", "── registry prod-use1 (account 111111111111, us-east-1) ──",
                        "── registry staging (account 222222222222, us-east-1) ──"] {
            #expect(plan.stdout.contains(heading), "\(heading)\n\(plan.stdout)")
        }
        #expect(plan.stdout.contains("  # staging:repository.scratch/experiments will be created"), "\(plan.stdout)")
        #expect(plan.stdout.contains("replicates to registry prod-euw1: order-service, user-service"), "\(plan.stdout)")
        #expect(plan.stdout.contains("  prod-use1: Plan: 3 to add, 0 to change, 0 to destroy\n"), "\(plan.stdout)")
        #expect(plan.stdout.contains("Total: 8 to add, 0 to change, 0 to destroy in 3 registries."), "\(plan.stdout)")

        let json = try EndToEndTests.ecrApply(["plan", "--format", "json"] + spec, moto)
        let document = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        let changes = document["resource_changes"] as! [[String: Any]]
        #expect(changes.count == 8 && changes.allSatisfy { ($0["registry"] as? String).map { ($0 == "staging") || $0.hasPrefix("prod-") } == true })
        #expect(changes.allSatisfy { ($0["address"] as! String).hasPrefix(($0["registry"] as! String) + ":") })
        let markdown = try EndToEndTests.ecrApply(["plan", "--format", "markdown"] + spec, moto)
        #expect(markdown.stdout.components(separatedBy: "<details><summary>registry ").count == 4, "one section per registry")

        let apply = try EndToEndTests.ecrApply(["apply", "--auto-approve"] + spec, moto)
        #expect(apply.status == 0, "\(apply.stdout)\(apply.stderr)")
        #expect(try Self.repositories(account: "111111111111", region: "us-east-1", endpoint: moto.endpoint)
                == ["user-service": "IMMUTABLE", "order-service": "IMMUTABLE"])
        #expect(try Self.repositories(account: "111111111111", region: "eu-west-1", endpoint: moto.endpoint)
                == ["user-service": "IMMUTABLE", "order-service": "IMMUTABLE"])
        #expect(try Self.repositories(account: "222222222222", region: "us-east-1", endpoint: moto.endpoint)
                == ["user-service": "IMMUTABLE", "order-service": "IMMUTABLE", "scratch/experiments": "MUTABLE"])
        #expect(try Self.repositories(account: "123456789012", region: "us-east-1", endpoint: moto.endpoint).isEmpty, "the base account is untouched")

        let clean = try EndToEndTests.ecrApply(["plan", "--detailed-exitcode"] + spec, moto)
        #expect(clean.status == 0, "\(clean.stdout)\(clean.stderr)")

        _ = try Python.boto3("""
            c = session.client('sts', endpoint_url='\(moto.endpoint)').assume_role(RoleArn='arn:aws:iam::222222222222:role/ecr-apply', RoleSessionName='hand')['Credentials']
            boto3.client('ecr', endpoint_url='\(moto.endpoint)', region_name='us-east-1', aws_access_key_id=c['AccessKeyId'],
                         aws_secret_access_key=c['SecretAccessKey'], aws_session_token=c['SessionToken']
                         ).put_image_tag_mutability(repositoryName='user-service', imageTagMutability='MUTABLE')
            out(None)
            """, endpoint: moto.endpoint)
        let drift = try EndToEndTests.ecrApply(["drift"] + spec, moto)
        #expect(drift.status == 2, "\(drift.stdout)\(drift.stderr)")
        #expect(drift.stdout.contains("staging:repository.user-service"), "\(drift.stdout)")
        #expect(!drift.stdout.contains("prod-use1:repository") && !drift.stdout.contains("prod-euw1:repository"), "only staging is named: \(drift.stdout)")
        #expect(drift.stdout.contains("  prod-use1: no changes\n") && drift.stdout.contains("  staging: Drift: 0 to add, 1 to change"), "\(drift.stdout)")

        // Export of the three registries into one 'registries:' spec, which plans as the registries are now.
        let exported = try EndToEndTests.specFile("")
        let export = try EndToEndTests.ecrApply(["export", "-o", exported, "--force",
                                                 "--from", "prod-use1=us-east-1,arn:aws:iam::111111111111:role/ecr-apply",
                                                 "--from", "prod-euw1=eu-west-1,arn:aws:iam::111111111111:role/ecr-apply",
                                                 "--from", "staging=us-east-1,arn:aws:iam::222222222222:role/ecr-apply"], moto)
        #expect(export.status == 0, "\(export.stderr)")
        let text = try String(contentsOfFile: exported, encoding: .utf8)
        #expect(text.contains("registries:\n  prod-use1:\n    account_id: \"111111111111\"\n    region: us-east-1\n"), "\(text)")
        let replan = try EndToEndTests.ecrApply(["plan", "--detailed-exitcode", "-f", exported], moto)
        #expect(replan.status == 0, "the export plans clean (staging's hand change included):\n\(replan.stdout)\(replan.stderr)\n\(text)")

        let narrowed = try EndToEndTests.ecrApply(["drift", "--stats", "--registry", "prod-use1", "--registry", "prod-euw1"] + spec, moto)
        #expect(narrowed.status == 0, "--registry leaves staging out: \(narrowed.stdout)")
        #expect(narrowed.stderr.contains("stats (prod-use1): ") && narrowed.stderr.contains("stats (prod-euw1): ")
                && !narrowed.stderr.contains("stats (staging)"), "one stats line per registry read: \(narrowed.stderr)")
        let targeted = try EndToEndTests.ecrApply(["plan", "--detailed-exitcode", "--target", "staging:repository.user-service"] + spec, moto)
        #expect(targeted.status == 2 && targeted.stdout.contains("Total: 0 to add, 1 to change, 0 to destroy in 1 registry."), "\(targeted.stdout)")
        let typo = try EndToEndTests.ecrApply(["plan", "--registry", "stagin"] + spec, moto)
        #expect(typo.status == 1 && typo.stderr.contains("(did you mean staging?)"), "\(typo.stderr)")
    }

    /// `plan --out` saves every registry's plan with how it is reached; `apply FILE` applies
    /// exactly those, refusing alone a registry that changed since (here: staging).
    @Test func savedPlansOfSeveralRegistriesApplyAsSavedAndAStaleOneIsRefusedAlone() throws {
        let moto = try MotoServer()
        defer { moto.stop() }
        let spec = ["-f", try EndToEndTests.specFile(Self.yaml)]
        let saved = try EndToEndTests.specFile("").replacingOccurrences(of: "registry.yaml", with: "plans.json")
        let plan = try EndToEndTests.ecrApply(["plan", "--out", saved] + spec, moto)
        #expect(plan.status == 0, "\(plan.stderr)")
        #expect(plan.stdout.contains("Saved the plans of 3 registries to \(saved). Apply exactly these plans with: ecr-apply apply \(saved)"), "\(plan.stdout)")
        _ = try Python.boto3("""
            c = session.client('sts', endpoint_url='\(moto.endpoint)').assume_role(RoleArn='arn:aws:iam::222222222222:role/ecr-apply', RoleSessionName='hand')['Credentials']
            boto3.client('ecr', endpoint_url='\(moto.endpoint)', region_name='us-east-1', aws_access_key_id=c['AccessKeyId'],
                         aws_secret_access_key=c['SecretAccessKey'], aws_session_token=c['SessionToken']).create_repository(repositoryName='user-service')
            out(None)
            """, endpoint: moto.endpoint)
        let apply = try EndToEndTests.ecrApply(["apply", saved], moto)
        #expect(apply.status == 1, "\(apply.stdout)\(apply.stderr)")
        #expect(apply.stderr.contains("staging: plan is stale, ECR changed since it was made; nothing was changed there: "
                                      + "staging:repository.user-service: created by someone else since the plan was made"), "\(apply.stderr)")
        #expect(apply.stdout.contains("prod-use1: applied: 3 added, 0 changed, 0 destroyed."), "\(apply.stdout)")
        #expect(try Self.repositories(account: "111111111111", region: "eu-west-1", endpoint: moto.endpoint)
                == ["user-service": "IMMUTABLE", "order-service": "IMMUTABLE"])
        #expect(try Self.repositories(account: "222222222222", region: "us-east-1", endpoint: moto.endpoint) == ["user-service": "MUTABLE"],
                "staging untouched: only the repository made by hand")
    }

    /// One role cannot be assumed (AccessDenied, as STS answers when the trust policy says no;
    /// moto does not check trust, so a proxy in front of it answers that one call) and one
    /// registry's role lands in another account than declared: both are reported, and the
    /// other two registries are applied.
    @Test func aBrokenRegistryLeavesTheOthersApplied() throws {
        let moto = try MotoServer()
        defer { moto.stop() }
        let proxy = try FaultProxy(upstreamPort: moto.port, rate: 0) { request in
            guard request.body.contains("Action=AssumeRole"), request.body.contains("222222222222%3Arole%2Fecr-apply") else { return nil }
            return .respond(status: 403, headers: ["Content-Type": "text/xml"], body: """
                <ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User: arn:aws:iam::123456789012:user/ci is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::222222222222:role/ecr-apply</Message></Error><RequestId>r</RequestId></ErrorResponse>
                """)
        }
        defer { proxy.stop() }
        let yaml = Self.yaml.replacingOccurrences(of: "prod-euw1: { account_id: \"111111111111\"", with: "prod-euw1: { account_id: \"333333333333\"")
        let spec = ["-f", try EndToEndTests.specFile(yaml)]
        let apply = try runECRApply(["apply", "--auto-approve"] + spec, environment: [
            "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_ENDPOINT_URL": proxy.endpoint, "AWS_EC2_METADATA_DISABLED": "true",
        ])
        #expect(apply.status == 1, "\(apply.stdout)\(apply.stderr)")
        #expect(apply.stdout.contains("  staging: failed: cannot assume role arn:aws:iam::222222222222:role/ecr-apply"), "\(apply.stdout)")
        #expect(apply.stdout.contains("  prod-euw1: failed: registries.prod-euw1.account_id says account 333333333333, but the credentials are for account 111111111111"),
                "\(apply.stdout)")
        #expect(apply.stdout.contains("prod-use1: applied: 3 added, 0 changed, 0 destroyed."), "\(apply.stdout)")
        #expect(apply.stderr.contains("apply did not finish in every registry"), "\(apply.stderr)")
        #expect(try Self.repositories(account: "111111111111", region: "us-east-1", endpoint: moto.endpoint)
                == ["user-service": "IMMUTABLE", "order-service": "IMMUTABLE"])
        #expect(try Self.repositories(account: "111111111111", region: "eu-west-1", endpoint: moto.endpoint).isEmpty, "refused before any change")
        #expect(try Self.repositories(account: "222222222222", region: "us-east-1", endpoint: moto.endpoint).isEmpty)
    }
}
