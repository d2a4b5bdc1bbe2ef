/// Checks a spec's raw bytes before the YAML parser sees them, so hostile input is refused
/// in bounded time and memory: too large, not UTF-8, or nested deeper than any spec needs
/// (the YAML composer recurses once per level, and a deep enough document would
/// overflow the stack).
enum InputGuard {
    static let maximumBytes = 5 * 1024 * 1024
    static let maximumDepth = 100

    /// The decoded text, or the one diagnostic that explains why it was refused.
    static func check(_ bytes: [UInt8], file: String) -> Result<String, Diagnostic> {
        func refuse(_ line: Int, _ column: Int, _ message: String) -> Result<String, Diagnostic> {
            .failure(Diagnostic(.error, at: SourceLocation(file: file, line: line, column: column), message))
        }
        if bytes.count > maximumBytes {
            return refuse(1, 1, "the file is \(bytes.count) bytes; a spec may be at most \(maximumBytes) bytes (5 MiB)")
        }
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if let bad = firstInvalidUTF8(body) {
            let (line, column) = position(of: bad, in: body)
            return refuse(line, column, "the file is not valid UTF-8 (byte 0x\(String(body[bad], radix: 16, uppercase: true)) at offset \(bad - body.startIndex)); save it as UTF-8")
        }
        let text = String(decoding: body, as: UTF8.self)
        if let (line, column, depth) = excessiveNesting(text) {
            return refuse(line, column, "the document is nested more than \(maximumDepth) levels deep (\(depth)); no spec needs that")
        }
        return .success(text)
    }

    /// The index of the first byte that is not part of well-formed UTF-8, if any.
    static func firstInvalidUTF8(_ bytes: ArraySlice<UInt8>) -> Int? {
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let b = bytes[i]
            let length: Int
            switch b {
            case 0x00...0x7F: i += 1; continue
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return i
            }
            guard bytes.endIndex - i >= length else { return i }
            for k in 1..<length where bytes[i + k] & 0xC0 != 0x80 { return i }
            let b1 = bytes[i + 1]
            // Overlong forms, surrogates and code points past U+10FFFF.
            if (b == 0xE0 && b1 < 0xA0) || (b == 0xED && b1 > 0x9F) || (b == 0xF0 && b1 < 0x90) || (b == 0xF4 && b1 > 0x8F) {
                return i
            }
            i += length
        }
        return nil
    }

    static func position(of index: Int, in bytes: ArraySlice<UInt8>) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = bytes.startIndex
        for i in bytes.startIndex..<index where bytes[i] == UInt8(ascii: "\n") {
            line += 1
            lineStart = i + 1
        }
        let prefix = String(decoding: bytes[lineStart..<index], as: UTF8.self)
        return (line, prefix.unicodeScalars.count + 1)
    }

    /// A conservative estimate of nesting: open flow brackets outside quotes and comments,
    /// plus block levels (indentation steps and compact `- ` entries). It may over-count
    /// inside block scalars, never under-count, and real specs stay far below the limit.
    static func excessiveNesting(_ text: String) -> (line: Int, column: Int, depth: Int)? {
        var flowDepth = 0
        var indents: [Int] = []
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let scalars = Array(line.unicodeScalars)
            var column = 0
            while column < scalars.count, scalars[column] == " " { column += 1 }
            if column == scalars.count || scalars[column] == "#" { continue }
            while let last = indents.last, last >= column { indents.removeLast() }
            indents.append(column)
            var blockDepth = indents.count
            var i = column
            while i + 1 < scalars.count, scalars[i] == "-" || scalars[i] == "?", scalars[i + 1] == " " {
                blockDepth += 1
                i += 2
                while i < scalars.count, scalars[i] == " " { i += 1 }
            }
            var quote: Unicode.Scalar?
            while i < scalars.count {
                let c = scalars[i]
                if let q = quote {
                    if c == q { quote = nil }
                } else {
                    switch c {
                    case "\"", "'": quote = c
                    case "#" where i > 0 && (scalars[i - 1] == " " || scalars[i - 1] == "\t"): i = scalars.count
                    case "[", "{": flowDepth += 1
                    case "]", "}": flowDepth = max(0, flowDepth - 1)
                    default: break
                    }
                }
                if flowDepth + blockDepth > maximumDepth { return (lineNumber, i + 1, flowDepth + blockDepth) }
                i += 1
            }
            if flowDepth + blockDepth > maximumDepth { return (lineNumber, column + 1, flowDepth + blockDepth) }
        }
        return nil
    }
}
