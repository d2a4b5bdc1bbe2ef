import AWSClient
import Foundation
import Planner

/// Reads what ECR has, no more than a `ReadScope` asks for: one paginated
/// DescribeRepositories for every repository, then per repository only the reads the spec
/// manages, `parallelism` at a time, then each other kind the scope names (`ReconcilerKinds`).
public struct LiveRegistryReader: Sendable {
    public let ecr: ECRClient
    public let parallelism: Int
    /// Waits between reads of a repository that was listed but is "not found" (just created
    /// or just deleted elsewhere; ECR is eventually consistent).
    let sleeper: Sleeper
    /// Hears (repository, images so far) after each page of DescribeImages.
    let imageProgress: (@Sendable (String, Int) -> Void)?
    /// Hears (repositories read, repositories listed) as each repository's reads finish.
    let repositoryProgress: (@Sendable (Int, Int) -> Void)?

    public init(ecr: ECRClient, parallelism: Int = 8, sleeper: Sleeper = .real, imageProgress: (@Sendable (String, Int) -> Void)? = nil,
                repositoryProgress: (@Sendable (Int, Int) -> Void)? = nil) {
        self.ecr = ecr
        self.parallelism = parallelism
        self.sleeper = sleeper
        self.imageProgress = imageProgress
        self.repositoryProgress = repositoryProgress
    }

    public func read(_ scope: ReadScope, accountID: String) async throws -> LiveRegistry {
        let described = try await ecr.describeRepositories()
        let done = Counter()
        repositoryProgress?(0, described.count)
        let repositories = try await concurrentMap(described, limit: parallelism) { repository in
            let read = try await self.settled(repository, reads: self.reads(for: repository.repositoryName, in: scope))
            self.repositoryProgress?(done.increment(), described.count)
            return read
        }
        var live = LiveRegistry(accountID: accountID, region: ecr.region,
                                repositories: Dictionary(repositories.compactMap { $0 }.map { ($0.name, $0) }) { first, _ in first })
        for steps in ReconcilerKinds.all where scope.kinds.contains(steps.kind) {
            do {
                try await steps.read(ecr, scope: scope, into: &live)
            } catch let error as AWSError where scope.skipsUnreadableKinds && steps.kind != .repository {
                live.unreadable[steps.kind] = "\(error.code): \(error.message)"
            }
        }
        return live
    }

    /// Reads the images of the named repositories (those a plan would replace or delete, or
    /// whose lifecycle policy changes): every image, and their count and size.
    public func readImages(in live: inout LiveRegistry, repositories names: [String]) async throws {
        let present = Array(Set(names.filter { live.repositories[$0] != nil && live.repositories[$0]?.imageRecords == nil })).sorted()
        let records = try await concurrentMap(present, limit: parallelism) { name in
            try await self.ecr.describeImages(repository: name, onPage: self.imageProgress.map { progress in { progress(name, $0) } })
                .map(Self.record)
        }
        for (name, images) in zip(present, records) {
            live.repositories[name]?.imageRecords = images
            live.repositories[name]?.images = ImageSummary(count: images.count, bytes: images.reduce(0) { $0 + $1.sizeBytes })
        }
    }

    /// An image as lifecycle rules see it.
    public static func record(_ detail: ImageDetail) -> ImageRecord {
        let archived = detail.imageStatus == "ARCHIVED"
        return ImageRecord(digest: detail.imageDigest ?? "", tags: detail.imageTags ?? [], pushedAt: detail.imagePushedAt ?? Date(timeIntervalSince1970: 0),
                           sizeBytes: detail.imageSizeInBytes ?? 0, lastPulledAt: detail.lastRecordedPullTime,
                           storageClass: archived ? .archive : .standard, archivedAt: archived ? detail.lastArchivedAt : nil)
    }

    private func reads(for name: String, in scope: ReadScope) -> Set<ReadScope.Read> {
        if let reads = scope.repositories[name] { return reads }
        if let prefix = scope.tagsOfOthersWithPrefix, name.hasPrefix(prefix) { return [.tags] }
        return []
    }

    /// A listed repository whose reads say it does not exist is read again a few times (it
    /// may be settling after a create); if it stays unknown it was deleted meanwhile, and is
    /// left out rather than reported as drift.
    private func settled(_ repository: AWSClient.Repository, reads: Set<ReadScope.Read>) async throws -> LiveRepository? {
        var delay = 0.25
        for attempt in 1...4 {
            do {
                return try await self.repository(repository, reads: reads)
            } catch let error as AWSError where error.code == "RepositoryNotFoundException" && attempt < 4 {
                try await sleeper.sleep(delay)
                delay *= 2
            } catch let error as AWSError where error.code == "RepositoryNotFoundException" {
                return nil
            }
        }
        return nil
    }

    private func repository(_ repository: AWSClient.Repository, reads: Set<ReadScope.Read>) async throws -> LiveRepository {
        let name = repository.repositoryName
        var live = Self.settings(of: repository)
        if reads.contains(.tags) {
            live.tags = Dictionary(try await ecr.listTags(resourceArn: repository.repositoryArn, repository: name).map { ($0.Key, $0.Value) }) { _, last in last }
        }
        if reads.contains(.lifecyclePolicy) { live.lifecyclePolicy = Self.policy(try await ecr.getLifecyclePolicy(repository: name)) }
        if reads.contains(.repositoryPolicy) { live.repositoryPolicy = Self.policy(try await ecr.getRepositoryPolicy(repository: name)) }
        return live
    }

    // MARK: From ECR's shapes to the planner's

    static func settings(of repository: AWSClient.Repository) -> LiveRepository {
        let mutability = repository.imageTagMutability ?? "MUTABLE"
        let mode: TagMutability.Mode = mutability.hasPrefix("IMMUTABLE") ? .immutable : .mutable
        let exclusions = (repository.imageTagMutabilityExclusionFilters ?? []).map(\.filter)
        let encryption = repository.encryptionConfiguration
        let kind = encryption.flatMap { Encryption.Kind(rawValue: $0.encryptionType) } ?? .aes256
        return LiveRepository(name: repository.repositoryName, arn: repository.repositoryArn, tagMutability: TagMutability(mode, exclusions: exclusions),
                              scanOnPush: repository.imageScanningConfiguration?.scanOnPush ?? false,
                              encryption: Encryption(kind, kmsKey: kind == .aes256 ? nil : encryption?.kmsKey))
    }

    /// A policy as text → its JSON; text that is not JSON is kept as a string, so it differs
    /// from any document and shows in the plan rather than being ignored.
    static func policy(_ text: String?) -> Managed<JSONValue> {
        guard let text else { return .absent }
        return .present((try? JSONParser.value(text)) ?? .string(text))
    }
}

/// A count shared by concurrent reads.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func increment() -> Int { lock.withLock { value += 1; return value } }
}
