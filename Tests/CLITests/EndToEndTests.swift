import Foundation
import Testing
import TestSupport

/// The three jobs ecr-apply exists for, end to end: the built binary against moto, every
/// result read back with boto3 (never with our own client).
@Suite struct EndToEndTests {
    /// Runs ecr-apply against `moto` with test credentials.
    static func ecrApply(_ arguments: [String], _ moto: MotoServer, key: String = "testing", secret: String = "testing",
                         extra: [String: String] = [:]) throws -> CommandResult {
        try runECRApply(arguments, environment: [
            "AWS_ACCESS_KEY_ID": key, "AWS_SECRET_ACCESS_KEY": secret, "AWS_ENDPOINT_URL": moto.endpoint,
            "AWS_EC2_METADATA_DISABLED": "true",
        ].merging(extra) { _, new in new })
    }

    static let example = ["-f", "examples/registry.yaml"]

    /// A spec in a temporary directory.
    static func specFile(_ yaml: String) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ecr-apply-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("registry.yaml").path
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func applyingTheExampleCreatesEverythingAndThenPlansClean() throws {
        let moto = try MotoServer()
        let first = try Self.ecrApply(["plan", "--detailed-exitcode"] + Self.example, moto)
        #expect(first.status == 2, "\(first.stderr)")
        #expect(first.stdout.contains("Plan: 7 to add, 0 to change, 0 to destroy."))

        let apply = try Self.ecrApply(["apply", "--auto-approve"] + Self.example, moto)
        #expect(apply.status == 0, "\(apply.stderr)")
        #expect(apply.stdout.contains("repository.user-service: created ("))
        #expect(apply.stdout.hasSuffix("Apply complete! Resources: 7 added, 0 changed, 0 destroyed.\n"))

        let seen = try Python.boto3("""
            result = {}
            for r in ecr.describe_repositories()['repositories']:
                name = r['repositoryName']
                tags = {t['Key']: t['Value'] for t in ecr.list_tags_for_resource(resourceArn=r['repositoryArn'])['tags']}
                lifecycle = json.loads(ecr.get_lifecycle_policy(repositoryName=name)['lifecyclePolicyText'])
                try:
                    policy = json.loads(ecr.get_repository_policy(repositoryName=name)['policyText'])
                except ecr.exceptions.RepositoryPolicyNotFoundException:
                    policy = None
                result[name] = {'mutability': r['imageTagMutability'], 'scan': r['imageScanningConfiguration']['scanOnPush'],
                                'encryption': r['encryptionConfiguration']['encryptionType'], 'tags': tags,
                                'counts': sorted(rule['selection']['countNumber'] for rule in lifecycle['rules']),
                                'principals': None if policy is None else [s['Principal'] for s in policy['Statement']]}
            rules = ecr.describe_registry()['replicationConfiguration']['rules']
            out({'repositories': result, 'replication': [d['region'] for rule in rules for d in rule['destinations']]})
            """, endpoint: moto.endpoint) as! [String: Any]
        let repositories = seen["repositories"] as! [String: [String: Any]]
        #expect(repositories.keys.sorted() == ["api-gateway", "order-service", "payment-service", "user-service"])
        for (name, repository) in repositories {
            #expect(repository["mutability"] as? String == "IMMUTABLE", "\(name)")
            #expect(repository["scan"] as? Bool == true, "\(name)")
            #expect(repository["encryption"] as? String == "AES256", "\(name)")
            #expect(repository["counts"] as? [Int] == [1, 10], "\(name)")
        }
        #expect(repositories["payment-service"]?["tags"] as? [String: String] == ["managed-by": "ecr-apply", "team": "platform", "data-class": "pci"])
        for name in ["payment-service", "api-gateway"] {
            let principals = String(describing: repositories[name]?["principals"] ?? "none")
            #expect(principals.contains("arn:aws:iam::999888777666:root"), "\(name): \(principals)")
        }
        #expect(repositories["user-service"]?["principals"] is NSNull)
        #expect(seen["replication"] as? [String] == ["eu-west-1"])
        let surface = try Python.boto3("""
            rule = ecr.describe_pull_through_cache_rules()['pullThroughCacheRules'][0]
            template = ecr.describe_repository_creation_templates()['repositoryCreationTemplates'][0]
            out([rule['ecrRepositoryPrefix'], rule['upstreamRegistryUrl'], template['prefix'], template['appliedFor'], template['imageTagMutability']])
            """, endpoint: moto.endpoint) as! [Any]
        #expect(surface[0] as? String == "ecr-public" && surface[1] as? String == "public.ecr.aws")
        #expect(surface[2] as? String == "ecr-public" && surface[3] as? [String] == ["PULL_THROUGH_CACHE"] && surface[4] as? String == "IMMUTABLE")

        let again = try Self.ecrApply(["plan", "--detailed-exitcode"] + Self.example, moto)
        #expect(again.status == 0, "\(again.stdout)\(again.stderr)")
        #expect(again.stdout == "No changes. The registry 123456789012 in us-east-1 matches the spec.\n")
    }

