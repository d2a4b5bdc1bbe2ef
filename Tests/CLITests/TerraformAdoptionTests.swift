import Foundation
import Testing
import TestSupport

/// A team moving from Terraform: public Terraform configurations translated into specs
/// (Fixtures/Terraform, sources in their headers), and each thing such a team meets on the way.
@Suite struct TerraformAdoptionTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/Terraform")

    static func specs() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: fixtures.path).filter { $0.hasSuffix(".yaml") }.sorted()
    }

    /// Lines a person reads: not blank, not a comment.
    static func meaningfulLines(_ text: String) -> Int {
        text.split(separator: "\n").filter { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            return !trimmed.isEmpty && !trimmed.hasPrefix("#")
        }.count
    }

    @Test(arguments: try specs())
    func aTranslatedConfigurationAppliesReadsBackAsWrittenPlansCleanAndExportsCompactly(_ name: String) throws {
        let spec = Self.fixtures.appendingPathComponent(name).path
        let region = try #require(try String(contentsOfFile: spec, encoding: .utf8).firstMatch(of: /region: ([a-z0-9-]+)/)).1
        let moto = try MotoServer()
        let validate = try runECRApply(["validate", "-f", spec])
        #expect(validate.status == 0 && !validate.stderr.contains("error:"), "\(validate.stderr)")
        let apply = try EndToEndTests.ecrApply(["apply", "--auto-approve", "-f", spec], moto)
        #expect(apply.status == 0, "\(apply.stdout)\(apply.stderr)")

        // Every document reads back as the spec holds it: same keys in the same order, same
        // lists in the same order, only whitespace differs.
        let differences = try Python.boto3("""
            import yaml
            def canonical(value):
                if isinstance(value, str): value = json.loads(value)
                return json.dumps(value, separators=(',', ':'))
            spec = yaml.safe_load(open('\(spec)'))
            problems = []
            for name, repository in (spec.get('repositories') or {}).items():
                for key, read in [('lifecycle_policy', lambda: ecr.get_lifecycle_policy(repositoryName=name)['lifecyclePolicyText']),
                                  ('repository_policy', lambda: ecr.get_repository_policy(repositoryName=name)['policyText'])]:
                    wanted = repository.get(key, (spec.get('defaults') or {}).get(key))
                    if wanted in (None, 'unmanaged'): continue
                    if canonical(read()) != canonical(wanted): problems.append(name + ' ' + key + ': ' + read())
            templates = {t['prefix']: t for t in ecr.describe_repository_creation_templates()['repositoryCreationTemplates']}
            for prefix, template in (spec.get('repository_creation_templates') or {}).items():
                for key, field in [('lifecycle_policy', 'lifecyclePolicy'), ('repository_policy', 'repositoryPolicy')]:
                    if key in template and canonical(templates[prefix][field]) != canonical(template[key]):
                        problems.append(prefix + ' ' + key + ': ' + templates[prefix][field])
            out(problems)
            """, endpoint: moto.endpoint, region: String(region)) as! [String]
        #expect(differences.isEmpty, "\(differences)")

        let plan = try EndToEndTests.ecrApply(["plan", "--detailed-exitcode", "-f", spec], moto)
        #expect(plan.status == 0, "\(plan.stdout)\(plan.stderr)")

        let exported = (try EndToEndTests.specFile("") as NSString).deletingLastPathComponent + "/exported.yaml"
        let export = try EndToEndTests.ecrApply(["export", "-o", exported], moto, extra: ["AWS_REGION": String(region)])
        #expect(export.status == 0, "\(export.stderr)")
        let replan = try EndToEndTests.ecrApply(["plan", "--detailed-exitcode", "-f", exported], moto)
        #expect(replan.status == 0, "\(replan.stdout)\(replan.stderr)")
        let written = try String(contentsOfFile: spec, encoding: .utf8), export_ = try String(contentsOfFile: exported, encoding: .utf8)
        #expect(Double(Self.meaningfulLines(export_)) <= 1.5 * Double(Self.meaningfulLines(written)),
                "export \(Self.meaningfulLines(export_)) lines vs \(Self.meaningfulLines(written)) written:\n\(export_)")
    }

    @Test func anUnmanagedLifecyclePolicyIsLeftAloneWhereNullWouldDeleteIt() throws {
        let moto = try MotoServer()
        _ = try Python.boto3("""
            ecr.create_repository(repositoryName='legacy')
            ecr.put_lifecycle_policy(repositoryName='legacy', lifecyclePolicyText=json.dumps({'rules': [{'rulePriority': 1,
                'selection': {'tagStatus': 'any', 'countType': 'imageCountMoreThan', 'countNumber': 99}, 'action': {'type': 'expire'}}]}))
            out(None)
            """, endpoint: moto.endpoint)
        let head = """
            version: 1
            registry: { region: us-east-1 }
            defaults:
              lifecycle_policy: { rules: [{ rulePriority: 1, selection: { tagStatus: any, countType: imageCountMoreThan, countNumber: 5 }, action: { type: expire } }] }
            repositories:

            """
        let unmanaged = try EndToEndTests.specFile(head + "  legacy: { lifecycle_policy: unmanaged }\n")
        let plan = try EndToEndTests.ecrApply(["plan", "--detailed-exitcode", "-f", unmanaged], moto)
        #expect(plan.status == 0, "the repository's own policy is not the spec's business: \(plan.stdout)")
        let null = try EndToEndTests.specFile(head + "  legacy: { lifecycle_policy: null }\n")
        let deleting = try EndToEndTests.ecrApply(["plan", "-f", null], moto)
        #expect(deleting.stdout.contains("- lifecycle_policy"), "null means absent: \(deleting.stdout)")
        let count = try Python.boto3("""
            out(json.loads(ecr.get_lifecycle_policy(repositoryName='legacy')['lifecyclePolicyText'])['rules'][0]['selection']['countNumber'])
            """, endpoint: moto.endpoint)
        #expect(count as? Int == 99)
    }

    @Test func planShowsReplicationInTheSpecsWords() throws {
        let moto = try MotoServer()
        let spec = try EndToEndTests.specFile("""
            version: 1
            registry: { region: us-east-1 }
            replication:
              rules:
                - destinations: [{ region: eu-west-1 }]
                  repository_filters: [team-a/]
            """)
        #expect(try EndToEndTests.ecrApply(["apply", "--auto-approve", "-f", spec], moto).status == 0)
        try "version: 1\nregistry: { region: us-east-1 }\nreplication:\n  rules:\n    - destinations: [{ region: eu-west-2 }]\n      repository_filters: [team-a/]\n"
            .write(toFile: spec, atomically: true, encoding: .utf8)
        let plan = try EndToEndTests.ecrApply(["plan", "-f", spec], moto)
        #expect(plan.stdout.contains("  ~ replication {"), "\(plan.stdout)")
        #expect(plan.stdout.contains("~ rule 1 {"), "\(plan.stdout)")
        #expect(plan.stdout.contains("~ destinations = [{\"region\":\"eu-west-1\""), "\(plan.stdout)")
        #expect(!plan.stdout.contains("repository_prefixes") && !plan.stdout.contains("registry_replication"), "\(plan.stdout)")
        let json = try EndToEndTests.ecrApply(["plan", "--format", "json", "-f", spec], moto)
        #expect(json.stdout.contains("\"repository_filters\"") && !json.stdout.contains("repository_prefixes"))
    }

    @Test func aReplicationToItselfIsRefusedAtPlanFromTheLiveIdentity() throws {
        let moto = try MotoServer()
        // No region in the spec: only the live identity shows the destination is the source.
        let spec = try EndToEndTests.specFile("version: 1\nreplication:\n  rules:\n    - destinations: [{ region: eu-west-1 }]\n")
        #expect(try runECRApply(["validate", "-f", spec]).status == 0)
        let plan = try EndToEndTests.ecrApply(["plan", "-f", spec], moto, extra: ["AWS_REGION": "eu-west-1"])
        #expect(plan.status == 1)
        #expect(plan.stdout.contains("registry.replication: rule 1 replicates to this registry itself (eu-west-1, account 123456789012)"),
                "\(plan.stdout)")
        #expect(plan.stdout.contains("Replication destination cannot be the same as the source registry"))
        let apply = try EndToEndTests.ecrApply(["apply", "--auto-approve", "-f", spec], moto, extra: ["AWS_REGION": "eu-west-1"])
        #expect(apply.status == 1)
        let rules = try Python.boto3("out(ecr.describe_registry()['replicationConfiguration']['rules'])", endpoint: moto.endpoint, region: "eu-west-1")
        #expect((rules as? [Any])?.isEmpty == true, "nothing was applied")
    }

    @Test func aRegistryPolicyECRRefusesFailsAtOnceSayingWhatIsAllowed() throws {
        let moto = try MotoServer()
        let spec = try EndToEndTests.specFile("""
            version: 1
            registry: { region: us-east-1 }
            registry_policy:
              Version: "2012-10-17"
              Statement:
                - { Sid: Pull, Effect: Allow, Principal: { AWS: "arn:aws:iam::444455556666:root" }, Action: [ecr:DescribeImages], Resource: "*" }
            """)
        // Under the V1 scope a registry policy grants only the three V1 actions.
        _ = try Python.boto3("ecr.put_account_setting(name='REGISTRY_POLICY_SCOPE', value='V1'); out(None)", endpoint: moto.endpoint)
        let started = Date()
        let apply = try EndToEndTests.ecrApply(["apply", "--auto-approve", "--stats", "-f", spec], moto)
        #expect(apply.status == 1)
        #expect(Date().timeIntervalSince(started) < 20, "an account root never propagates: no 60 s of retries")
        #expect(apply.stderr.contains("Invalid registry policy provided"), "\(apply.stderr)")
        #expect(apply.stderr.contains("ecr:ReplicateImage, ecr:CreateRepository and ecr:BatchImportUpstreamImage"), "\(apply.stderr)")
        #expect(apply.stderr.contains("PutRegistryPolicy 1\n"), "one call, no retries: \(apply.stderr)")
        #expect(!apply.stderr.contains("may not exist"))

        // Under V2 (a new registry's scope) the same policy is accepted, as ECR accepts it.
        _ = try Python.boto3("ecr.put_account_setting(name='REGISTRY_POLICY_SCOPE', value='V2'); out(None)", endpoint: moto.endpoint)
        let v2 = try EndToEndTests.ecrApply(["apply", "--auto-approve", "-f", spec], moto)
        #expect(v2.status == 0, "\(v2.stderr)")
        let text = try Python.boto3("out(ecr.get_registry_policy()['policyText'])", endpoint: moto.endpoint) as? String
        #expect(text?.contains("ecr:DescribeImages") == true)
    }
}
