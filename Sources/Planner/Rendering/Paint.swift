/// Terminal colour: the only place that writes escape codes. Every renderer and the CLI's
/// printers paint through it; with `enabled` false it returns the text untouched.
public struct Paint: Sendable {
    public enum Style: Sendable {
        case plain, bold, dim, green, yellow, red

        var code: String {
            switch self {
            case .plain: ""
            case .bold: "1"
            case .dim: "2"
            case .green: "32"
            case .yellow: "33"
            case .red: "31"
            }
        }
    }

    public var enabled: Bool

    public init(_ enabled: Bool) { self.enabled = enabled }

    public func callAsFunction(_ text: String, _ styles: Style...) -> String { paint(text, styles) }

    public func paint(_ text: String, _ styles: [Style]) -> String {
        let codes = styles.map(\.code).filter { !$0.isEmpty }
        guard enabled, !codes.isEmpty else { return text }
        return "\u{1B}[" + codes.joined(separator: ";") + "m" + text + "\u{1B}[0m"
    }

    /// Returns the cursor to the start of the line and clears it: a progress line redrawn.
    public static let clearLine = "\r\u{1B}[K"
}
