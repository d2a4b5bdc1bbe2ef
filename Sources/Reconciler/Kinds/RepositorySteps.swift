import AWSClient
import Planner

/// Repositories: listed and read by `LiveRegistryReader` (page by page, with only the reads
/// the spec manages); created, updated, replaced and deleted here, from typed values.
enum RepositorySteps: KindSteps {
    static let kind = ResourceKind.repository

    /// Repositories are read by `LiveRegistryReader` with the scope's per-repository reads.
    static func read(_ ecr: ECRClient, scope: ReadScope, into live: inout LiveRegistry) async throws {}

    static func apply(_ change: ResourceChange, _ context: StepContext) async throws {
        let steps = RepositoryChange(context: context, planned: try RepositoryPlanner.planned(change), imageCount: change.images?.count ?? 0)
        switch change.action {
        case .create: try await steps.create()
        case .update: try await steps.update()
        case .replace:
            try await steps.delete()
            try await steps.create()
        case .delete: try await steps.delete()
        case .noOp: break
        }
    }
}

/// The ECR calls that turn one repository's planned attributes into reality.
struct RepositoryChange {
    let context: StepContext
    let planned: RepositoryPlanner.Planned
    /// The images the plan counted: a deletion forces only when they were allowed to go.
    let imageCount: Int

    private var ecr: ECRClient { context.ecr }
    private var name: String { planned.name }

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
        if let policy = planned.lifecyclePolicy ?? nil {
            try await context.settling.onNewRepository { try await ecr.putLifecyclePolicy(repository: name, text: policy) }
        }
        if let policy = planned.repositoryPolicy ?? nil {
            try await context.settling.onNewRepository { try await setRepositoryPolicy(policy) }
        }
    }

    private func createRepository() async throws {
        _ = try await ecr.createRepository(CreateRepositoryInput(
            repositoryName: name, tags: planned.tags.map { Self.tags($0.after) },
            imageTagMutability: planned.tagMutability?.awsValue,
            imageTagMutabilityExclusionFilters: exclusions,
            imageScanningConfiguration: planned.scanOnPush.map { .init(scanOnPush: $0) },
            encryptionConfiguration: planned.encryption.map { EncryptionConfiguration(encryptionType: $0.kind.rawValue, kmsKey: $0.kmsKey) }))
    }

    /// Every settable attribute to its planned value, on a repository that already exists.
    private func setAll() async throws {
        if let mutability = planned.tagMutability {
            try await ecr.putImageTagMutability(repository: name, mutability: mutability.awsValue, exclusions: exclusions)
        }
        if let scan = planned.scanOnPush { try await ecr.putImageScanningConfiguration(repository: name, scanOnPush: scan) }
        if let tags = planned.tags?.after, !tags.isEmpty { try await ecr.tagResource(resourceArn: arn, tags: Self.tags(tags), repository: name) }
        if let policy = planned.lifecyclePolicy ?? nil { try await ecr.putLifecyclePolicy(repository: name, text: policy) }
        if let policy = planned.repositoryPolicy ?? nil { try await setRepositoryPolicy(policy) }
    }

    private func setRepositoryPolicy(_ text: String) async throws {
        try await context.settling.onPolicy(text, kind: .repository) { try await ecr.setRepositoryPolicy(repository: name, text: text) }
    }

    func update() async throws {
        let changed = planned.changed
        if !changed.isDisjoint(with: [.imageTagMutability, .imageTagMutabilityExclusions]), let mutability = planned.tagMutability {
            try await ecr.putImageTagMutability(repository: name, mutability: mutability.awsValue, exclusions: exclusions)
        }
        if changed.contains(.scanOnPush), let scan = planned.scanOnPush {
            try await ecr.putImageScanningConfiguration(repository: name, scanOnPush: scan)
        }
        if changed.contains(.tags), let tags = planned.tags {
            try await updateTags(before: tags.before, after: tags.after)
        }
        if changed.contains(.lifecyclePolicy) {
            if let policy = planned.lifecyclePolicy ?? nil {
                try await ecr.putLifecyclePolicy(repository: name, text: policy)
            } else {
                try await alreadyGone { try await ecr.deleteLifecyclePolicy(repository: name) }
            }
        }
        if changed.contains(.repositoryPolicy) {
            if let policy = planned.repositoryPolicy ?? nil {
                try await setRepositoryPolicy(policy)
            } else {
                try await alreadyGone { try await ecr.deleteRepositoryPolicy(repository: name) }
            }
        }
    }

    /// Force only when the plan counted images and they were allowed to go: a repository
    /// that gained images since stays, as ECR refuses to delete it.
    func delete() async throws {
        try await alreadyGone { try await ecr.deleteRepository(name: name, force: imageCount > 0) }
    }

    private var arn: String {
        "arn:\(Identifiers.partition(forRegion: ecr.region)):ecr:\(ecr.region):\(context.accountID):repository/\(name)"
    }

    private var exclusions: [TagMutabilityExclusionFilter]? {
        guard let list = planned.tagMutability?.exclusions, !list.isEmpty else { return nil }
        return list.map { TagMutabilityExclusionFilter(filter: $0) }
    }

    private func updateTags(before: [String: String], after: [String: String]) async throws {
        let set = after.filter { before[$0.key] != $0.value }
        let removed = before.keys.filter { after[$0] == nil }.sorted()
        if !set.isEmpty { try await ecr.tagResource(resourceArn: arn, tags: Self.tags(set), repository: name) }
        if !removed.isEmpty { try await ecr.untagResource(resourceArn: arn, keys: removed, repository: name) }
    }

    static func tags(_ tags: [String: String]) -> [ECRTag] {
        tags.sorted { $0.key < $1.key }.map { ECRTag($0.key, $0.value) }
    }
}
