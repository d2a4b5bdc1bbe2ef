import Yams

/// Repository filters, shared by replication (PREFIX_MATCH) and scanning (WILDCARD) rules.
extension SpecDecoder {
    static let maximumFiltersPerRule = 100

    /// A repository filter: `prefix` or `{ filter: prefix, filter_type: PREFIX_MATCH }`.
    func decodeFilter(_ node: Node, what: String, type: String, lengths: ClosedRange<Int>) -> String? {
        let valueNode: Node
        if case .mapping = node {
            guard let fields = reader.fields(node, "a repository filter of \(what)", allowed: SpecGrammar.filter.keys),
                requireKeys(fields, of: SpecGrammar.filter, what: "a repository filter of \(what)"), let filter = fields["filter"]
            else { return nil }
            if let typeNode = fields["filter_type"], let given = reader.string(typeNode, "'filter_type'"), given != type {
                reader.error(typeNode, "filter_type must be \(type) here, found '\(given)'")
            }
            valueNode = filter
        } else {
            valueNode = node
        }
        guard let value = reader.string(valueNode, "a repository filter") else { return nil }
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789._-/" + (type == "WILDCARD" ? "*" : ""))
        if !lengths.contains(value.count) || !value.allSatisfy(allowed.contains) {
            let wildcard = type == "WILDCARD" ? ", '*'" : ""
            reader.error(valueNode, "repository filter '\(value)' must be \(lengths.lowerBound) to \(lengths.upperBound) lowercase letters, digits, '.', '_', '-', '/'\(wildcard)")
            return nil
        }
        return value
    }
}
