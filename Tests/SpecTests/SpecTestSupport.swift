import Foundation
import Spec
import Testing

/// Loads a spec from memory; `files` are the policy files it may name.
func load(_ yaml: String, files: [String: String] = [:], file: String = "registry.yaml") -> LoadedSpec {
    let loader = SpecLoader(readFile: { path in
        let key = path.hasPrefix("./") ? String(path.dropFirst(2)) : path
        guard let text = files[key] else { throw CocoaError(.fileReadNoSuchFile) }
        return Array(text.utf8)
    })
    return loader.load(bytes: Array(yaml.utf8), file: file, baseDirectory: ".")
}

/// Loads marked YAML and checks that each expected finding is reported at its marker,
/// with a message containing the given text, and that no other error is reported.
func expectFindings(
    _ marked: String, _ expected: [(marker: String, severity: Diagnostic.Severity, contains: String)],
    files: [String: String] = [:], sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
    let text = MarkedText(marked)
    let result = load(text.text, files: files)
    var unmatched = result.diagnostics
    for (marker, severity, fragment) in expected {
        guard let place = text.markers[marker] else {
            Issue.record("no marker ⟪\(marker)⟫ in the text", sourceLocation: sourceLocation)
            continue
        }
        let index = unmatched.firstIndex {
            $0.severity == severity && $0.location.line == place.line && $0.location.column == place.column
                && $0.message.contains(fragment)
        }
        if let index {
            unmatched.remove(at: index)
        } else {
            let got = result.diagnostics.map(\.description).joined(separator: "\n")
            Issue.record("expected \(severity) at \(place.line):\(place.column) containing \"\(fragment)\"; got:\n\(got)", sourceLocation: sourceLocation)
        }
    }
    let unexpectedErrors = unmatched.filter { $0.severity == .error }
    if !unexpectedErrors.isEmpty {
        let listing = unexpectedErrors.map(\.description).joined(separator: "\n")
        Issue.record("unexpected errors:\n\(listing)", sourceLocation: sourceLocation)
    }
    if expected.contains(where: { $0.severity == .error }) {
        #expect(result.registry == nil, "a spec with errors must not produce a registry", sourceLocation: sourceLocation)
    }
}

/// A valid spec's registry, failing the test on any error.
func registry(_ yaml: String, files: [String: String] = [:], sourceLocation: Testing.SourceLocation = #_sourceLocation) -> DesiredRegistry? {
    let result = load(yaml, files: files)
    let errors = result.diagnostics.errors
    #expect(errors.isEmpty, "\(errors.map(\.description).joined(separator: "\n"))", sourceLocation: sourceLocation)
    return result.registry
}

/// A minimal valid policy for tests that need one.
let keepTenPolicy = """
    rules:
      - rulePriority: 1
        description: Keep only 10 most recent images
        selection: { tagStatus: tagged, tagPrefixList: [v], countType: imageCountMoreThan, countNumber: 10 }
        action: { type: expire }
    """
