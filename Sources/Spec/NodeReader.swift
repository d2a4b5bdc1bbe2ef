import Yams

/// Reads Yams nodes into typed values, collecting a diagnostic with the node's place for
/// every problem instead of stopping at the first.
///
/// Every node visited is charged to a budget, so a document that expands through aliases
/// ("billion laughs") is refused in bounded time instead of being walked forever.
final class NodeReader {
    let file: String
    private(set) var diagnostics: [Diagnostic] = []
    private var budget: Int
    private(set) var budgetExhausted = false

    /// More nodes than any real spec has (10,000 repositories with every attribute is ~500k).
    static let nodeBudget = 2_000_000
    /// Uses of anchored nodes (`*alias`) allowed in one document: plenty for sharing
    /// settings, far too few for an exponential expansion.
    static let aliasBudget = 10_000
    private var aliasUses = 0

    init(file: String, budget: Int = NodeReader.nodeBudget) {
        self.file = file
        self.budget = budget
    }

    // MARK: Places and findings

    func location(of node: Node) -> SourceLocation {
        let mark = node.mark
        return SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    func error(_ node: Node, _ message: String) {
        diagnostics.append(Diagnostic(.error, at: location(of: node), message))
    }

    func error(at location: SourceLocation, _ message: String) {
        diagnostics.append(Diagnostic(.error, at: location, message))
    }

    func warning(_ node: Node, _ message: String) {
        diagnostics.append(Diagnostic(.warning, at: location(of: node), message))
    }

    func warning(at location: SourceLocation, _ message: String) {
        diagnostics.append(Diagnostic(.warning, at: location, message))
    }

    /// Charges one visited node; false once the budget is spent (reported once).
    func charge(_ node: Node) -> Bool {
        guard !budgetExhausted else { return false }
        budget -= 1
        if node.anchor != nil { aliasUses += 1 }
        if aliasUses > Self.aliasBudget {
            budgetExhausted = true
            error(node, "the document uses anchors and aliases more than \(Self.aliasBudget) times (a YAML alias bomb?); refusing to read further")
            return false
        }
        if budget < 0 {
            budgetExhausted = true
            error(node, "the document expands to more than \(Self.nodeBudget) values (a YAML alias bomb?); refusing to read further")
            return false
        }
        let tag = node.tag.description
        guard Self.plainTags.contains(tag) else {
            error(node, "the YAML tag '\(tag.replacingOccurrences(of: "tag:yaml.org,2002:", with: "!!"))' is not supported here; write plain values")
            return false
        }
        return true
    }

    /// What plain YAML resolves to (and the explicit forms of the same); anything else
    /// (`!!binary`, `!!python/object`, local `!tags`) is refused.
    static let plainTags: Set = [
        "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool",
        "tag:yaml.org,2002:null", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq", "?", "!",
    ]

    // MARK: Scalars

    /// A plain `null`, `~`, empty value, or the word `none`: "must be absent".
    func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL", "none", "None", "NONE"].contains(scalar.string)
    }

    /// A plain YAML null only (`~`, `null`, empty); `none` is a word here, as a tag value may be.
    func isYAMLNull(_ node: Node) -> Bool {
        isNull(node) && !["none", "None", "NONE"].contains(node.scalar?.string ?? "")
    }

