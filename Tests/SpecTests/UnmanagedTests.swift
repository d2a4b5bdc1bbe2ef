import Spec
import Testing

/// `key: unmanaged` takes an attribute out of the spec's hands for one repository, whatever
/// `defaults` says: Terraform's "no aws_ecr_lifecycle_policy for this repository".
@Suite struct UnmanagedTests {
    static let spec = """
        version: 1
        defaults:
          image_tag_mutability: IMMUTABLE
          scan_on_push: true
          encryption: AES256
          tags: { team: platform }
          lifecycle_policy: { rules: [{ rulePriority: 1, selection: { tagStatus: any, countType: imageCountMoreThan, countNumber: 9 }, action: { type: expire } }] }
          pull_accounts: ["999888777666"]
        repositories:
          managed: {}
          legacy:
            image_tag_mutability: unmanaged
            scan_on_push: unmanaged
            encryption: unmanaged
            tags: unmanaged
            lifecycle_policy: unmanaged
            repository_policy: unmanaged
            pull_accounts: unmanaged
        """

    @Test func everyDefaultableAttributeCanBeLeftUnmanaged() throws {
        let result = load(Self.spec)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let registry = try #require(result.registry)
        let managed = try #require(registry.repositories.first { $0.name == "managed" })
        let legacy = try #require(registry.repositories.first { $0.name == "legacy" })
        #expect(managed.tagMutability != nil && managed.scanOnPush == true && managed.encryption != nil && managed.tags != nil)
        #expect(managed.lifecyclePolicy.isManaged && managed.repositoryPolicy.isManaged)
        #expect(legacy.tagMutability == nil && legacy.scanOnPush == nil && legacy.encryption == nil && legacy.tags == nil)
        #expect(!legacy.lifecyclePolicy.isManaged && !legacy.repositoryPolicy.isManaged)
    }

    @Test func theWarningPointsAtUnmanagedNeverAtNull() {
        let result = load("version: 1\nrepositories:\n  api: {}\n")
        #expect(result.diagnostics.count == 1)
        let message = result.diagnostics.first?.message ?? ""
        #expect(message.contains("lifecycle_policy: unmanaged"))
        #expect(!message.contains("'null'"), "following the advice must never delete a policy")
        #expect(load("version: 1\nrepositories:\n  api: { lifecycle_policy: unmanaged }\n").diagnostics.isEmpty)
    }

    @Test func aSpecOfRegistryWideSettingsAloneIsLegitimate() {
        let result = load("version: 1\nregistry: { region: us-east-1 }\nreplication: { rules: [{ destinations: [{ region: eu-west-1 }] }] }\n")
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(!load("version: 1\nregistry: { region: us-east-1 }\n").diagnostics.isEmpty, "an empty spec still gets its warning")
    }

    @Test func unmanagedIsNotALifecyclePolicyName() {
        expectFindings("""
            version: 1
            lifecycle_policies:
              ⟪a⟫unmanaged: { rules: [{ rulePriority: 1, selection: { tagStatus: any, countType: imageCountMoreThan, countNumber: 9 }, action: { type: expire } }] }
            repositories: { api: { lifecycle_policy: null } }
            """, [("a", .error, "'unmanaged' cannot be a policy name")])
    }
}

/// Keys a Terraform user writes get a pointer to where they live in the spec.
@Suite struct TerraformNameTests {
    @Test func terraformArgumentNamesPointAtTheSpecsKeys() {
        expectFindings("""
            version: 1
            repositories:
              api:
                lifecycle_policy: null
                ⟪a⟫force_delete: true
                ⟪b⟫image_scanning_configuration: { scan_on_push: true }
                ⟪c⟫encryption_configuration: { encryption_type: AES256 }
                ⟪d⟫image_tag_mutability_exclusion_filter: []
                ⟪e⟫pull_through_cache_rule: {}
            ⟪f⟫account_setting: { name: BLOB_MOUNTING }
            """, [
                ("a", .error, "'apply --allow-delete-images'"),
                ("b", .error, "write 'scan_on_push: true'"),
                ("c", .error, "write 'encryption: { type: KMS, kms_key: … }'"),
                ("d", .error, "Terraform's exclusion filters"),
                ("e", .error, "write 'pull_through_cache_rules: { PREFIX: { … } }' at the top level"),
                ("f", .error, "write 'account_settings: { NAME: VALUE }'"),
            ])
    }
}
