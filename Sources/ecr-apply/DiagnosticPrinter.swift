import Foundation
import Planner
import Spec

/// Prints findings the way compilers do, `file:line:col: error: message`, coloured through
/// `Paint` (the only place that writes escape codes).
struct DiagnosticPrinter {
    var useColor: Bool

    func format(_ diagnostic: Diagnostic) -> String {
        guard useColor else { return diagnostic.description }
        let paint = Paint(useColor)
        let severity = switch diagnostic.severity {
        case .error: paint("error:", .bold, .red)
        case .warning: paint("warning:", .bold, .yellow)
        }
        return paint("\(diagnostic.location):", .bold) + " \(severity) \(diagnostic.message)"
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
