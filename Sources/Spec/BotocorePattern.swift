import Foundation
import Yams

/// The patterns of botocore's ECR service model that the registry sections check, each named
/// after its shape. A value ECR's model refuses is an error at its place; nothing stricter.
enum BotocorePattern {
    /// `PullThroughCacheRuleRepositoryPrefix` (2–30) and `Prefix` (1–256): repository name
    /// segments, an optional trailing `/`, or `ROOT`.
    static let prefix = #"^([a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(\/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*\/?|ROOT)$"#
    /// `CredentialArn` (50–612).
    static let credentialARN = #"^arn:aws(-\w+)*:secretsmanager:[a-zA-Z0-9-:]+:secret:ecr\-pullthroughcache\/[a-zA-Z0-9\/_+=.@-]+$"#
    /// `KmsKeyForRepositoryCreationTemplate` (0–2048): a key ARN, not an alias or id.
    static let templateKMSKey = #"^$|arn:aws[a-z0-9-]*:kms:[a-z0-9-]+:[0-9]{12}:key\/[a-z0-9-]+"#
    /// `SigningProfileArn` (at most 200).
    static let signingProfileARN = #"^arn:aws(-[a-z]+)*:signer:[a-z0-9-]+:[0-9]{12}:\/signing-profiles\/[a-zA-Z0-9_]{2,}$"#
    /// `SigningRepositoryFilterValue` (1–256).
    static let signingFilter = #"^(?:[a-z0-9*]+(?:[._-][a-z0-9*]+)*/)*[a-z0-9*]+(?:[._-][a-z0-9*]+)*$"#
    /// `PrincipalArn` (at most 200).
    static let principalARN = #"^arn:aws(-[a-z]+)*:iam::[0-9]{12}:(role|user)/[\w+=,.@-]+(/[\w+=,.@-]+)*$"#

    /// Whether `value` matches `pattern` from its start, as the service model's patterns apply.
    static func matches(_ value: String, _ pattern: String) -> Bool {
        guard let expression = try? NSRegularExpression(pattern: pattern) else { return false }
        let range = NSRange(value.startIndex..., in: value)
        return expression.firstMatch(in: value, options: [.anchored], range: range) != nil
    }
}

extension SpecDecoder {
    /// A string checked against a botocore shape's length and pattern; `nil` after reporting.
    func modelString(_ node: Node, _ what: String, shape: String, lengths: ClosedRange<Int>, pattern: String? = nil) -> String? {
        guard let value = reader.string(node, what) else { return nil }
        if !lengths.contains(value.count) {
            reader.error(node, "\(what) must be \(lengths.lowerBound) to \(lengths.upperBound) characters (botocore's \(shape)); it has \(value.count)")
            return nil
        }
        if let pattern, !BotocorePattern.matches(value, pattern) {
            reader.error(node, "\(what) '\(value)' does not match botocore's \(shape) pattern \(pattern)")
            return nil
        }
        return value
    }
}
