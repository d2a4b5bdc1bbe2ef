import AWSClient
import Foundation
import Planner

/// Reads the output of `aws ecr describe-images` (`{"imageDetails": [...]}`), so a lifecycle
/// preview can run offline. Timestamps may be ISO 8601 (the CLI's default) or epoch seconds.
public enum DescribeImagesFile {
    public struct Problem: Error, CustomStringConvertible {
        public var description: String
    }

    /// Images by repository name (`""` when the file does not say).
    public static func read(_ data: Data, path: String) throws -> [String: [ImageRecord]] {
        guard let document = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let details = document["imageDetails"] as? [[String: Any]]
        else {
            throw Problem(description: "\(path) is not the JSON output of `aws ecr describe-images` (an object with \"imageDetails\")")
        }
        var byRepository: [String: [ImageRecord]] = [:]
        for (index, detail) in details.enumerated() {
            guard let digest = detail["imageDigest"] as? String else {
                throw Problem(description: "\(path): imageDetails[\(index)] has no imageDigest")
            }
            guard let pushed = date(detail["imagePushedAt"]) else {
                throw Problem(description: "\(path): imageDetails[\(index)] (\(digest)) has no readable imagePushedAt")
            }
            let archived = (detail["imageStatus"] as? String) == "ARCHIVED"
            let record = ImageRecord(
                digest: digest, tags: detail["imageTags"] as? [String] ?? [], pushedAt: pushed,
                sizeBytes: (detail["imageSizeInBytes"] as? NSNumber)?.int64Value ?? 0, lastPulledAt: date(detail["lastRecordedPullTime"]),
                storageClass: archived ? .archive : .standard, archivedAt: archived ? date(detail["lastArchivedAt"]) : nil)
            byRepository[detail["repositoryName"] as? String ?? "", default: []].append(record)
        }
        return byRepository
    }

    static func date(_ value: Any?) -> Date? {
        if let number = value as? NSNumber { return Date(timeIntervalSince1970: number.doubleValue) }
        return (value as? String).flatMap(Timestamp.parse)
    }
}