    @Test func planMakesTheFewestCallsAndDebugNeverShowsASecret() throws {
        let moto = try MotoServer()
        #expect(try Self.ecrApply(["apply", "--auto-approve"] + Self.example, moto).status == 0)
        let secret = "wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY", token = "FwoGZXIvYXdzEXAMPLESESSIONTOKEN"
        let plan = try Self.ecrApply(["plan", "--debug"] + Self.example, moto, key: "AKIAIOSFODNN7EXAMPLE", secret: secret,
                                     extra: ["AWS_SESSION_TOKEN": token])
        #expect(plan.status == 0, "\(plan.stderr)")
        // One list of every repository, then per repository only what the spec manages:
        // tags (4), lifecycle policies (4), repository policies (the 2 that have one declared); the
        // registry-wide objects it declares, one call each.
        #expect(plan.stderr.contains("debug: 15 API calls: DescribePullThroughCacheRules 1, DescribeRegistry 1, DescribeRepositories 1, "
                                     + "DescribeRepositoryCreationTemplates 1, GetCallerIdentity 1, "
                                     + "GetLifecyclePolicy 4, GetRepositoryPolicy 2, ListTagsForResource 4\n"), "\(plan.stderr)")
        #expect(plan.stderr.contains("debug: ecr GetRepositoryPolicy (api-gateway): HTTP 200"))
        let targeted = try Self.ecrApply(["plan", "--stats", "--target", "repository.user-service"] + Self.example, moto)
        #expect(targeted.stderr == "stats: 4 API calls: DescribeRepositories 1, GetCallerIdentity 1, GetLifecyclePolicy 1, ListTagsForResource 1\n",
                "with --target, reads for the target only: \(targeted.stderr)")
        for leak in [secret, token, "Signature=", "Credential=", "AKIAIOSFODNN7EXAMPLE"] {
            #expect(!plan.stderr.contains(leak) && !plan.stdout.contains(leak), "\(leak)")
        }
    }

    @Test func driftMadeWithBoto3IsReportedAndOneApplyRepairsIt() throws {
        let moto = try MotoServer()
        #expect(try Self.ecrApply(["apply", "--auto-approve"] + Self.example, moto).status == 0)
        _ = try Python.boto3("""
            ecr.put_image_scanning_configuration(repositoryName='user-service', imageScanningConfiguration={'scanOnPush': False})
            ecr.put_image_tag_mutability(repositoryName='user-service', imageTagMutability='MUTABLE')
            arn = ecr.describe_repositories(repositoryNames=['order-service'])['repositories'][0]['repositoryArn']
            ecr.tag_resource(resourceArn=arn, tags=[{'Key': 'team', 'Value': 'someone-else'}])
            ecr.delete_lifecycle_policy(repositoryName='payment-service')
            policy = json.loads(ecr.get_repository_policy(repositoryName='api-gateway')['policyText'])
            policy['Statement'][0]['Action'] = ['ecr:BatchGetImage']
            ecr.set_repository_policy(repositoryName='api-gateway', policyText=json.dumps(policy))
            ecr.put_replication_configuration(replicationConfiguration={'rules': []})
            out(None)
            """, endpoint: moto.endpoint)

        let drift = try Self.ecrApply(["drift"] + Self.example, moto)
        #expect(drift.status == 2, "\(drift.stderr)")
        for expected in [
            "repository.user-service: differs", "scan_on_push:", "image_tag_mutability:", "tags.team:",
            "repository.payment-service: differs", "lifecycle_policy:", "repository_policy.Statement[0].Action:",
            "registry.replication: in the spec, missing in AWS",
        ] {
            #expect(drift.stdout.contains(expected), "\(expected)\n\(drift.stdout)")
        }
        #expect(try Self.ecrApply(["plan", "--detailed-exitcode"] + Self.example, moto).status == 2)

        let repair = try Self.ecrApply(["apply", "--auto-approve"] + Self.example, moto)
        #expect(repair.status == 0, "\(repair.stderr)")
        #expect(repair.stdout.contains("Resources: 1 added, 4 changed, 0 destroyed."), "\(repair.stdout)")
        #expect(try Self.ecrApply(["drift"] + Self.example, moto).status == 0)
        let repaired = try Python.boto3("""
            r = ecr.describe_repositories(repositoryNames=['user-service'])['repositories'][0]
            out([r['imageScanningConfiguration']['scanOnPush'], r['imageTagMutability'],
                 len(ecr.describe_registry()['replicationConfiguration']['rules'])])
            """, endpoint: moto.endpoint) as! [Any]
        #expect(repaired[0] as? Bool == true)
        #expect(repaired[1] as? String == "IMMUTABLE")
        #expect(repaired[2] as? Int == 1)
    }

    @Test func policiesRewrittenInAnotherLayoutProduceNoDiff() throws {
        let moto = try MotoServer()
        #expect(try Self.ecrApply(["apply", "--auto-approve"] + Self.example, moto).status == 0)
        _ = try Python.boto3("""
            policy = {'Statement': {'Action': ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
                                    'Principal': {'AWS': ['999888777666']}, 'Effect': 'Allow', 'Sid': 'AllowCrossAccountPull'},
                      'Version': '2012-10-17'}
            ecr.set_repository_policy(repositoryName='api-gateway', policyText=json.dumps(policy, indent=4, sort_keys=True))
            lifecycle = json.loads(ecr.get_lifecycle_policy(repositoryName='user-service')['lifecyclePolicyText'])
            lifecycle['rules'].reverse()
            ecr.put_lifecycle_policy(repositoryName='user-service', lifecyclePolicyText=json.dumps(lifecycle, indent=2))
            out(None)
            """, endpoint: moto.endpoint)
        let plan = try Self.ecrApply(["plan", "--detailed-exitcode"] + Self.example, moto)
        #expect(plan.status == 0, "\(plan.stdout)\(plan.stderr)")
    }

    @Test func anEncryptionChangeReplacesOnlyWithPermission() throws {
        let moto = try MotoServer()
        let aes = try Self.specFile("version: 1\nregistry: { region: us-east-1 }\nrepositories:\n  vault: { encryption: { type: AES256 } }\n")
        #expect(try Self.ecrApply(["apply", "--auto-approve", "-f", aes], moto).status == 0)
        _ = try Python.boto3("""
            manifest = {'schemaVersion': 2, 'mediaType': 'application/vnd.docker.distribution.manifest.v2+json',
                        'config': {'mediaType': 'application/vnd.docker.container.image.v1+json', 'size': 7023,
                                   'digest': 'sha256:' + 'a' * 64}, 'layers': []}
            ecr.put_image(repositoryName='vault', imageManifest=json.dumps(manifest), imageTag='v1')
            out(None)
            """, endpoint: moto.endpoint)
        let kms = try Self.specFile("""
            version: 1
            registry: { region: us-east-1 }
            repositories:
              vault: { encryption: { type: KMS, kms_key: "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab" } }
            """)
        let plan = try Self.ecrApply(["plan", "-f", kms], moto)
        #expect(plan.status == 1)
        #expect(plan.stdout.contains("# repository.vault must be replaced"))
        #expect(plan.stdout.contains("# forces replacement"))
        #expect(plan.stdout.contains("repository.vault: replace would destroy 1 image"), "\(plan.stdout)")
        #expect(plan.stdout.contains("--allow-delete-images"))

        let refused = try Self.ecrApply(["apply", "--auto-approve", "-f", kms], moto)
        #expect(refused.status == 1)
        let untouched = try Python.boto3("""
            r = ecr.describe_repositories(repositoryNames=['vault'])['repositories'][0]
            out([r['encryptionConfiguration']['encryptionType'], len(ecr.list_images(repositoryName='vault')['imageIds'])])
            """, endpoint: moto.endpoint) as! [Any]
        #expect(untouched[0] as? String == "AES256")
        #expect(untouched[1] as? Int == 1)

        let allowed = try Self.ecrApply(["apply", "--auto-approve", "--allow-delete-images", "-f", kms], moto)
        #expect(allowed.status == 0, "\(allowed.stderr)")
        #expect(allowed.stdout.contains("repository.vault: replaced ("))
        let replaced = try Python.boto3("""
            r = ecr.describe_repositories(repositoryNames=['vault'])['repositories'][0]
            out([r['encryptionConfiguration']['encryptionType'], len(ecr.list_images(repositoryName='vault')['imageIds'])])
            """, endpoint: moto.endpoint) as! [Any]
        #expect(replaced[0] as? String == "KMS")
        #expect(replaced[1] as? Int == 0)
    }

    @Test func pruneDeletesOnlyWhatItOwns() throws {
        let moto = try MotoServer()
        _ = try Python.boto3("""
            ecr.create_repository(repositoryName='old-service', tags=[{'Key': 'managed-by', 'Value': 'ecr-apply'}])
            ecr.create_repository(repositoryName='theirs', tags=[{'Key': 'managed-by', 'Value': 'terraform'}])
            ecr.create_repository(repositoryName='untagged')
            out(None)
            """, endpoint: moto.endpoint)
        let plan = try Self.ecrApply(["plan", "--show-unmanaged"] + Self.example, moto)
        #expect(plan.stdout.contains("# repository.old-service will be destroyed"))
        #expect(plan.stdout.contains("Unmanaged repositories (in ECR, not in the spec, left alone):\n  theirs\n  untagged\n"))
        #expect(try Self.ecrApply(["apply", "--auto-approve"] + Self.example, moto).status == 0)
        let names = try Python.boto3("out(sorted(r['repositoryName'] for r in ecr.describe_repositories()['repositories']))",
                                     endpoint: moto.endpoint) as! [String]
        #expect(names == ["api-gateway", "order-service", "payment-service", "theirs", "untagged", "user-service"])
    }

    @Test func aStaleSavedPlanIsRefusedAndAFreshOneApplied() throws {
        let moto = try MotoServer()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ecr-apply-plan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let saved = directory.appendingPathComponent("plan.json").path
        #expect(try Self.ecrApply(["plan", "--out", saved] + Self.example, moto).status == 0)
        _ = try Python.boto3("ecr.create_repository(repositoryName='user-service'); out(None)", endpoint: moto.endpoint)

        let stale = try Self.ecrApply(["apply", saved], moto)
        #expect(stale.status == 1)
        #expect(stale.stderr.contains("plan is stale"), "\(stale.stderr)")
        #expect(stale.stderr.contains("repository.user-service: created by someone else since the plan was made"))
        let names = try Python.boto3("out([r['repositoryName'] for r in ecr.describe_repositories()['repositories']])", endpoint: moto.endpoint)
        #expect(names as? [String] == ["user-service"], "nothing else was created")

        _ = try Python.boto3("ecr.delete_repository(repositoryName='user-service'); out(None)", endpoint: moto.endpoint)
        let applied = try Self.ecrApply(["apply", saved], moto)
        #expect(applied.status == 0, "\(applied.stderr)")
        #expect(applied.stdout.contains("Apply complete! Resources: 7 added"))
    }

    @Test func theAccountGuardStopsARunAgainstTheWrongAccount() throws {
        let moto = try MotoServer()
        let spec = try Self.specFile("version: 1\nregistry: { region: us-east-1, account_id: \"999999999999\" }\nrepositories:\n  api: {}\n")
        let result = try Self.ecrApply(["apply", "--auto-approve", "-f", spec], moto)
        #expect(result.status == 1)
        #expect(result.stderr.contains("registry.account_id says account 999999999999, but the credentials are for account 123456789012"), "\(result.stderr)")
        let names = try Python.boto3("out(len(ecr.describe_repositories()['repositories']))", endpoint: moto.endpoint)
        #expect(names as? Int == 0)
    }

    @Test func aPartialFailureReportsEachStepAndTheNextApplyConverges() throws {
        // Authentication on after six set-up calls: one user may not set repository policies, one may do everything.
        let moto = try MotoServer(extraEnvironment: ["INITIAL_NO_AUTH_ACTION_COUNT": "6"])
        let keys = try Python.boto3("""
            def user(name, statements):
                iam.create_user(UserName=name)
                k = iam.create_access_key(UserName=name)['AccessKey']
                iam.put_user_policy(UserName=name, PolicyName='p', PolicyDocument=json.dumps({'Version': '2012-10-17', 'Statement': statements}))
                return [k['AccessKeyId'], k['SecretAccessKey']]
            allow = {'Effect': 'Allow', 'Action': ['ecr:*', 'sts:GetCallerIdentity'], 'Resource': '*'}
            out({'limited': user('limited', [allow, {'Effect': 'Deny', 'Action': 'ecr:SetRepositoryPolicy', 'Resource': '*'}]),
                 'admin': user('admin', [allow])})
            """, endpoint: moto.endpoint) as! [String: [String]]
        let limited = keys["limited"]!, admin = keys["admin"]!
        let partial = try Self.ecrApply(["apply", "--auto-approve"] + Self.example, moto, key: limited[0], secret: limited[1])
        #expect(partial.status == 1)
        #expect(partial.stdout.contains("repository.user-service: created ("))
        #expect(partial.stdout.contains("repository.api-gateway: creating failed"))
        #expect(partial.stderr.contains("Error: repository.api-gateway: SetRepositoryPolicy (api-gateway): AccessDenied"), "\(partial.stderr)")
        #expect(partial.stderr.contains("apply did not finish: 5 added, 0 changed, 0 destroyed; 2 resources failed"), "\(partial.stderr)")

        let converged = try Self.ecrApply(["apply", "--auto-approve"] + Self.example, moto, key: admin[0], secret: admin[1])
        #expect(converged.status == 0, "\(converged.stderr)")
        #expect(converged.stdout.contains("Apply complete! Resources: 0 added, 2 changed, 0 destroyed."), "\(converged.stdout)")
        let clean = try Self.ecrApply(["plan", "--detailed-exitcode"] + Self.example, moto, key: admin[0], secret: admin[1])
        #expect(clean.status == 0, "\(clean.stdout)")

        let wrong = try Self.ecrApply(["plan"] + Self.example, moto, key: admin[0], secret: "not-the-secret")
        #expect(wrong.status == 1)
        #expect(wrong.stderr.contains("SignatureDoesNotMatch") || wrong.stderr.contains("InvalidSignature"), "\(wrong.stderr)")
        #expect(!wrong.stderr.contains(admin[1]) && !wrong.stderr.contains("not-the-secret"), "never print a secret")
    }

    @Test func markdownAndJSONRenderTheSamePlan() throws {
        let moto = try MotoServer()
        let json = try Self.ecrApply(["plan", "--format", "json"] + Self.example, moto)
        #expect(json.status == 0)
        let document = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        #expect(document["format_version"] as? String == "1.2")
        #expect(document["registry"] as? [String: String] == ["region": "us-east-1", "account_id": "123456789012"])
        let changes = document["resource_changes"] as! [[String: Any]]
        #expect(changes.map { $0["address"] as! String } == [
            "pull_through_cache_rule.ecr-public", "registry.replication", "repository.api-gateway", "repository.order-service",
            "repository.payment-service", "repository.user-service", "repository_creation_template.ecr-public",
        ])
        #expect(changes.allSatisfy { ($0["actions"] as? [String]) == ["create"] })
        let markdown = try Self.ecrApply(["plan", "--format", "markdown"] + Self.example, moto)
        #expect(markdown.stdout.hasPrefix("### ecr-apply plan: registry `123456789012` in `us-east-1`\n\n**Plan: 7 to add, 0 to change, 0 to destroy.**"))
    }
}
