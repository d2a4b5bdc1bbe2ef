import Foundation
import Testing
import TestSupport

/// The rest of a registry (pull-through cache rules, creation templates, account settings,
/// managed signing, pull-time update exclusions) against `scripts/ecr-emulator`, read back
/// with boto3: apply, plan clean, drift per kind, export round trip.
@Suite struct RegistrySurfaceTests {
    static let spec = ["-f", ValidateCommandTests.packageRoot.appendingPathComponent("Tests/CLITests/Fixtures/Surface/registry.yaml").path]

    static func boto3(_ script: String, _ moto: MotoServer) throws -> Any { try Python.boto3(script, endpoint: moto.endpoint) }

    @Test func appliesEveryKindReadsBackAndPlansClean() throws {
        let moto = try MotoServer()
        defer { moto.stop() }
        let apply = try EndToEndTests.ecrApply(["apply", "--auto-approve"] + Self.spec, moto)
        #expect(apply.status == 0, "\(apply.stdout)\n\(apply.stderr)")
        for address in ["pull_through_cache_rule.ecr-public", "pull_through_cache_rule.ghcr", "repository_creation_template.ROOT",
                        "repository_creation_template.team-a", "account_setting.BLOB_MOUNTING", "registry.signing",
                        "registry.pull_time_update_exclusions"] {
            #expect(apply.stdout.contains("\(address): "), "\(address)\n\(apply.stdout)")
        }
        #expect(!apply.stdout.contains("account_setting.BASIC_SCAN_TYPE_VERSION:"), "already AWS_NATIVE: no call")
        #expect(!apply.stdout.contains("account_setting.REGISTRY_POLICY_SCOPE:"), "already V2: no call")

        let seen = try Self.boto3("""
            rules = {r['ecrRepositoryPrefix']: r for r in ecr.describe_pull_through_cache_rules()['pullThroughCacheRules']}
            templates = {t['prefix']: t for t in ecr.describe_repository_creation_templates()['repositoryCreationTemplates']}
            out({
              'rules': {p: [r['upstreamRegistryUrl'], r.get('upstreamRegistry'), r.get('credentialArn')] for p, r in rules.items()},
              'templates': {p: [sorted(t['appliedFor']), t.get('imageTagMutability'), json.loads(t['lifecyclePolicy'])['rules'][0]['selection']['countNumber'] if t.get('lifecyclePolicy') else None,
                                [s['Principal'] for s in json.loads(t['repositoryPolicy'])['Statement']] if t.get('repositoryPolicy') else None,
                                {x['Key']: x['Value'] for x in t.get('resourceTags', [])}] for p, t in templates.items()},
              'scope': ecr.get_account_setting(name='BLOB_MOUNTING')['value'],
              'signing': ecr.get_signing_configuration()['signingConfiguration']['rules'],
              'exclusions': ecr.list_pull_time_update_exclusions()['pullTimeUpdateExclusions'],
            })
            """, moto) as! [String: Any]
        let rules = seen["rules"] as! [String: [Any]]
        #expect(rules["ecr-public"]?[0] as? String == "public.ecr.aws")
        #expect(rules["ghcr"]?[2] as? String == "arn:aws:secretsmanager:us-east-1:123456789012:secret:ecr-pullthroughcache/ghcr-AbCdEf")
        let templates = seen["templates"] as! [String: [Any]]
        #expect(templates["ROOT"]?[0] as? [String] == ["PULL_THROUGH_CACHE"])
        #expect(templates["ROOT"]?[2] as? Int == 10, "the named lifecycle policy, sent")
        #expect(templates["ROOT"]?[4] as? [String: String] == ["managed-by": "ecr-apply"])
        #expect(templates["team-a"]?[1] as? String == "IMMUTABLE_WITH_EXCLUSION")
        #expect((templates["team-a"]?[3] as? [[String: Any]])?.first?["AWS"] as? [String] == ["arn:aws:iam::999888777666:root"], "pull_accounts")
        #expect(seen["scope"] as? String == "ENABLED")
        #expect(((seen["signing"] as? [[String: Any]])?.first?["repositoryFilters"] as? [[String: String]]) == [["filter": "app*", "filterType": "WILDCARD_MATCH"]])
        #expect(seen["exclusions"] as? [String] == ["arn:aws:iam::123456789012:role/image-scanner"])

        let plan = try EndToEndTests.ecrApply(["plan", "--detailed-exitcode"] + Self.spec, moto)
        #expect(plan.status == 0, "plans clean after apply:\n\(plan.stdout)\(plan.stderr)")
    }

