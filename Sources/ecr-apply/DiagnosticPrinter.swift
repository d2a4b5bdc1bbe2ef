import Foundation
import Spec

/// Prints findings the way compilers do, `file:line:col: error: message`; the one place
/// that knows about terminal colour.
struct DiagnosticPrinter {
    var useColor: Bool

    func format(_ diagnostic: Diagnostic) -> String {
        guard useColor else { return diagnostic.description }
        let severity = switch diagnostic.severity {
        case .error: "\u{1B}[1;31merror:\u{1B}[0m"
        case .warning: "\u{1B}[1;33mwarning:\u{1B}[0m"
        }
        return "\u{1B}[1m\(diagnostic.location):\u{1B}[0m \(severity) \(diagnostic.message)"
    }

    func print(_ diagnostics: [Diagnostic], to stream: FileHandle = .standardError) {
        guard !diagnostics.isEmpty else { return }
        let text = diagnostics.map(format).joined(separator: "\n") + "\n"
        stream.write(Data(text.utf8))
    }
}

/// Counted nouns: "1 repository", "3 repositories".
func counted(_ count: Int, _ singular: String, _ plural: String? = nil) -> String {
    "\(count) \(count == 1 ? singular : (plural ?? singular + "s"))"
}
