import Yams

/// `prune:`: which repositories absent from the spec ecr-apply owns.
extension SpecDecoder {
    /// `prune: { tags: {managed-by: ecr-apply}, prefix: team-a/, allow_delete_images: false }`.
    func decodePrune(_ node: Node) -> PruneRule? {
        guard let fields = reader.fields(node, "'prune'", allowed: SpecGrammar.prune.keys) else { return nil }
        var rule = PruneRule()
        if let tagsNode = fields["tags"], let tags = decodeTags(tagsNode, what: "the tags of 'prune'", allowNullValues: false) {
            rule.tags = tags.compactMapValues { $0 }
        }
        if let prefixNode = fields["prefix"], let prefix = reader.string(prefixNode, "'prefix'") {
            if prefix.isEmpty { reader.error(prefixNode, "'prefix' must not be empty") }
            rule.prefix = prefix
        }
        if let allowNode = fields["allow_delete_images"], let allow = reader.bool(allowNode, "'allow_delete_images'") {
            rule.allowDeleteImages = allow
        }
        if rule.tags.isEmpty, rule.prefix == nil {
            reader.error(node, "'prune' must say what ecr-apply owns: 'tags' (like managed-by: ecr-apply), 'prefix', or both")
            return nil
        }
        return rule
    }
}
