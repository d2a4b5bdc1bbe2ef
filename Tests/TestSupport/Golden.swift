import Foundation
import Testing

/// Compares `actual` with a committed golden file. `RECORD_GOLDEN=1 swift test` rewrites
/// the file, and the test still fails so that a recording is never mistaken for a pass.
public func expectGolden(_ actual: String, named name: String, filePath: String = #filePath, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    let url = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)")
    if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
        try? actual.write(to: url, atomically: true, encoding: .utf8)
        Issue.record("recorded \(url.path); run again without RECORD_GOLDEN to check it", sourceLocation: sourceLocation)
        return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
        Issue.record("no golden file \(url.path); record it with RECORD_GOLDEN=1", sourceLocation: sourceLocation)
        return
    }
    #expect(actual == expected, sourceLocation: sourceLocation)
}
