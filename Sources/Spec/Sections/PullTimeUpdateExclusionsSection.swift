import Yams

/// `pull_time_update_exclusions:`: the IAM principals whose pulls do not update an image's
/// last-pulled time; owned whole, `[]` or `null` for none.
enum PullTimeUpdateExclusionsSection: SpecSection {
    static let kind = ResourceKind.pullTimeUpdateExclusions
    static let key = "pull_time_update_exclusions"

    static func decode(_ top: Fields, with decoder: SpecDecoder, into registry: inout DesiredRegistry) {
        guard let node = top[key] else { return }
        if decoder.reader.isNull(node) {
            registry.pullTimeUpdateExclusions = []
            return
        }
        guard let items = decoder.reader.list(node, "'\(key)'") else { return }
        if items.count > 100 {
            decoder.reader.warning(node, "\(key) lists \(items.count) principals; ECR lists at most 100 (botocore's PullTimeUpdateExclusionList)")
        }
        var principals: [String] = []
        for item in items {
            guard let arn = decoder.modelString(item, "a pull-time update exclusion", shape: "PrincipalArn", lengths: 1...200,
                                                pattern: BotocorePattern.principalARN)
            else { continue }
            if principals.contains(arn) { decoder.reader.warning(item, "'\(arn)' is listed twice") }
            principals.append(arn)
        }
        registry.pullTimeUpdateExclusions = principals
    }

    static func export(_ exporter: SpecExporter) -> [String] {
        guard let principals = exporter.live.pullTimeUpdateExclusions, !principals.isEmpty else { return [] }
        return ["", "\(key): [" + principals.sorted().map(YAMLText.quoted).joined(separator: ", ") + "]"]
    }
}
