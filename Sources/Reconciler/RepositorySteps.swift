import AWSClient
import Planner

/// The ECR calls that turn a repository's planned attributes into reality.
struct RepositorySteps {
    let ecr: ECRClient
    let name: String
    let change: ResourceChange
    let accountID: String
    let settling: Settling

    private func after(_ attribute: String) -> JSONValue? { change.attribute(attribute)?.after }

    /// A policy's text as apply sends it: the user's document, whitespace aside.
    private func document(_ attribute: String) -> String? { change.attribute(attribute)?.sentText }

    /// Creates the repository with every planned attribute. If it exists by now (another
    /// apply, or this one before a crash, got there first), its attributes are set instead:
    /// "already exists" is the success it is.
    func create() async throws {
        do {
            try await createRepository()
        } catch let error as AWSError where error.code == "RepositoryAlreadyExistsException" {
            try await setAll()
            return
        }
        // Just created: ECR may not know it everywhere yet.
        if let policy = document("lifecycle_policy") {
            try await settling.onNewRepository { try await ecr.putLifecyclePolicy(repository: name, text: policy) }
        }
        if let policy = document("repository_policy") {
            try await settling.onNewRepository { try await setRepositoryPolicy(policy) }
        }
    }

    private func createRepository() async throws {
        _ = try await ecr.createRepository(CreateRepositoryInput(
            repositoryName: name, tags: after("tags").map(Self.tags),
            imageTagMutability: after("image_tag_mutability")?.stringValue,
            imageTagMutabilityExclusionFilters: exclusions,
            imageScanningConfiguration: after("scan_on_push").map { .init(scanOnPush: $0 == .bool(true)) },
            encryptionConfiguration: after("encryption_type")?.stringValue.map {
                EncryptionConfiguration(encryptionType: $0, kmsKey: after("kms_key")?.stringValue)
            }))
    }

    /// Every settable attribute to its planned value, on a repository that already exists.
    private func setAll() async throws {
        if let mutability = after("image_tag_mutability")?.stringValue {
            try await ecr.putImageTagMutability(repository: name, mutability: mutability, exclusions: exclusions)
        }
        if let scan = after("scan_on_push") { try await ecr.putImageScanningConfiguration(repository: name, scanOnPush: scan == .bool(true)) }
        if let tags = after("tags"), !Self.tags(tags).isEmpty {
            try await ecr.tagResource(resourceArn: arn, tags: Self.tags(tags), repository: name)
        }
        if let policy = document("lifecycle_policy") { try await ecr.putLifecyclePolicy(repository: name, text: policy) }
        if let policy = document("repository_policy") { try await setRepositoryPolicy(policy) }
    }

    private func setRepositoryPolicy(_ text: String) async throws {
        try await settling.onPolicy(text, kind: .repository) { try await ecr.setRepositoryPolicy(repository: name, text: text) }
    }

    func update() async throws {
        let changed = Set(change.changedAttributes.map(\.name))
        if !changed.isDisjoint(with: ["image_tag_mutability", "image_tag_mutability_exclusions"]),
            let mutability = after("image_tag_mutability")?.stringValue ?? change.attribute("image_tag_mutability")?.before?.stringValue {
            try await ecr.putImageTagMutability(repository: name, mutability: mutability, exclusions: exclusions)
        }
        if changed.contains("scan_on_push"), let scan = after("scan_on_push") {
            try await ecr.putImageScanningConfiguration(repository: name, scanOnPush: scan == .bool(true))
        }
        if changed.contains("tags"), let tags = change.attribute("tags") {
            try await updateTags(before: tags.before?.objectValue ?? [:], after: tags.after?.objectValue ?? [:])
        }
        if changed.contains("lifecycle_policy") {
            if let policy = document("lifecycle_policy") {
                try await ecr.putLifecyclePolicy(repository: name, text: policy)
            } else {
                try await Self.alreadyGone { try await ecr.deleteLifecyclePolicy(repository: name) }
            }
        }
        if changed.contains("repository_policy") {
            if let policy = document("repository_policy") {
                try await setRepositoryPolicy(policy)
            } else {
                try await Self.alreadyGone { try await ecr.deleteRepositoryPolicy(repository: name) }
            }
        }
    }

