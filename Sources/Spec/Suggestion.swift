/// "Did you mean …?" for unknown keys and enum values.
enum Suggestion {
    /// The closest candidate within a small edit distance, if any is close enough to help.
    static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
        let lowered = word.lowercased()
        var best: (candidate: String, distance: Int, sharedPrefix: Int)?
        for candidate in candidates {
            let other = candidate.lowercased()
            let distance = editDistance(lowered, other)
            // Ties go to the candidate that starts like the word: 'IMUTABLE' is 'IMMUTABLE'.
            let sharedPrefix = zip(lowered, other).prefix { $0 == $1 }.count
            if let current = best, (distance, -sharedPrefix) >= (current.distance, -current.sharedPrefix) { continue }
            best = (candidate, distance, sharedPrefix)
        }
        guard let best else { return nil }
        let tolerance = max(1, min(3, word.count / 3))
        return best.distance <= tolerance ? best.candidate : nil
    }

    /// " (did you mean 'x'?)", where a Terraform user's key lives in the spec, or "".
    static func hint(for word: String, in candidates: some Sequence<String>) -> String {
        if let terraform = terraformNames[word] { return " (\(terraform))" }
        return closest(to: word, in: candidates).map { " (did you mean '\($0)'?)" } ?? ""
    }

    /// The Terraform AWS provider's ECR argument names a user coming from Terraform writes,
    /// and where each lives in the spec (docs/from-terraform.md maps them all).
    static let terraformNames: [String: String] = [
        "name": "Terraform's 'name': the repository's name is its key under 'repositories'",
        "force_delete": "Terraform's 'force_delete' is a flag here, not a setting: 'apply --allow-delete-images' (or prune.allow_delete_images)",
        "image_scanning_configuration": "Terraform's 'image_scanning_configuration { scan_on_push }': write 'scan_on_push: true'",
        "image_tag_mutability_exclusion_filter": "Terraform's exclusion filters: 'image_tag_mutability: { mode: IMMUTABLE, exclusions: [\"latest\"] }'",
        "encryption_configuration": "Terraform's 'encryption_configuration': write 'encryption: { type: KMS, kms_key: … }'",
        "encryption_type": "write 'encryption: { type: … }'",
        "policy": "write 'repository_policy' (or 'registry_policy' at the top level)",
        "lifecycle_policy_text": "write 'lifecycle_policy'",
        "repository_policy_text": "write 'repository_policy'",
        "replication_configuration": "Terraform's 'replication_configuration': write 'replication: { rules: [...] }' at the top level",
        "rule": "write 'rules' (a list)",
        "destination": "write 'destinations' (a list of { region, registry_id })",
        "repository_filter": "write 'repository_filters' (a list)",
        "registry_scanning_configuration": "Terraform's 'aws_ecr_registry_scanning_configuration': write 'registry_scanning' at the top level",
        "pull_through_cache_rule": "Terraform's 'aws_ecr_pull_through_cache_rule': write 'pull_through_cache_rules: { PREFIX: { … } }' at the top level",
        "repository_creation_template": "Terraform's 'aws_ecr_repository_creation_template': write 'repository_creation_templates: { PREFIX: { … } }' at the top level",
        "repository_creation_templates": "write it at the top level: 'repository_creation_templates: { PREFIX: { … } }'",
        "account_setting": "Terraform's 'aws_ecr_account_setting': write 'account_settings: { NAME: VALUE }' at the top level",
        "upstream_registry_url": "a pull-through cache rule's key: write it under 'pull_through_cache_rules: { PREFIX: { … } }'",
        "ecr_repository_prefix": "the prefix is the key under 'pull_through_cache_rules'",
        "registry_id": "write 'registry: { account_id: … }' (or 'registry_id' inside a replication destination)",
        "provider": "the region and account go under 'registry:' ({ region, account_id })",
    ]

    static func editDistance(_ a: String, _ b: String) -> Int { EditDistance.between(a, b) }
}
