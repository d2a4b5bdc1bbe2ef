import Spec
import Testing

/// Names, identifiers and limits: each finding at its value.
@Suite struct ValueDiagnosticsTests {
    @Test func repositoryNamesFollowECRsPattern() {
        expectFindings(
            """
            version: 1
            defaults: { lifecycle_policy: null }
            repositories:
              ⟪a⟫User-Service: {}
              ⟪b⟫team//svc: {}
              ⟪c⟫-svc: {}
              ⟪d⟫a: {}
              ⟪e⟫svc._x: {}
              team-a/user_service.v2_x-y: {}
            """,
            [
                ("a", .error, "must be lowercase"),
                ("b", .error, "empty path component"),
                ("c", .error, "must start and end with a letter or digit"),
                ("d", .error, "must be 2 to 256 characters long"),
                ("e", .error, "separator '._' is not allowed"),
            ])
    }

    @Test func accountIDsRegionsAndKMSKeys() {
        expectFindings(
            """
            version: 1
            registry:
              region: ⟪a⟫useast1
              account_id: ⟪b⟫12345678901
            defaults: { lifecycle_policy: null }
            repositories:
              one-repo:
                encryption: { type: KMS, kms_key: ⟪c⟫"arn:aws:kms:us-east-1:123456789012:secret/x" }
              two-repo:
                encryption: { type: KMS_DSSE, kms_key: ⟪d⟫not-a-key }
              three-repo:
                encryption: { type: AES256, kms_key: ⟪e⟫alias/ecr }
              four-repo:
                encryption: { type: KMS, kms_key: "arn:aws:kms:eu-west-1:012345678901:key/1234abcd-12ab-34cd-56ef-1234567890ab" }
              five-repo:
                encryption: { type: KMS, kms_key: alias/team/ecr }
              six-repo:
                encryption: { type: KMS, kms_key: mrk-1234abcd12ab34cd56ef1234567890ab }
                pull_accounts: [⟪f⟫12345, "012345678901", 999888777666]
            """,
            [
                ("a", .warning, "region 'useast1' does not look like an AWS region"),
                ("b", .error, "account_id '12345678901' must be 12 digits"),
                ("c", .warning, "must end in key/ID or alias/NAME"),
                ("d", .warning, "is not a KMS key id, key ARN or alias"),
                ("e", .error, "'kms_key' is only used with encryption type KMS or KMS_DSSE, not AES256"),
                ("f", .error, "pull account '12345' must be 12 digits"),
            ])
    }

    @Test func tagLimits() {
        let longKey = String(repeating: "k", count: 129)
        let longValue = String(repeating: "v", count: 257)
        let many = (1...51).map { "t\($0): x" }.joined(separator: ", ")
        expectFindings(
            """
            version: 1
            defaults: { lifecycle_policy: null }
            repositories:
              one-repo:
                tags:
                  ⟪a⟫\(longKey): x
                  ⟪b⟫long: \(longValue)
                  ⟪c⟫"aws:owner": me
                  ⟪d⟫"bad{char}": x
              two-repo:
                tags: ⟪e⟫{ \(many) }
            """,
            [
                ("a", .error, "must be 1 to 128 characters"),
                ("b", .error, "longer than 256 characters"),
                ("c", .error, "reserved prefix 'aws:'"),
                ("d", .error, "contains '{'"),
                ("e", .error, "has 51 tags; ECR allows at most 50"),
            ])
    }

    @Test func unknownLifecyclePolicyNameAndMissingFiles() {
        expectFindings(
            """
            version: 1
            lifecycle_policies:
              keep-recent:
            \(keepTenPolicy.indented(4))
            repositories:
              one-repo:
                lifecycle_policy: ⟪a⟫keep-recnt
                repository_policy: { file: ⟪b⟫policies/missing.json }
            """,
            [
                ("a", .error, "unknown lifecycle policy 'keep-recnt' in repository 'one-repo' (did you mean 'keep-recent'?)"),
                ("b", .error, "file 'policies/missing.json' cannot be read"),
            ])
    }

    @Test func lifecyclePolicyLengthBounds() {
        let longDescription = String(repeating: "x", count: 31_000)
        expectFindings(
            """
            version: 1
            repositories:
              one-repo:
                lifecycle_policy: ⟪a⟫'{"rules":[{"rulePriority":1}]}'
              two-repo:
                lifecycle_policy:
                  ⟪b⟫rules:
                    - rulePriority: 1
                      description: \(longDescription)
                      selection: { tagStatus: any, countType: imageCountMoreThan, countNumber: 5 }
                      action: { type: expire }
            """,
            [
                ("a", .error, "rule 1: missing \"selection\""),
                ("a", .error, "rule 1: missing \"action\""),
                ("a", .error, "the policy is 30 characters once serialised; ECR accepts 100 to 30720"),
                ("b", .error, "the policy is 31155 characters once serialised; ECR accepts 100 to 30720"),
            ])
    }

