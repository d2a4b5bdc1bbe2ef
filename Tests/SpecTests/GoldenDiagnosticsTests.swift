import Foundation
import Spec
import Testing
import TestSupport

/// The complete listing for a file with many mistakes: the user's first impression of the tool.
@Suite struct GoldenDiagnosticsTests {
    @Test func fullListingForAFileWithManyMistakes() throws {
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
        let spec = fixtures.appendingPathComponent("many-mistakes.yaml").path
        let loader = SpecLoader()
        let result = loader.load(path: spec)
        let listing = result.diagnostics.map { $0.description.replacingOccurrences(of: fixtures.path + "/", with: "") }
        expectGolden(listing.joined(separator: "\n") + "\n", named: "many-mistakes.expected")
    }
}
