import Foundation
import Yams

/// The result of reading a spec: the registry when it is valid, and every finding.
public struct LoadedSpec: Sendable {
    /// Every registry the spec declares; `nil` when any error was found.
    public var spec: DesiredSpec?
    /// Sorted by place.
    public var diagnostics: [Diagnostic]

    /// The registry of a one-registry spec (`registry:`, or a `registries:` with one entry).
    public var registry: DesiredRegistry? { spec?.registries.count == 1 ? spec?.registries[0].registry : nil }

    public init(spec: DesiredSpec?, diagnostics: [Diagnostic]) {
        self.spec = spec
        self.diagnostics = diagnostics
    }

    init(registry: DesiredRegistry?, diagnostics: [Diagnostic]) {
        self.init(spec: registry.map { DesiredSpec(registries: [DeclaredRegistry(name: nil, registry: $0)]) }, diagnostics: diagnostics)
    }
}

/// Reads a `registry.yaml` into a `DesiredRegistry`, validating everything that can be
/// known without AWS. The only I/O is reading the spec and the policy files it names,
/// through `readFile`, so tests can give files from memory.
public struct SpecLoader: Sendable {
    public typealias FileReader = @Sendable (_ path: String) throws -> [UInt8]

    public var readFile: FileReader

    public init(readFile: @escaping FileReader = SpecLoader.readFromDisk) {
        self.readFile = readFile
    }

    @Sendable public static func readFromDisk(_ path: String) throws -> [UInt8] {
        // Read at most one byte past the limit, so a huge file is refused without loading it.
        guard let handle = FileHandle(forReadingAtPath: path) else { throw CocoaError(.fileReadNoSuchFile) }
        defer { try? handle.close() }
        return [UInt8](try handle.read(upToCount: InputGuard.maximumBytes + 1) ?? Data())
    }

    /// Reads and validates the spec at `path`; policy files are found relative to it.
    public func load(path: String) -> LoadedSpec {
        let bytes: [UInt8]
        do {
            bytes = try readFile(path)
        } catch {
            let reason = (error as? CocoaError)?.code == .fileReadNoSuchFile ? "no such file" : "cannot be read (\(error.localizedDescription))"
            return LoadedSpec(registry: nil, diagnostics: [
                Diagnostic(.error, at: SourceLocation(file: path, line: 1, column: 1), "\(path) \(reason)"),
            ])
        }
        let directory = (path as NSString).deletingLastPathComponent
        return load(bytes: bytes, file: path, baseDirectory: directory.isEmpty ? "." : directory)
    }

    /// Validates a spec given as bytes; `file` names it in messages.
    public func load(bytes: [UInt8], file: String, baseDirectory: String = ".") -> LoadedSpec {
        let text: String
        switch InputGuard.check(bytes, file: file) {
        case .failure(let diagnostic): return LoadedSpec(registry: nil, diagnostics: [diagnostic])
        case .success(let decoded): text = decoded
        }
        let root: Node
        // The parser owns the anchors; it must outlive the walk, which counts alias uses.
        let parser: Parser
        do {
            parser = try Parser(yaml: text)
            guard let node = try parser.singleRoot() else {
                return LoadedSpec(registry: nil, diagnostics: [
                    Diagnostic(.error, at: SourceLocation(file: file, line: 1, column: 1), "the file is empty; a spec starts with 'version: 1'"),
                ])
            }
            root = node
        } catch {
            return LoadedSpec(registry: nil, diagnostics: [YAMLErrorTranslation.diagnostic(for: error, file: file, text: text)])
        }
        let decoder = SpecDecoder(file: file, baseDirectory: baseDirectory, readFile: readFile)
        let spec = withExtendedLifetime(parser) { decoder.decodeSpec(root) }
        // A shared section read once per registry reports its findings once.
        var seen: Set<Diagnostic> = []
        let diagnostics = decoder.reader.diagnostics.filter { seen.insert($0).inserted }.sortedByLocation()
        return LoadedSpec(spec: diagnostics.hasErrors ? nil : spec, diagnostics: diagnostics)
    }
}

/// Turns the YAML parser's errors into diagnostics with a place and a plain message.
enum YAMLErrorTranslation {
    static func diagnostic(for error: Error, file: String, text: String) -> Diagnostic {
        func at(_ mark: Mark?, _ message: String) -> Diagnostic {
            Diagnostic(.error, at: SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1), message)
        }
        guard let yamlError = error as? YamlError else { return at(nil, "cannot read the YAML: \(error)") }
        switch yamlError {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
            let detail = context.map { " \($0.text)" } ?? ""
            return at(mark, "invalid YAML: \(problem)\(detail)")
        case let .duplicatedKeysInMapping(duplicates, context):
            // Reported at the duplicate, as yamllint and editors do, naming the first.
            let names = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            let first = context.mark
            guard let later = laterOccurrence(of: duplicates.first ?? "", after: first, in: text) else {
                return at(first, "duplicate key \(names) in the same mapping; each key may appear once")
            }
            return Diagnostic(.error, at: SourceLocation(file: file, line: later.line, column: later.column),
                              "duplicate key \(names) in the same mapping (first at line \(first.line)); each key may appear once")
        case let .reader(problem, offset, _, _):
            return at(nil, "cannot read the file: \(problem)\(offset.map { " at byte \($0)" } ?? "")")
        default:
            return at(nil, "cannot read the YAML: \(yamlError)")
        }
    }

    /// Where the key appears again after its first occurrence: the next `key:` at the same
    /// indentation (block style), or later on the same line (flow style, `{a: 1, a: 2}`).
    private static func laterOccurrence(of key: String, after mark: Mark, in text: String) -> (line: Int, column: Int)? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard mark.line >= 1, mark.line <= lines.count else { return nil }
        let spellings = [key, "\"\(key)\"", "'\(key)'"]
        let sameLine = Array(lines[mark.line - 1].utf8)
        let start = min(mark.column, sameLine.count)
        for spelling in spellings {
            let needle = Array((spelling + ":").utf8)
            var index = start
            while index + needle.count <= sameLine.count {
                if Array(sameLine[index..<index + needle.count]) == needle, index == 0 || [0x20, 0x2C, 0x7B].contains(sameLine[index - 1]) {
                    return (mark.line, index + 1)
                }
                index += 1
            }
        }
        let indent = String(repeating: " ", count: mark.column - 1)
        for (offset, line) in lines.dropFirst(mark.line).enumerated() {
            if spellings.contains(where: { line.hasPrefix(indent + $0 + ":") }) { return (mark.line + offset + 1, mark.column) }
        }
        return nil
    }
}