    @Test func repositoryPolicyMustBeValidIAM() {
        let manyActions = (1...800).map { "ecr:Action\($0)" }.joined(separator: ", ")
        expectFindings(
            """
            version: 1
            defaults: { lifecycle_policy: null }
            repositories:
              one-repo:
                repository_policy:
                  ⟪a⟫Statement:
                    - ⟪b⟫Principal: { AWS: "arn:aws:iam::999888777666:root" }
                      Action: [⟪c⟫"ecr BatchGetImage"]
                    - Effect: ⟪d⟫Permit
                      Principal: { Account: ⟪e⟫"1" }
                      Action: ecr:BatchGetImage
              two-repo:
                repository_policy:
                  ⟪f⟫Version: "2012-10-17"
                  Statement: [{ Effect: Allow, Principal: "*", Action: [\(manyActions)], Condition: { StringEquals: { "aws:PrincipalOrgID": o-1 } } }]
            """,
            [
                ("a", .warning, "no \"Version\": IAM reads it as \"2008-10-17\""),
                ("b", .error, "missing \"Effect\""),
                ("c", .error, "\"ecr BatchGetImage\" is not an action"),
                ("d", .error, "\"Effect\" must be \"Allow\" or \"Deny\""),
                ("e", .error, "unknown key 'Account'"),
                ("f", .error, "ECR accepts at most 10240"),
            ])
    }

    /// ECR takes Sids with spaces and Sids shared by two statements (botocore's own example,
    /// the AWS CLI's, the ECR User Guide's registry permissions example): no finding at all.
    @Test func sidsAreNotHeldToIAMsIdentityPolicyRule() {
        let result = load(
            """
            version: 1
            defaults: { lifecycle_policy: null }
            repositories:
              one-repo:
                repository_policy:
                  Version: "2012-10-17"
                  Statement:
                    - { Sid: new statement, Effect: Allow, Principal: { AWS: "arn:aws:iam::999888777666:root" }, Action: ecr:BatchGetImage }
                    - { Sid: new statement, Effect: Allow, Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: ecr:BatchGetImage }
                    - { Sid: "allow public pull?", Effect: Deny, Principal: "*", Action: ecr:DeleteRepository }
            """)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.registry != nil)
    }

    @Test func policyFilesReportTheirOwnPositions() {
        let broken = load(
            "version: 1\nrepositories:\n  one-repo:\n    lifecycle_policy: null\n    repository_policy: { file: policies/one.json }\n",
            files: ["policies/one.json": "{\"Version\": \"2012-10-17\", \"Statement\": [}"])
        #expect(broken.diagnostics.errors.map(\.description) == [
            "policies/one.json:1:41: error: repository policy of repository 'one-repo' is not valid JSON: unexpected character '}'",
        ])
        let result = load(
            "version: 1\nrepositories:\n  one-repo:\n    lifecycle_policy: null\n    repository_policy: { file: p.json }\n",
            files: ["p.json": "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"ecr:*\"}]\n}"])
        #expect(result.diagnostics.errors.map(\.description) == [
            "p.json:3:17: error: repository policy of repository 'one-repo': Statement[0]: missing \"Principal\" (a resource policy must name who it applies to)",
        ])
    }

    @Test func replicationLimits() {
        let elevenRules = (1...11).map { _ in "    - destinations: [{ region: eu-west-1 }]" }.joined(separator: "\n")
        expectFindings(
            """
            version: 1
            registry: { region: us-east-1, account_id: "123456789012" }
            repositories: {}
            replication:
              rules:
                - destinations:
                    - ⟪a⟫{ region: us-east-1 }
                    - { region: us-east-1, registry_id: "210987654321" }
                  repository_filters: [⟪b⟫"x", { filter: user-, filter_type: ⟪d⟫WILDCARD }]
                - destinations: ⟪e⟫[]
            """,
            [
                ("a", .error, "replicates to its own registry"),
                ("b", .error, "repository filter 'x' must be 2 to 256"),
                ("d", .error, "filter_type must be PREFIX_MATCH here"),
                ("e", .error, "must have 1 to 100 destinations"),
            ])
        let many = load("version: 1\nrepositories: {}\nreplication:\n  rules:\n\(elevenRules)\n")
        #expect(many.diagnostics.errors.map(\.message) == ["replication has 11 rules; ECR allows at most 10"])
    }

    @Test func warningsForRiskySettings() {
        expectFindings(
            """
            version: 1
            repositories:
              ⟪a⟫one-repo:
                image_tag_mutability: ⟪b⟫MUTABLE
                scan_on_push: ⟪c⟫false
                pull_accounts: [⟪d⟫"*"]
              two-repo:
                lifecycle_policy: null
                repository_policy:
                  Version: "2012-10-17"
                  Statement:
                    - ⟪e⟫Effect: Allow
                      Principal: { AWS: "*" }
                      Action: ecr:BatchGetImage
            """,
            [
                ("a", .warning, "the spec does not say what lifecycle policy it has, so ecr-apply leaves ECR's as it is"),
                ("b", .warning, "MUTABLE"),
                ("c", .warning, "scan_on_push is false"),
                ("d", .warning, "the repository is public"),
                ("e", .warning, "grants access to everyone"),
            ])
        #expect(load("version: 1\nrepositories:\n  one-repo: { image_tag_mutability: MUTABLE, lifecycle_policy: null }\n").registry != nil,
                "warnings alone keep the spec valid")
    }
}

extension String {
    func indented(_ spaces: Int) -> String {
        split(separator: "\n", omittingEmptySubsequences: false).map { String(repeating: " ", count: spaces) + $0 }.joined(separator: "\n")
    }
}