    /// Force only when the plan counted images and they were allowed to go: a repository
    /// that gained images since stays, as ECR refuses to delete it.
    func delete() async throws {
        try await Self.alreadyGone { try await ecr.deleteRepository(name: name, force: (change.images?.count ?? 0) > 0) }
    }

    /// A deletion whose object is already gone has done its job.
    static func alreadyGone(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let error as AWSError where error.isNotFound {
            return
        }
    }

    private var arn: String {
        "arn:\(Identifiers.partition(forRegion: ecr.region)):ecr:\(ecr.region):\(accountID):repository/\(name)"
    }

    private var exclusions: [TagMutabilityExclusionFilter]? {
        guard let list = after("image_tag_mutability_exclusions")?.arrayValue, !list.isEmpty else { return nil }
        return list.compactMap(\.stringValue).map { TagMutabilityExclusionFilter(filter: $0) }
    }

    private func updateTags(before: [String: JSONValue], after: [String: JSONValue]) async throws {
        let set = after.filter { before[$0.key] != $0.value }.compactMap { key, value in value.stringValue.map { ECRTag(key, $0) } }
        let removed = before.keys.filter { after[$0] == nil }.sorted()
        if !set.isEmpty { try await ecr.tagResource(resourceArn: arn, tags: set.sorted { $0.Key < $1.Key }, repository: name) }
        if !removed.isEmpty { try await ecr.untagResource(resourceArn: arn, keys: removed, repository: name) }
    }

    static func tags(_ value: JSONValue) -> [ECRTag] {
        (value.objectValue ?? [:]).sorted { $0.key < $1.key }.compactMap { key, value in value.stringValue.map { ECRTag(key, $0) } }
    }
}

/// The registry-wide objects: each is written whole.
struct RegistrySteps {
    let ecr: ECRClient
    let change: ResourceChange
    let settling: Settling

    func apply() async throws {
        switch change.address {
        case "registry.replication":
            let rules = change.attribute("rules")?.after?.arrayValue ?? []
            try await ecr.putReplicationConfiguration(ReplicationConfigurationShape(rules: rules.map { rule in
                let destinations = (rule["destinations"]?.arrayValue ?? []).map {
                    ReplicationDestination(region: $0["region"]?.stringValue ?? "", registryId: $0["registry_id"]?.stringValue ?? "")
                }
                let prefixes = (rule["repository_filters"]?.arrayValue ?? []).compactMap(\.stringValue)
                return ReplicationRuleShape(destinations: destinations,
                                            repositoryFilters: prefixes.isEmpty ? nil : prefixes.map { RepositoryFilter(filter: $0, filterType: "PREFIX_MATCH") })
            }))
        case "registry.scanning":
            let rules = change.attribute("rules")?.after?.arrayValue ?? []
            try await ecr.putRegistryScanningConfiguration(RegistryScanningConfigurationShape(
                scanType: change.attribute("scan_type")?.after?.stringValue ?? "BASIC",
                rules: rules.map { rule in
                    RegistryScanningRuleShape(scanFrequency: rule["scan_frequency"]?.stringValue ?? "SCAN_ON_PUSH",
                                              repositoryFilters: (rule["repository_filters"]?.arrayValue ?? []).compactMap(\.stringValue)
                                                .map { RepositoryFilter(filter: $0, filterType: "WILDCARD") })
                }))
        case "registry.policy":
            if let policy = change.attribute("policy")?.sentText {
                try await settling.onPolicy(policy, kind: .registry) { try await ecr.putRegistryPolicy(text: policy) }
            } else {
                try await RepositorySteps.alreadyGone { try await ecr.deleteRegistryPolicy() }
            }
        default:
            throw UnknownResource(address: change.address)
        }
    }

    struct UnknownResource: Error, CustomStringConvertible {
        var address: String
        var description: String { "\(address): not a resource this ecr-apply knows (a plan from a newer version?)" }
    }
}