    @Test func theJSONAndMarkdownPlansNameEveryKind() throws {
        let moto = try MotoServer()
        defer { moto.stop() }
        let json = try EndToEndTests.ecrApply(["plan", "--format", "json"] + Self.spec, moto)
        let document = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        let types = Set((document["resource_changes"] as! [[String: Any]]).map { "\($0["type"]!) \($0["name"] ?? "")" })
        for expected in ["pull_through_cache_rule ecr-public", "repository_creation_template ROOT", "account_setting BLOB_MOUNTING",
                         "registry_signing <null>", "pull_time_update_exclusions <null>"] {
            #expect(types.contains(expected), "\(expected): \(types.sorted())")
        }
        #expect((document["coverage"] as? [[String: Any]])?.contains { $0["by"] as? String == "pull_through_cache_rule.ghcr" } == true)
        let markdown = try EndToEndTests.ecrApply(["plan", "--format", "markdown"] + Self.spec, moto)
        for address in ["pull_through_cache_rule.ecr-public", "repository_creation_template.team-a", "account_setting.BLOB_MOUNTING", "registry.signing"] {
            #expect(markdown.stdout.contains("`\(address)`"), "\(address)\n\(markdown.stdout)")
        }
    }

    /// One boto3 change of each kind: drift exits 2 naming that object (and no other), and
    /// one apply repairs it.
    @Test(arguments: [
        ("ecr.update_pull_through_cache_rule(ecrRepositoryPrefix='ghcr', credentialArn='arn:aws:secretsmanager:us-east-1:123456789012:secret:ecr-pullthroughcache/other-1234')",
         "pull_through_cache_rule.ghcr"),
        ("ecr.delete_pull_through_cache_rule(ecrRepositoryPrefix='ecr-public')", "pull_through_cache_rule.ecr-public"),
        ("ecr.create_pull_through_cache_rule(ecrRepositoryPrefix='quay', upstreamRegistryUrl='quay.io', upstreamRegistry='quay')",
         "pull_through_cache_rule.quay"),
        ("ecr.update_repository_creation_template(prefix='ROOT', description='changed by hand', appliedFor=['PULL_THROUGH_CACHE'])",
         "repository_creation_template.ROOT"),
        ("ecr.put_account_setting(name='REGISTRY_POLICY_SCOPE', value='V1')", "account_setting.REGISTRY_POLICY_SCOPE"),
        ("ecr.put_signing_configuration(signingConfiguration={'rules': [{'signingProfileArn': 'arn:aws:signer:us-east-1:123456789012:/signing-profiles/other'}]})",
         "registry.signing"),
        ("ecr.register_pull_time_update_exclusion(principalArn='arn:aws:iam::123456789012:user/someone')", "registry.pull_time_update_exclusions"),
    ])
    func aChangeOfEachKindIsDriftNamingIt(_ script: String, _ address: String) throws {
        let moto = try MotoServer()
        defer { moto.stop() }
        #expect(try EndToEndTests.ecrApply(["apply", "--auto-approve"] + Self.spec, moto).status == 0)
        _ = try Self.boto3(script + "\nout(None)", moto)
        let drift = try EndToEndTests.ecrApply(["drift"] + Self.spec, moto)
        #expect(drift.status == 2, "\(drift.stdout)\(drift.stderr)")
        #expect(drift.stdout.contains(address), "\(drift.stdout)")
        let named = ["pull_through_cache_rule.", "repository_creation_template.", "account_setting.", "registry.signing", "registry.pull_time",
                     "repository."].filter { drift.stdout.contains($0) }
        #expect(named.count == 1, "only the changed object is named: \(drift.stdout)")
        #expect(try EndToEndTests.ecrApply(["apply", "--auto-approve"] + Self.spec, moto).status == 0)
        #expect(try EndToEndTests.ecrApply(["drift"] + Self.spec, moto).status == 0, "one apply repairs it")
    }

