/// A policy document with the place of each of its values, for findings that point
/// inside the document (`registry.yaml:31:9`, or `policies/payment.json:7:20`).
struct LocatedPolicy {
    var json: JSONValue
    var origin: SourceLocation
    var locations: [JSONPath: SourceLocation] = [:]
    /// As written, whitespace aside (see `PolicyDocument.text`).
    var text: String?

    /// The place of the value at `path`, or of its nearest ancestor that has one.
    func location(of path: JSONPath) -> SourceLocation {
        var current: JSONPath? = path
        while let p = current {
            if let location = locations[p] { return location }
            current = p.parent
        }
        return origin
    }
}

/// Collects findings about one policy under a label ("repository policy of 'payment-service'").
struct PolicyFindings {
    let policy: LocatedPolicy
    let label: String
    /// Paths in messages are shown relative to this one (a rule's findings name
    /// `selection.countNumber`, not `rules[1].selection.countNumber`).
    var relativeTo = JSONPath()
    var diagnostics: [Diagnostic] = []

    mutating func error(_ path: JSONPath, _ message: String) {
        diagnostics.append(Diagnostic(.error, at: policy.location(of: path), "\(label): \(describe(path))\(message)"))
    }

    mutating func warning(_ path: JSONPath, _ message: String) {
        diagnostics.append(Diagnostic(.warning, at: policy.location(of: path), "\(label): \(describe(path))\(message)"))
    }

    private func describe(_ path: JSONPath) -> String {
        var components = path.components
        if components.starts(with: relativeTo.components) { components.removeFirst(relativeTo.components.count) }
        return components.isEmpty ? "" : "\(JSONPath(components)): "
    }

    /// The keys of an object that are not in `allowed`, each reported with a suggestion.
    mutating func rejectUnknownKeys(_ object: [String: JSONValue], at path: JSONPath, allowed: [String]) {
        for key in object.keys.sorted() where !allowed.contains(key) {
            error(path.appending(key), "unknown key '\(key)'\(Suggestion.hint(for: key, in: allowed))")
        }
    }
}
