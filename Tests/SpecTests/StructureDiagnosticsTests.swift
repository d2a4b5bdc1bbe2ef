import Spec
import Testing

/// One test per class of structural mistake: each finding must point at its place.
@Suite struct StructureDiagnosticsTests {
    @Test func yamlSyntaxErrorHasItsPosition() {
        expectFindings(
            """
            version: 1
            repositories:
              a-repo:
                scan_on_push: true
               ⟪e⟫bad: indent
            """, [("e", .error, "invalid YAML: did not find expected key")])
    }

    @Test func duplicateKeysAreRefusedAndNamed() {
        expectFindings(
            """
            version: 1
            repositories:
              user-service: {}
              ⟪e⟫user-service: {}
            """, [("e", .error, "duplicate key 'user-service' in the same mapping (first at line 3)")])
        expectFindings(
            """
            version: 1
            repositories:
              api: { scan_on_push: true, ⟪e⟫scan_on_push: false }
            """, [("e", .error, "duplicate key 'scan_on_push' in the same mapping (first at line 3)")])
    }

    @Test func unknownKeysGetASuggestion() {
        expectFindings(
            """
            version: 1
            repositories:
              user-service:
                ⟪a⟫scan_on_psuh: true
                ⟪b⟫image_tag_mutablity: IMMUTABLE
            ⟪c⟫repositorys: {}
            """,
            [
                ("a", .error, "unknown key 'scan_on_psuh' in repository 'user-service' (did you mean 'scan_on_push'?)"),
                ("b", .error, "did you mean 'image_tag_mutability'?"),
                ("c", .error, "unknown key 'repositorys' in the spec (did you mean 'repositories'?)"),
            ])
    }

    @Test func wrongTypesSayWhatWasFound() {
        expectFindings(
            """
            version: 1
            repositories:
              user-service:
                scan_on_push: ⟪a⟫"true"
                tags: ⟪b⟫[a, b]
                pull_accounts: ⟪c⟫"123456789012"
              order-service: ⟪d⟫[]
            """,
            [
                ("a", .error, "'scan_on_push' must be true or false, found a string"),
                ("b", .error, "the tags of repository 'user-service' must be a mapping, found a list"),
                ("c", .error, "'pull_accounts' must be a list, found a string"),
                ("d", .error, "repository 'order-service' must be a mapping, found a list"),
            ])
    }

    @Test func missingAndUnsupportedVersion() {
        expectFindings("⟪a⟫repositories: {}\n", [("a", .error, "missing 'version'")])
        expectFindings("version: ⟪a⟫3\nrepositories: {}\n", [("a", .error, "unsupported version 3")])
    }

    @Test func missingRequiredFields() {
        expectFindings(
            """
            version: 1
            repositories:
              user-service:
                encryption: ⟪a⟫{ kms_key: alias/ecr }
                lifecycle_policy: null
            replication:
              rules:
                - ⟪b⟫repository_filters: [user-]
            registry_scanning: ⟪c⟫{ rules: [] }
            """,
            [
                ("a", .error, "'encryption' needs 'type'"),
                ("b", .error, "replication rule 1 needs 'destinations'"),
                ("c", .error, "'registry_scanning' needs 'scan_type'"),
            ])
    }

    @Test func enumValuesAreCheckedWithSuggestions() {
        expectFindings(
            """
            version: 1
            repositories:
              user-service:
                image_tag_mutability: ⟪a⟫IMUTABLE
                encryption: { type: ⟪b⟫aes256 }
                lifecycle_policy: null
            registry_scanning: { scan_type: ⟪c⟫ENHANCD }
            """,
            [
                ("a", .error, "must be one of MUTABLE, IMMUTABLE, found 'IMUTABLE' (did you mean 'IMMUTABLE'?)"),
                ("b", .error, "must be written in capitals: 'AES256'"),
                ("c", .error, "did you mean 'ENHANCED'?"),
            ])
    }

    @Test func everyProblemInTheFileIsReportedInOneRun() {
        let result = load(
            """
            version: 1
            registry: { region: Mars_1, account_id: "12" }
            repositories:
              Bad_Name: { scan_on_push: maybe }
            """)
        #expect(result.diagnostics.errors.count == 4)
        #expect(result.registry == nil)
    }
}
