import Foundation
import Yams

/// Policies may be written inline as YAML, as a JSON string, or as `file: path.json`
/// (relative to the spec). Lifecycle policies may also name an entry of `lifecycle_policies`.
extension SpecDecoder {
    /// Reads a policy written in any of the three forms; `nil` after reporting a problem.
    func locatedPolicy(_ node: Node, what: String) -> LocatedPolicy? {
        let origin = reader.location(of: node)
        if case .mapping = node, let fields = reader.fields(node, what, allowed: []), fields.has("file") {
            guard fields.entries.count == 1 else {
                reader.error(node, "\(what): 'file:' must be the only key when a policy is read from a file")
                return nil
            }
            return policyFromFile(fields["file"]!, what: what)
        }
        if case .scalar(let scalar) = node, !reader.isNull(node) {
            return policyFromJSONText(scalar.string, origin: origin, what: what)
        }
        var locations: [JSONPath: SourceLocation] = [:]
        guard let json = reader.json(node, locations: &locations) else { return nil }
        return LocatedPolicy(json: json, origin: origin, locations: locations, text: NodeReader.orderedText(node, json))
    }

    /// JSON inside a YAML string: problems are reported at the string, with the position
    /// inside the JSON text added to the message.
    private func policyFromJSONText(_ text: String, origin: SourceLocation, what: String) -> LocatedPolicy? {
        do {
            let (json, _) = try JSONParser.parse(text)
            return LocatedPolicy(json: json, origin: origin, text: JSONText.minified(text))
        } catch {
            reader.error(at: origin, "\(what) is not valid JSON: \(error.message) (line \(error.line), column \(error.column) of the JSON text)")
            return nil
        }
    }

    private func policyFromFile(_ node: Node, what: String) -> LocatedPolicy? {
        guard let relative = reader.string(node, "'file'") else { return nil }
        let path = relative.hasPrefix("/") ? relative : (baseDirectory as NSString).appendingPathComponent(relative)
        let bytes: [UInt8]
        do {
            bytes = try readFile(path)
        } catch {
            reader.error(node, "\(what): file '\(relative)' cannot be read (looked for \(path))")
            return nil
        }
        guard bytes.count <= InputGuard.maximumBytes, InputGuard.firstInvalidUTF8(bytes[...]) == nil else {
            reader.error(node, "\(what): file '\(relative)' is not a UTF-8 text file of at most 5 MiB")
            return nil
        }
        let text = String(decoding: bytes, as: UTF8.self)
        do {
            let (json, positions) = try JSONParser.parse(text)
            let shown = pathForMessages(path)
            let locations = positions.mapValues { SourceLocation(file: shown, line: $0.line, column: $0.column) }
            return LocatedPolicy(json: json, origin: SourceLocation(file: shown, line: 1, column: 1), locations: locations,
                                 text: JSONText.minified(text))
        } catch {
            reader.error(at: SourceLocation(file: pathForMessages(path), line: error.line, column: error.column),
                         "\(what) is not valid JSON: \(error.message)")
            return nil
        }
    }

    /// Paths in messages read as the user would type them: `./x` shortened to `x`.
    private func pathForMessages(_ path: String) -> String {
        path.hasPrefix("./") ? String(path.dropFirst(2)) : path
    }

    /// A repository or registry policy: `null` for "no policy", else a checked IAM document.
    func decodeResourcePolicy(_ node: Node, label: String) -> Managed<PolicyDocument> {
        if reader.isNull(node) { return .absent }
        guard let policy = locatedPolicy(node, what: label) else { return .unmanaged }
        reportAll(IAMPolicyCheck.check(policy, label: label))
        return .present(PolicyDocument(policy.json, origin: policy.origin, text: policy.text))
    }

    func reportAll(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics {
            switch diagnostic.severity {
            case .error: reader.error(at: diagnostic.location, diagnostic.message)
            case .warning: reader.warning(at: diagnostic.location, diagnostic.message)
            }
        }
    }

    /// `lifecycle_policies:` — named policies, each checked once where it is written.
    func decodeNamedLifecyclePolicies(_ node: Node) {
        guard let fields = reader.fields(node, "'lifecycle_policies'", allowed: []) else { return }
        for entry in fields.entries {
            if ["none", "null"].contains(entry.name.lowercased()) {
                reader.error(entry.key, "'\(entry.name)' cannot be a policy name: it means \"no policy\"")
                continue
            }
            if entry.name == RepositorySettings.unmanagedWord {
                reader.error(entry.key, "'\(entry.name)' cannot be a policy name: it means \"not managed by this spec\"")
                continue
            }
            let label = "lifecycle policy \(entry.name)"
            guard let policy = locatedPolicy(entry.value, what: label) else { continue }
            reportAll(LifecyclePolicyCheck.check(policy, label: label))
            namedLifecyclePolicies[entry.name] = PolicyDocument(policy.json, name: entry.name, origin: reader.location(of: entry.key),
                                                                text: policy.text)
        }
    }

    /// A repository's `lifecycle_policy:` — a name, an inline policy, JSON text, a file, or `null`.
    func decodeLifecyclePolicy(_ node: Node, owner: String) -> Managed<PolicyDocument> {
        if reader.isNull(node) { return .absent }
        if case .scalar(let scalar) = node, !scalar.string.trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("{") {
            let name = scalar.string
            if let policy = namedLifecyclePolicies[name] { return .present(policy) }
            let known = namedLifecyclePolicies.keys.sorted()
            let listing = known.isEmpty ? "no policies are declared under 'lifecycle_policies'" : "declared: \(known.joined(separator: ", "))"
            reader.error(node, "unknown lifecycle policy '\(name)' in \(owner)\(Suggestion.hint(for: name, in: known)); \(listing)")
            return .unmanaged
        }
        let label = "lifecycle policy of \(owner)"
        guard let policy = locatedPolicy(node, what: label) else { return .unmanaged }
        reportAll(LifecyclePolicyCheck.check(policy, label: label))
        return .present(PolicyDocument(policy.json, origin: policy.origin, text: policy.text))
    }
}
