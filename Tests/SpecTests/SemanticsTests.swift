import Spec
import Testing

/// What a valid spec means: defaults, omissions, nulls, policy forms, pull_accounts.
@Suite struct SemanticsTests {
    @Test func omittedAttributesAreUnmanagedAndDefaultsMergePerKey() throws {
        let spec = try #require(registry(
            """
            version: 1
            defaults:
              scan_on_push: true
              image_tag_mutability: IMMUTABLE
              tags: { managed-by: ecr-apply, team: platform }
            repositories:
              plain-repo: {}
              custom-repo:
                scan_on_push: false
                tags: { team: payments, cost-center: "42" }
                lifecycle_policy: null
              untagged-repo:
                tags: { team: null }
              bare-repo:
                tags: null
            """))
        let plain = try #require(spec.repository(named: "plain-repo"))
        #expect(plain.scanOnPush == true)
        #expect(plain.tagMutability == TagMutability(.immutable))
        #expect(plain.encryption == nil, "encryption is not managed when nobody mentions it")
        #expect(plain.tags == ["managed-by": "ecr-apply", "team": "platform"])
        #expect(plain.lifecyclePolicy == .unmanaged)
        #expect(plain.repositoryPolicy == .unmanaged)
        let custom = try #require(spec.repository(named: "custom-repo"))
        #expect(custom.scanOnPush == false)
        #expect(custom.tags == ["managed-by": "ecr-apply", "team": "payments", "cost-center": "42"])
        #expect(custom.lifecyclePolicy == .absent)
        #expect(spec.repository(named: "untagged-repo")?.tags == ["managed-by": "ecr-apply"])
        #expect(spec.repository(named: "bare-repo")?.tags == [:])
        #expect(spec.repositories.map(\.name) == ["bare-repo", "custom-repo", "plain-repo", "untagged-repo"], "sorted by name")
    }

    @Test func aPolicyReadsTheSameInlineAsJSONTextAndFromAFile() throws {
        let json = """
            {"rules": [{"rulePriority": 1, "description": "Keep only 10 most recent images",
              "selection": {"tagStatus": "tagged", "tagPrefixList": ["v"], "countType": "imageCountMoreThan", "countNumber": 10},
              "action": {"type": "expire"}}]}
            """
        let spec = try #require(registry(
            """
            version: 1
            lifecycle_policies:
              named:
            \(keepTenPolicy.indented(4))
            repositories:
              inline-repo:
                lifecycle_policy:
            \(keepTenPolicy.indented(6))
              text-repo:
                lifecycle_policy: '\(json.replacingOccurrences(of: "\n", with: " "))'
              file-repo:
                lifecycle_policy: { file: lifecycle.json }
              named-repo:
                lifecycle_policy: named
            """, files: ["lifecycle.json": json]))
        let policies = spec.repositories.map { $0.lifecyclePolicy.value?.json }
        #expect(policies.count == 4)
        #expect(Set(policies).count == 1, "all four forms give the same document")
        #expect(policies[0]?["rules"]?.arrayValue?.first?["selection"]?["countNumber"] == .number(10))
        #expect(spec.repository(named: "named-repo")?.lifecyclePolicy.value?.name == "named")
    }

    @Test func pullAccountsExpandToTheStandardStatementAndMergeWithAPolicy() throws {
        let spec = try #require(registry(
            """
            version: 1
            registry: { region: cn-north-1 }
            defaults: { lifecycle_policy: null }
            repositories:
              pull-only:
                pull_accounts: ["999888777666"]
              merged:
                pull_accounts: ["999888777666", "111122223333"]
                repository_policy:
                  Version: "2012-10-17"
                  Statement:
                    - Sid: DenyDelete
                      Effect: Deny
                      Principal: "*"
                      Action: ecr:DeleteRepository
              none-at-all:
                pull_accounts: []
            """))
        let pullOnly = try #require(spec.repository(named: "pull-only")?.repositoryPolicy.value?.json)
        #expect(pullOnly.compactText == """
            {"Statement":[{"Action":["ecr:GetDownloadUrlForLayer","ecr:BatchGetImage","ecr:BatchCheckLayerAvailability"],\
            "Effect":"Allow","Principal":{"AWS":"arn:aws-cn:iam::999888777666:root"},"Sid":"AllowCrossAccountPull"}],\
            "Version":"2012-10-17"}
            """)
        let merged = try #require(spec.repository(named: "merged")?.repositoryPolicy.value?.json)
        let statements = try #require(merged["Statement"]?.arrayValue)
        #expect(statements.map { $0["Sid"] } == [.string("DenyDelete"), .string("AllowCrossAccountPull")])
        #expect(statements[1]["Principal"]?["AWS"]?.arrayValue?.count == 2)
        #expect(spec.repository(named: "none-at-all")?.repositoryPolicy == .absent)
    }

    @Test func registryWideSections() throws {
        let spec = try #require(registry(
            """
            version: 1
            registry: { region: us-east-1, account_id: "012345678901" }
            repositories: {}
            replication:
              rules:
                - destinations: [{ region: eu-west-1 }, { region: us-east-1, registry_id: "999888777666" }]
                  repository_filters: [user-, { filter: team-a/, filter_type: PREFIX_MATCH }]
            registry_scanning:
              scan_type: ENHANCED
              rules:
                - scan_frequency: CONTINUOUS_SCAN
                  repository_filters: ["prod-*"]
                - scan_frequency: SCAN_ON_PUSH
                  repository_filters: [{ filter: "*", filter_type: WILDCARD }]
            registry_policy: null
            prune: { tags: { managed-by: ecr-apply }, prefix: team-a/ }
            """))
        #expect(spec.accountID == "012345678901", "leading zeros are kept")
        #expect(spec.replication == ReplicationConfiguration(rules: [
            ReplicationRule(
                destinations: [.init(region: "eu-west-1"), .init(region: "us-east-1", registryID: "999888777666")],
                repositoryPrefixes: ["user-", "team-a/"]),
        ]))
        #expect(spec.scanning?.scanType == .enhanced)
        #expect(spec.scanning?.rules.map(\.repositoryFilters) == [["prod-*"], ["*"]])
        #expect(spec.registryPolicy == .absent)
        #expect(spec.prune == PruneRule(tags: ["managed-by": "ecr-apply"], prefix: "team-a/"))
        #expect(registry("version: 1\nrepositories: {}\nreplication: null\n")?.replication == ReplicationConfiguration(rules: []))
    }

    @Test func tagMutabilityWithExclusions() throws {
        let spec = try #require(registry(
            """
            version: 1
            defaults: { lifecycle_policy: null }
            repositories:
              one-repo:
                image_tag_mutability: { mode: IMMUTABLE, exclusions: [latest, "dev-*"] }
            """))
        let mutability = try #require(spec.repository(named: "one-repo")?.tagMutability)
        #expect(mutability.exclusions == ["latest", "dev-*"])
        #expect(mutability.awsValue == "IMMUTABLE_WITH_EXCLUSION")
    }
}
