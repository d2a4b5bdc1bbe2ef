/// JSON text as the user wrote it, minus insignificant whitespace: what apply sends for a
/// policy, so that the console, the AWS CLI and audits show the document the team reviewed
/// (key order, statement order, Sids and descriptions as written).
public enum JSONText {
    /// `text` (valid JSON) without whitespace outside strings.
    public static func minified(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var inString = false, escaped = false
        for byte in text.utf8 {
            if inString {
                out.append(byte)
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D: continue
            case UInt8(ascii: "\""): inString = true
            default: break
            }
            out.append(byte)
        }
        return String(decoding: out, as: UTF8.self)
    }
}
