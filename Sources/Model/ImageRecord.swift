import Foundation

/// One image as lifecycle rules see it: its tags, when it was pushed, pulled and archived,
/// its size. Read from DescribeImages, or from `aws ecr describe-images` output.
public struct ImageRecord: Sendable, Equatable, Codable {
    public enum StorageClass: String, Sendable, Codable { case standard, archive }

    public var digest: String
    public var tags: [String]
    public var pushedAt: Date
    public var sizeBytes: Int64
    public var lastPulledAt: Date?
    public var storageClass: StorageClass
    /// When it moved to archive storage.
    public var archivedAt: Date?

    public init(digest: String, tags: [String], pushedAt: Date, sizeBytes: Int64 = 0, lastPulledAt: Date? = nil,
                storageClass: StorageClass = .standard, archivedAt: Date? = nil) {
        self.digest = digest
        self.tags = tags
        self.pushedAt = pushedAt
        self.sizeBytes = sizeBytes
        self.lastPulledAt = lastPulledAt
        self.storageClass = storageClass
        self.archivedAt = archivedAt
    }
}
