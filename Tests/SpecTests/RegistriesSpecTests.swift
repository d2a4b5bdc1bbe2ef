@testable import Spec
import Testing

/// `registries:`: what each registry holds (shared parts, its own additions and overrides,
/// its own sections), and where its mistakes are reported.
@Suite struct RegistriesSpecTests {
    static func load(_ yaml: String) -> LoadedSpec {
        SpecLoader().load(bytes: Array(yaml.utf8), file: "registry.yaml", baseDirectory: ".")
    }

    @Test func sharedPartsOwnRepositoriesAndOwnSectionsMerge() throws {
        let loaded = Self.load("""
            version: 1
            defaults: { image_tag_mutability: IMMUTABLE, lifecycle_policy: unmanaged }
            repositories: { api: {}, web: {} }
            replication: { rules: [{ destinations: [{ region: eu-west-1 }] }] }
            prune: { tags: { managed-by: ecr-apply } }
            registries:
              prod: { account_id: "111111111111", region: us-east-1, role_arn: "arn:aws:iam::111111111111:role/ecr-apply", external_id: ext-123 }
              staging:
                account_id: "222222222222"
                region: us-west-2
                profile: staging
                repositories: { web: { image_tag_mutability: MUTABLE }, scratch: {} }
                replication: null
            """)
        #expect(loaded.diagnostics.filter { $0.severity == .error }.isEmpty, "\(loaded.diagnostics)")
        let spec = try #require(loaded.spec)
        #expect(spec.isMulti && loaded.registry == nil)
        let prod = try #require(spec.registries.first { $0.name == "prod" })
        let staging = try #require(spec.registries.first { $0.name == "staging" })
        #expect(prod.access == RegistryAccess(roleARN: "arn:aws:iam::111111111111:role/ecr-apply", externalID: "ext-123"))
        #expect(staging.access == RegistryAccess(profile: "staging"))
        #expect(prod.registry.region == "us-east-1" && prod.registry.accountID == "111111111111")
        #expect(prod.registry.repositories.map(\.name) == ["api", "web"])
        #expect(staging.registry.repositories.map(\.name) == ["api", "scratch", "web"])
        #expect(staging.registry.repository(named: "web")?.tagMutability == TagMutability(.mutable), "the registry's entry wins")
        #expect(staging.registry.repository(named: "scratch")?.tagMutability == TagMutability(.immutable), "shared defaults apply to its own")
        #expect(prod.registry.replication?.rules.count == 1, "the top-level section applies")
        #expect(staging.registry.replication?.rules.isEmpty == true, "its own section replaces it")
        #expect(prod.registry.prune != nil && staging.registry.prune != nil)
        let warnings = loaded.diagnostics.filter { $0.severity == .warning }.map(\.message)
        #expect(warnings.filter { $0.contains("tags are MUTABLE") }.count == 1, "said once, not once per registry: \(warnings)")
    }

    @Test func mistakesAreReportedAtTheirPlace() {
        let loaded = Self.load("""
            version: 1
            registry: { region: us-east-1 }
            repositories: { api: { lifecycle_policy: unmanaged } }
            registries:
              "prod:1": { account_id: "111111111111", region: us-east-1 }
              staging: { account_id: "222222222222", external_id: abc }
            """)
        let errors = loaded.diagnostics.filter { $0.severity == .error }.map { "\($0.location.line):\($0.location.column) \($0.message)" }
        #expect(loaded.spec == nil)
        #expect(errors.contains { $0.hasPrefix("2:1 'registry' and 'registries' cannot both be written") }, "\(errors)")
        #expect(errors.contains { $0.hasPrefix("5:3 registry name 'prod:1' must be 1 to 64 letters") }, "\(errors)")
        #expect(errors.contains { $0.hasPrefix("6:12 registry 'staging' needs 'region'") }, "\(errors)")
    }
}