    @Test func exportWritesEveryKindBackToASpecThatPlansClean() throws {
        let moto = try MotoServer()
        defer { moto.stop() }
        #expect(try EndToEndTests.ecrApply(["apply", "--auto-approve"] + Self.spec, moto).status == 0)
        let exported = try EndToEndTests.specFile("")
        let export = try EndToEndTests.ecrApply(["export", "--region", "us-east-1", "-o", exported, "--force"], moto)
        #expect(export.status == 0, "\(export.stderr)")
        let text = try String(contentsOfFile: exported, encoding: .utf8)
        for key in ["pull_through_cache_rules:", "repository_creation_templates:", "account_settings:", "registry_signing:", "pull_time_update_exclusions:"] {
            #expect(text.contains(key), "\(key)\n\(text)")
        }
        let plan = try EndToEndTests.ecrApply(["plan", "--detailed-exitcode", "-f", exported], moto)
        #expect(plan.status == 0, "the export plans clean:\n\(plan.stdout)\(plan.stderr)\n\(text)")
    }

    @Test func aRegistrySeededWithBoto3ExportsAndRoundTrips() throws {
        let moto = try MotoServer()
        defer { moto.stop() }
        _ = try Self.boto3("""
            ecr.create_pull_through_cache_rule(ecrRepositoryPrefix='k8s', upstreamRegistryUrl='registry.k8s.io', upstreamRegistry='k8s')
            ecr.create_repository_creation_template(prefix='k8s', appliedFor=['PULL_THROUGH_CACHE'], imageTagMutability='IMMUTABLE',
                description='from the console', resourceTags=[{'Key': 'source', 'Value': 'k8s'}],
                repositoryPolicy=json.dumps({'Version': '2012-10-17', 'Statement': [{'Sid': 'pull', 'Effect': 'Allow', 'Principal': {'AWS': 'arn:aws:iam::111122223333:root'}, 'Action': ['ecr:BatchGetImage']}]}))
            ecr.put_account_setting(name='BLOB_MOUNTING', value='ENABLED')
            ecr.put_signing_configuration(signingConfiguration={'rules': [{'signingProfileArn': 'arn:aws:signer:us-east-1:123456789012:/signing-profiles/console'}]})
            ecr.register_pull_time_update_exclusion(principalArn='arn:aws:iam::123456789012:role/scanner')
            ecr.create_repository(repositoryName='k8s/pause')
            out(None)
            """, moto)
        let exported = try EndToEndTests.specFile("")
        let export = try EndToEndTests.ecrApply(["export", "--region", "us-east-1", "-o", exported, "--force"], moto)
        #expect(export.status == 0, "\(export.stderr)")
        let text = try String(contentsOfFile: exported, encoding: .utf8)
        let validate = try EndToEndTests.ecrApply(["validate", "-f", exported], moto)
        #expect(validate.status == 0, "\(validate.stderr)\n\(text)")
        let plan = try EndToEndTests.ecrApply(["plan", "--detailed-exitcode", "-f", exported], moto)
        #expect(plan.status == 0, "\(plan.stdout)\(plan.stderr)\n\(text)")
    }

