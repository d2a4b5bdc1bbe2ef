/// A strict JSON parser (RFC 8259) that remembers where every value starts,
/// so a mistake inside a policy file is reported at its own line and column.
///
/// Foundation's JSONSerialization is not used: it loses positions, accepts duplicate keys
/// silently and cannot tell `1` from `true` on Linux.
public struct JSONParser {
    /// Where and why a document is not JSON.
    public struct Failure: Error, Sendable, Equatable {
        public var line: Int
        public var column: Int
        public var message: String
    }

    /// Nesting deeper than this is refused: no policy needs it, and it bounds the recursion.
    public static let maximumDepth = 64

    private let bytes: [UInt8]
    private var index = 0
    private var line = 1
    private var lineStart = 0
    private var locations: [JSONPath: (line: Int, column: Int)] = [:]
    private let tracksLocations: Bool

    private init(_ text: String, tracksLocations: Bool = true) {
        bytes = Array(text.utf8)
        self.tracksLocations = tracksLocations
    }

    /// Parses one JSON document without recording positions: for documents that come from
    /// AWS rather than from the user, where there is no file to point into.
    public static func value(_ text: String) throws(Failure) -> JSONValue {
        var parser = JSONParser(text, tracksLocations: false)
        parser.skipWhitespace()
        let value = try parser.parseValue(path: JSONPath(), depth: 0)
        parser.skipWhitespace()
        if parser.index < parser.bytes.count { throw parser.failure("unexpected text after the JSON document") }
        return value
    }

    /// Parses one JSON document; `locations` maps each value's path to its (line, column).
    public static func parse(_ text: String) throws(Failure) -> (value: JSONValue, locations: [JSONPath: (line: Int, column: Int)]) {
        var parser = JSONParser(text)
        parser.skipWhitespace()
        let value = try parser.parseValue(path: JSONPath(), depth: 0)
        parser.skipWhitespace()
        if parser.index < parser.bytes.count { throw parser.failure("unexpected text after the JSON document") }
        return (value, parser.locations)
    }

    private var column: Int {
        // Columns count characters, not bytes, like the YAML parser does.
        String(decoding: bytes[lineStart..<index], as: UTF8.self).unicodeScalars.count + 1
    }

    private func failure(_ message: String) -> Failure {
        Failure(line: line, column: column, message: message)
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"): index += 1
            case UInt8(ascii: "\n"): index += 1; line += 1; lineStart = index
            default: return
            }
        }
    }

    private mutating func parseValue(path: JSONPath, depth: Int) throws(Failure) -> JSONValue {
        guard depth <= Self.maximumDepth else { throw failure("JSON nested deeper than \(Self.maximumDepth) levels") }
        guard index < bytes.count else { throw failure("unexpected end of JSON") }
        if tracksLocations { locations[path] = (line, column) }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject(path: path, depth: depth)
        case UInt8(ascii: "["): return try parseArray(path: path, depth: depth)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectWord("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectWord("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectWord("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw failure("unexpected character '\(Character(Unicode.Scalar(bytes[index])))'")
        }
    }

    private mutating func expectWord(_ word: String) throws(Failure) {
        let utf8 = Array(word.utf8)
        guard bytes.count - index >= utf8.count, Array(bytes[index..<index + utf8.count]) == utf8 else {
            throw failure("invalid literal (expected '\(word)')")
        }
        index += utf8.count
    }

    private mutating func parseObject(path: JSONPath, depth: Int) throws(Failure) -> JSONValue {
        index += 1
        var members: [String: JSONValue] = [:]
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return .object([:]) }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw failure("expected a string key") }
            let keyStart = (index: index, line: line, lineStart: lineStart)
            let key = try parseString()
            if members[key] != nil {
                (index, line, lineStart) = keyStart  // report at the key
                throw failure("duplicate key \"\(key)\"")
            }
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw failure("expected ':' after a key") }
            index += 1
            skipWhitespace()
            members[key] = try parseValue(path: tracksLocations ? path.appending(key) : path, depth: depth + 1)
            skipWhitespace()
            guard index < bytes.count else { throw failure("unexpected end of JSON (an object is not closed)") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
            throw failure("expected ',' or '}'")
        }
    }

    private mutating func parseArray(path: JSONPath, depth: Int) throws(Failure) -> JSONValue {
        index += 1
        var items: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return .array([]) }
        while true {
            skipWhitespace()
            items.append(try parseValue(path: tracksLocations ? path.appending(items.count) : path, depth: depth + 1))
            skipWhitespace()
            guard index < bytes.count else { throw failure("unexpected end of JSON (a list is not closed)") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
            throw failure("expected ',' or ']'")
        }
    }

    private mutating func parseString() throws(Failure) -> String {
        index += 1
        // Most strings have no escape: one scan, one decode.
        var end = index
        while end < bytes.count, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "\\"), bytes[end] >= 0x20 { end += 1 }
        if end < bytes.count, bytes[end] == UInt8(ascii: "\"") {
            let text = String(decoding: bytes[index..<end], as: UTF8.self)
            index = end + 1
            return text
        }
        // With escapes: collect UTF-8 bytes (escapes written as their bytes), decode once.
        var raw = Array(bytes[index..<end])
        index = end
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return String(decoding: raw, as: UTF8.self)
            case UInt8(ascii: "\\"):
                index += 1
                guard index < bytes.count else { break }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): raw.append(escape)
                case UInt8(ascii: "b"): raw.append(0x08)
                case UInt8(ascii: "f"): raw.append(0x0C)
                case UInt8(ascii: "n"): raw.append(0x0A)
                case UInt8(ascii: "r"): raw.append(0x0D)
                case UInt8(ascii: "t"): raw.append(0x09)
                case UInt8(ascii: "u"): raw.append(contentsOf: Array(String(try parseUnicodeEscape()).utf8))
                default: throw failure("invalid escape in a string")
                }
            case 0..<0x20:
                throw failure("control character in a string (newlines must be written \\n)")
            default:
                raw.append(byte)
                index += 1
            }
        }
        throw failure("unexpected end of JSON (a string is not closed)")
    }

    private mutating func parseHex4() throws(Failure) -> UInt32 {
        guard bytes.count - index >= 4, let value = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16)
        else { throw failure("invalid \\u escape") }
        index += 4
        return value
    }

    private mutating func parseUnicodeEscape() throws(Failure) -> Unicode.Scalar {
        let first = try parseHex4()
        if (0xD800..<0xDC00).contains(first) {
            guard bytes.count - index >= 2, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                throw failure("unpaired surrogate in \\u escape")
            }
            index += 2
            let second = try parseHex4()
            guard (0xDC00..<0xE000).contains(second),
                let scalar = Unicode.Scalar(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))
            else { throw failure("invalid surrogate pair in \\u escape") }
            return scalar
        }
        guard let scalar = Unicode.Scalar(first) else { throw failure("invalid \\u escape") }
        return scalar
    }

    private mutating func parseNumber() throws(Failure) -> JSONValue {
        let start = index
        func digits() -> Int {
            let from = index
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
            return index - from
        }
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        let integerStart = index
        guard digits() > 0 else { throw failure("invalid number") }
        if bytes[integerStart] == UInt8(ascii: "0"), index - integerStart > 1 { throw failure("numbers may not have leading zeros") }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { throw failure("invalid number") }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { throw failure("invalid number") }
        }
        guard let number = Double(String(decoding: bytes[start..<index], as: UTF8.self)), number.isFinite else {
            throw failure("number out of range")
        }
        return .number(number)
    }
}
