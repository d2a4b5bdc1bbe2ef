import Foundation
import Testing
import TestSupport

/// `export` against a registry made by hand with boto3: the spec it writes validates, plans
/// to "No changes", and a one-value edit plans to exactly one change.
@Suite struct ExportEndToEndTests {
    @Test func aVariedRegistryExportsAndRoundTrips() throws {
        let moto = try MotoServer()
        _ = try Python.boto3("""
            import itertools
            pull = {'Version': '2012-10-17', 'Statement': [{'Sid': 'AllowCrossAccountPull', 'Effect': 'Allow',
                     'Principal': {'AWS': 'arn:aws:iam::999888777666:root'},
                     'Action': ['ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage', 'ecr:BatchCheckLayerAvailability']}]}
            conditional = {'Statement': [{'Action': 'ecr:BatchGetImage', 'Effect': 'Allow', 'Principal': '*', 'Sid': 'OrgPull',
                            'Condition': {'StringEquals': {'aws:PrincipalOrgID': 'o-abc123'}}}], 'Version': '2012-10-17'}
            keep = {'rules': [{'rulePriority': 1, 'description': 'Keep 20 releases', 'selection': {'tagStatus': 'tagged',
                     'tagPatternList': ['release-*'], 'countType': 'imageCountMoreThan', 'countNumber': 20}, 'action': {'type': 'expire'}}]}
            untagged = {'rules': [{'action': {'type': 'expire'}, 'selection': {'countNumber': 7, 'countUnit': 'days',
                         'countType': 'sinceImagePushed', 'tagStatus': 'untagged'}, 'rulePriority': 5}]}
            names = ['svc-%02d' % i for i in range(40)] + ['team-a/api', 'team-a/web_v2', 'team-b/jobs_nightly', 'tools.build', 'x-y-z',
                     'deep/a/b/c', 'ml/model.v1', 'edge_case', 'zz', 'aa-first']
            for i, name in enumerate(names):
                args = {'repositoryName': name, 'imageTagMutability': 'IMMUTABLE' if i % 3 else 'MUTABLE',
                        'imageScanningConfiguration': {'scanOnPush': i % 4 != 0},
                        'tags': [{'Key': 'team', 'Value': 'platform'}, {'Key': 'owner', 'Value': 'team-%d' % i}]}
                if i % 7 == 0:
                    args['tags'].append({'Key': 'note', 'Value': 'ünïcödé and spaces: a+b=c @x'})
                if i % 11 == 0:
                    args['encryptionConfiguration'] = {'encryptionType': 'KMS', 'kmsKey': 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab'}
                ecr.create_repository(**args)
                if i % 5 != 0:
                    policy = keep if i % 2 else untagged
                    ecr.put_lifecycle_policy(repositoryName=name, lifecyclePolicyText=json.dumps(policy, indent=i % 3))
                if i % 3 == 1:
                    ecr.set_repository_policy(repositoryName=name, policyText=json.dumps(pull, indent=2))
                elif i % 9 == 2:
                    ecr.set_repository_policy(repositoryName=name, policyText=json.dumps(conditional))
            ecr.put_replication_configuration(replicationConfiguration={'rules': [{'destinations': [{'region': 'eu-west-1', 'registryId': '123456789012'}],
                                              'repositoryFilters': [{'filter': 'team-a/', 'filterType': 'PREFIX_MATCH'}]}]})
            out(len(names))
            """, endpoint: moto.endpoint)

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ecr-apply-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent("registry.yaml").path
        let export = try EndToEndTests.ecrApply(["export", "--region", "us-east-1", "-o", file], moto)
        #expect(export.status == 0, "\(export.stderr)")
        #expect(export.stderr == "Wrote \(file): 50 repositories.\n")
        let yaml = try String(contentsOfFile: file, encoding: .utf8)
        #expect(yaml.contains("pull_accounts: [\"999888777666\"]"))
        #expect(yaml.contains("lifecycle_policies:\n  keep-20-releases:\n"))
        #expect(!yaml.contains("testing"), "no credential in the file")

        #expect(try runECRApply(["validate", "-f", file]).status == 0)
        let clean = try EndToEndTests.ecrApply(["plan", "--detailed-exitcode", "-f", file], moto)
        #expect(clean.status == 0, "\(clean.stdout)\(clean.stderr)")
        #expect(clean.stdout == "No changes. The registry 123456789012 in us-east-1 matches the spec.\n")

        try yaml.replacingOccurrences(of: "owner: team-17\n", with: "owner: team-seventeen\n").write(toFile: file, atomically: true, encoding: .utf8)
        let one = try EndToEndTests.ecrApply(["plan", "--detailed-exitcode", "-f", file], moto)
        #expect(one.status == 2)
        #expect(one.stdout.contains("# repository.svc-17 will be updated in place"))
        #expect(one.stdout.contains("~ \"owner\" = \"team-17\" -> \"team-seventeen\""))
        #expect(one.stdout.contains("Plan: 0 to add, 1 to change, 0 to destroy."))

        let again = try EndToEndTests.ecrApply(["export", "--region", "us-east-1", "-o", file], moto)
        #expect(again.status == 1)
        #expect(again.stderr.contains("exists; pass --force to overwrite it"))
        #expect(try String(contentsOfFile: file, encoding: .utf8).contains("team-seventeen"), "not overwritten")

        let subset = try EndToEndTests.ecrApply(["export", "--region", "us-east-1", "--prefix", "team-a/"], moto)
        #expect(subset.status == 0)
        #expect(subset.stdout.contains("  team-a/api:") && !subset.stdout.contains("svc-01") && !subset.stdout.contains("replication:"))
    }
}