    /// Credentials without the newer permissions (here: GetSigningConfiguration denied) still
    /// export: the kind is left out, said, and the export plans clean.
    @Test func exportLeavesOutAKindItMayNotReadAndSaysSo() throws {
        let moto = try MotoServer()
        defer { moto.stop() }
        #expect(try EndToEndTests.ecrApply(["apply", "--auto-approve"] + Self.spec, moto).status == 0)
        let proxy = try FaultProxy(upstreamPort: moto.port, rate: 0) { request in
            guard request.headers.contains(where: { $0.key.lowercased() == "x-amz-target" && $0.value.hasSuffix("GetSigningConfiguration") }) else { return nil }
            return .respond(status: 400, headers: ["Content-Type": "application/x-amz-json-1.1"],
                            body: #"{"__type":"AccessDeniedException","message":"not authorized to perform: ecr:GetSigningConfiguration"}"#)
        }
        defer { proxy.stop() }
        let environment = ["AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_ENDPOINT_URL": proxy.endpoint,
                           "AWS_EC2_METADATA_DISABLED": "true"]
        let exported = try EndToEndTests.specFile("")
        let export = try runECRApply(["export", "--region", "us-east-1", "-o", exported, "--force"], environment: environment)
        #expect(export.status == 0, "\(export.stderr)")
        #expect(export.stderr.contains("warning: registry_signing could not be read (AccessDeniedException"), "\(export.stderr)")
        let text = try String(contentsOfFile: exported, encoding: .utf8)
        #expect(!text.contains("registry_signing") && text.contains("pull_through_cache_rules:"), "\(text)")
        let plan = try runECRApply(["plan", "--detailed-exitcode", "-f", exported], environment: environment)
        #expect(plan.status == 0, "\(plan.stdout)\(plan.stderr)")
    }

    /// A repository ECR made through a declared cache rule is the rule's: prune leaves it,
    /// and the plan lists it under the rule.
    @Test func pruneLeavesWhatACacheRuleMadeAndThePlanShowsIt() throws {
        let moto = try MotoServer()
        defer { moto.stop() }
        #expect(try EndToEndTests.ecrApply(["apply", "--auto-approve"] + Self.spec, moto).status == 0)
        _ = try Self.boto3("""
            ecr.create_repository(repositoryName='ecr-public/docker/library/nginx', tags=[{'Key': 'managed-by', 'Value': 'ecr-apply'}])
            ecr.create_repository(repositoryName='old-service', tags=[{'Key': 'managed-by', 'Value': 'ecr-apply'}])
            out(None)
            """, moto)
        let plan = try EndToEndTests.ecrApply(["plan"] + Self.spec, moto)
        #expect(plan.stdout.contains("repository.old-service will be destroyed"), "\(plan.stdout)")
        #expect(!plan.stdout.contains("repository.ecr-public/docker/library/nginx"), "\(plan.stdout)")
        #expect(plan.stdout.contains("pull_through_cache_rule \"ecr-public\" (new repositories get: template ROOT, IMMUTABLE, AES256, lifecycle policy)"),
                "\(plan.stdout)")
        #expect(plan.stdout.contains("created by ECR (left alone, never pruned): ecr-public/docker/library/nginx"), "\(plan.stdout)")
        #expect(plan.stdout.contains("repository_creation_template \"ROOT\"\n    pull-through prefixes: ecr-public, ghcr"), "\(plan.stdout)")
        #expect(!plan.stdout.contains("repository_creation_template \"team-a\""), "covers nothing declared: not listed")
    }

    @Test func validateChecksWhatECRsModelChecksAtItsPlace() throws {
        let file = try EndToEndTests.specFile("""
            version: 1
            pull_through_cache_rules:
              d:
                upstream_registry_url: registry-1.docker.io
                upstream_registry: docker-hub
                credential_arn: "arn:aws:secretsmanager:us-east-1:123456789012:secret:dockerhub-credentials-AbCdEf"
            repository_creation_templates:
              ROOT:
                applied_for: [PULL_THROUGH_CACHE, ON_PULL]
                encryption: { type: KMS, kms_key: alias/ecr }
            registry_signing:
              rules: [{ signing_profile_arn: "arn:aws:signer:us-east-1:123456789012:signing-profiles/x" }]
            pull_time_update_exclusions: ["arn:aws:iam::123456789012:group/devs"]
            account_settings: { SOMETHING_NEW: "yes" }
            """)
        let moto = try MotoServer()
        defer { moto.stop() }
        let result = try EndToEndTests.ecrApply(["validate", "-f", file], moto)
        #expect(result.status == 1)
        for expected in [
            "registry.yaml:3:3: error: the prefix of pull-through cache rule 'd' must be 2 to 30 characters",
            "registry.yaml:6:21: error: 'credential_arn' 'arn:aws:secretsmanager:us-east-1:123456789012:secret:dockerhub-credentials-AbCdEf' does not match botocore's CredentialArn pattern",
            "registry.yaml:9:39: error: 'applied_for' must be one of",
            "registry.yaml:10:17: error: repository creation template 'ROOT': a template's kms_key must be a key ARN",
            "registry.yaml:12:34: error: 'signing_profile_arn'",
            "registry.yaml:13:31: error: a pull-time update exclusion 'arn:aws:iam::123456789012:group/devs' does not match botocore's PrincipalArn pattern",
            "registry.yaml:14:21: warning: account setting 'SOMETHING_NEW' is not one the API reference names",
        ] {
            #expect(result.stderr.contains(expected), "\(expected)\n\(result.stderr)")
        }
    }
}
