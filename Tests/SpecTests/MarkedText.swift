/// YAML text with position markers `⟪name⟫`, stripped before parsing: each marker records
/// the line and column of the character that follows it, so a test states where a
/// diagnostic must point by pointing at it in the text itself.
struct MarkedText {
    var text: String
    var markers: [String: (line: Int, column: Int)]

    init(_ marked: String) {
        var text = ""
        var markers: [String: (line: Int, column: Int)] = [:]
        var line = 1, column = 1
        var rest = Substring(marked)
        while let open = rest.range(of: "⟪") {
            let before = rest[..<open.lowerBound]
            text += before
            for scalar in before.unicodeScalars {
                if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
            }
            let close = rest.range(of: "⟫", range: open.upperBound..<rest.endIndex)!
            markers[String(rest[open.upperBound..<close.lowerBound])] = (line, column)
            rest = rest[close.upperBound...]
        }
        text += rest
        self.text = text
        self.markers = markers
    }
}