    /// A node's kind for messages: "expected a string, found a list".
    func kindName(_ node: Node) -> String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar:
            if isNull(node) { return "null" }
            switch node.tag.description {
            case Tag.Name.bool.rawValue: return "a boolean"
            case Tag.Name.int.rawValue, Tag.Name.float.rawValue: return "a number"
            default: return "a string"
            }
        }
    }

    /// The text of a scalar, exactly as written (leading zeros kept), or an error.
    func string(_ node: Node, _ what: String) -> String? {
        guard charge(node) else { return nil }
        guard case .scalar(let scalar) = node, !isNull(node) else {
            error(node, "\(what) must be a string, found \(kindName(node))")
            return nil
        }
        return scalar.string
    }

    func bool(_ node: Node, _ what: String) -> Bool? {
        guard charge(node) else { return nil }
        guard case .scalar(let scalar) = node, scalar.style == .plain else {
            error(node, "\(what) must be true or false, found \(kindName(node))")
            return nil
        }
        switch scalar.string {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default:
            error(node, "\(what) must be true or false, found '\(scalar.string)' (YAML words like yes/on are not accepted)")
            return nil
        }
    }

    func integer(_ node: Node, _ what: String) -> Int? {
        guard charge(node) else { return nil }
        guard case .scalar(let scalar) = node, scalar.style == .plain, let value = Int(scalar.string) else {
            error(node, "\(what) must be a whole number, found \(kindName(node))")
            return nil
        }
        return value
    }

    /// One of a fixed set of words, with a suggestion when it is close to one.
    func enumeration<E: RawRepresentable & CaseIterable>(_ node: Node, _ what: String, _ type: E.Type) -> E?
    where E.RawValue == String {
        guard let text = string(node, what) else { return nil }
        if let value = E(rawValue: text) { return value }
        if let value = E(rawValue: text.uppercased()) {
            error(node, "\(what) must be written in capitals: '\(value.rawValue)' (found '\(text)')")
            return nil
        }
        let allowed = E.allCases.map(\.rawValue)
        error(node, "\(what) must be one of \(allowed.joined(separator: ", ")), found '\(text)'\(Suggestion.hint(for: text, in: allowed))")
        return nil
    }

    // MARK: Collections

    /// A mapping's entries by key, in order. Unknown keys get a did-you-mean; non-string
    /// keys an error. A plain null reads as an empty mapping when `nullIsEmpty`.
    func fields(_ node: Node, _ what: String, allowed: [String], nullIsEmpty: Bool = false) -> Fields? {
        guard charge(node) else { return nil }
        if nullIsEmpty, isNull(node) { return Fields(node: node, entries: []) }
        guard case .mapping(let mapping) = node else {
            error(node, "\(what) must be a mapping, found \(kindName(node))")
            return nil
        }
        var entries: [Fields.Entry] = []
        for (key, value) in mapping {
            guard charge(key) else { return nil }
            guard case .scalar(let keyScalar) = key else {
                error(key, "keys in \(what) must be strings, found \(kindName(key))")
                continue
            }
            let name = keyScalar.string
            if !allowed.isEmpty, !allowed.contains(name) {
                error(key, "unknown key '\(name)' in \(what)\(Suggestion.hint(for: name, in: allowed))")
                continue
            }
            entries.append(Fields.Entry(name: name, key: key, value: value))
        }
        return Fields(node: node, entries: entries)
    }

    /// A list's items; a single scalar is not silently taken as a list of one.
    func list(_ node: Node, _ what: String) -> [Node]? {
        guard charge(node) else { return nil }
        guard case .sequence(let sequence) = node else {
            error(node, "\(what) must be a list, found \(kindName(node))")
            return nil
        }
        return Array(sequence)
    }

    func stringList(_ node: Node, _ what: String) -> [String]? {
        guard let items = list(node, what) else { return nil }
        let strings = items.compactMap { string($0, "each entry of \(what)") }
        return strings.count == items.count ? strings : nil
    }

    /// Whether a plain scalar could resolve to null, a boolean or a number; the rest are
    /// strings, without asking the (regular-expression based) tag resolver.
    static func mayBeTyped(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first else { return true }
        return "0123456789+-.~nNtTfFyYoO".unicodeScalars.contains(first)
    }

    /// Converts a YAML subtree to JSON (for policies written inline), recording each
    /// value's place by its JSON path. Plain scalars keep YAML's types; quoted ones are strings.
    func json(_ node: Node, path: JSONPath = JSONPath(), locations: inout [JSONPath: SourceLocation]) -> JSONValue? {
        guard charge(node) else { return nil }
        locations[path] = location(of: node)
        switch node {
        case .alias:
            return nil
        case .scalar(let scalar):
            guard scalar.style == .plain, Self.mayBeTyped(scalar.string) else { return .string(scalar.string) }
            if isNull(node), scalar.string != "none" { return .null }
            switch node.tag.description {
            case Tag.Name.bool.rawValue: return node.bool.map(JSONValue.bool) ?? .string(scalar.string)
            case Tag.Name.int.rawValue: return node.int.map { .number(Double($0)) } ?? .string(scalar.string)
            case Tag.Name.float.rawValue: return node.float.map(JSONValue.number) ?? .string(scalar.string)
            default: return .string(scalar.string)
            }
        case .sequence(let sequence):
            var items: [JSONValue] = []
            for (i, item) in sequence.enumerated() {
                guard let value = json(item, path: path.appending(i), locations: &locations) else { return nil }
                items.append(value)
            }
            return .array(items)
        case .mapping(let mapping):
            var members: [String: JSONValue] = [:]
            for (key, value) in mapping {
                guard case .scalar(let keyScalar) = key else {
                    error(key, "keys in a policy must be strings, found \(kindName(key))")
                    return nil
                }
                guard let converted = json(value, path: path.appending(keyScalar.string), locations: &locations) else { return nil }
                members[keyScalar.string] = converted
            }
            return .object(members)
        }
    }
}

extension NodeReader {
    /// The JSON text of a policy written inline as YAML, in the YAML's key order: `json`
    /// is what `json(_:)` made of `node`.
    static func orderedText(_ node: Node, _ json: JSONValue) -> String {
        switch (node, json) {
        case (.mapping(let mapping), .object(let members)):
            let entries = mapping.compactMap { key, value -> String? in
                guard case .scalar(let key) = key, let member = members[key.string] else { return nil }
                return JSONValue.string(key.string).compactText + ":" + orderedText(value, member)
            }
            return "{" + entries.joined(separator: ",") + "}"
        case (.sequence(let sequence), .array(let items)) where sequence.count == items.count:
            return "[" + zip(sequence, items).map { orderedText($0, $1) }.joined(separator: ",") + "]"
        default:
            return json.compactText
        }
    }
}

/// The entries of one YAML mapping, looked up by key.
struct Fields {
    struct Entry {
        var name: String
        var key: Node
        var value: Node
    }

    var node: Node
    var entries: [Entry]

    subscript(name: String) -> Node? { entries.first { $0.name == name }?.value }

    func key(_ name: String) -> Node? { entries.first { $0.name == name }?.key }

    func has(_ name: String) -> Bool { entries.contains { $0.name == name } }
}
