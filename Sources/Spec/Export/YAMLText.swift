import Foundation

/// Just enough YAML writing for exported specs: scalars quoted whenever YAML could read them
/// as anything but the same string, and JSON documents as block YAML that reads back to the
/// same JSON.
enum YAMLText {
    /// A string as a YAML scalar: plain when that is safe, else double-quoted (JSON escaping
    /// is valid YAML).
    static func scalar(_ text: String) -> String {
        isPlainSafe(text) ? text : quoted(text)
    }

    static func quoted(_ text: String) -> String { JSONValue.string(text).compactText }

    /// Letters, digits and `_ . / -`, starting with a letter or `_`, and not a word YAML or
    /// the spec reads as something else.
    static func isPlainSafe(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, CharacterSet.letters.contains(first) || first == "_",
            text.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "_./-".unicodeScalars.contains($0)) })
        else { return false }
        let reserved: Set = ["true", "false", "yes", "no", "on", "off", "y", "n", "null", "none", "nan", "inf"]
        return !reserved.contains(text.lowercased()) && !text.hasSuffix(".")
    }

    /// A JSON value as YAML lines at `indent`: objects and arrays of documents in block
    /// style, arrays of scalars in flow style (`[a, b]`).
    static func block(_ value: JSONValue, indent: Int) -> [String] {
        let pad = String(repeating: " ", count: indent)
        switch value {
        case .object(let members):
            guard !members.isEmpty else { return [pad + "{}"] }
            return members.keys.sorted(by: keyOrder).flatMap { key -> [String] in
                let child = members[key]!
                if let inline = inline(child) { return [pad + scalar(key) + ": " + inline] }
                return [pad + scalar(key) + ":"] + block(child, indent: indent + 2)
            }
        case .array(let items):
            return items.flatMap { item -> [String] in
                if let inline = inline(item) { return [pad + "- " + inline] }
                var lines = block(item, indent: indent + 2)
                lines[0] = pad + "- " + lines[0].dropFirst(indent + 2)
                return lines
            }
        default:
            return [pad + (inline(value) ?? "")]
        }
    }

    /// One line for scalars, empty collections and lists of scalars; `nil` otherwise.
    static func inline(_ value: JSONValue) -> String? {
        switch value {
        case .null: return "null"
        case .bool(let bool): return bool ? "true" : "false"
        case .number: return value.compactText
        case .string(let text): return scalar(text)
        case .array(let items):
            guard items.allSatisfy({ inline($0) != nil && $0.arrayValue == nil && $0.objectValue == nil }) else { return nil }
            return "[" + items.map { inline($0)! }.joined(separator: ", ") + "]"
        case .object(let members):
            return members.isEmpty ? "{}" : nil
        }
    }

    /// AWS's documents read best in their usual order: Version before Statement, rulePriority
    /// before selection before action, Sid and Effect first in a statement.
    static func keyOrder(_ a: String, _ b: String) -> Bool {
        let first = ["Version", "Id", "Statement", "Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource",
                     "NotResource", "Condition", "rules", "rulePriority", "description", "selection", "action", "tagStatus",
                     "tagPrefixList", "tagPatternList", "storageClass", "countType", "countUnit", "countNumber", "type"]
        switch (first.firstIndex(of: a), first.firstIndex(of: b)) {
        case (let x?, let y?): return x < y
        case (_?, nil): return true
        case (nil, _?): return false
        case (nil, nil): return a < b
        }
    }
}
