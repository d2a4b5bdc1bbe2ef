import Foundation
import Testing

/// `make test`, `make demo` and `.ci/run` read nothing outside the repository: no file the
/// tests, scripts or build name reaches beside the checkout (a sibling folder once held the
/// SigV4 suite). A clone with nothing beside it runs the whole suite; this keeps it so.
@Suite struct SelfContainedTests {
    static let root = ValidateCommandTests.packageRoot
    /// Paths beside or above the checkout, spelled in pieces so this file does not name them.
    static let outsidePaths = [".." + "/shared", "shared" + "/testdata", "/work" + "/"]

    @Test func nothingTheSuiteRunsReachesOutsideTheRepository() throws {
        var offenders: [String] = []
        let places = ["Tests", "scripts", "bench", ".ci", "Makefile", "Package.swift", "Plugins", "Fuzz"]
        for place in places {
            let url = Self.root.appendingPathComponent(place)
            var files: [URL] = []
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                let enumerator = FileManager.default.enumerator(at: url, includingPropertiesForKeys: nil)
                while let next = enumerator?.nextObject() as? URL {
                    if next.path.contains("/Fixtures/") { continue }
                    files.append(next)
                }
            } else {
                files.append(url)
            }
            for file in files {
                guard let text = try? String(contentsOf: file, encoding: .utf8) else { continue }
                for needle in Self.outsidePaths where text.contains(needle) {
                    offenders.append("\(file.path.replacingOccurrences(of: Self.root.path + "/", with: "")) mentions \(needle)")
                }
            }
        }
        #expect(offenders.isEmpty, "\(offenders)")
    }

    @Test func theVendoredTestDataCarriesItsSourceAndLicence() throws {
        let sigv4 = try String(contentsOf: Self.root.appendingPathComponent("Tests/AWSClientTests/Fixtures/sigv4/README.md"), encoding: .utf8)
        #expect(sigv4.contains("awslabs/aws-c-auth") && sigv4.contains("Apache"))
        let corpus = try String(contentsOf: Self.root.appendingPathComponent("Tests/CLITests/Fixtures/RealWorld/SOURCES.md"), encoding: .utf8)
        let listed = Set(corpus.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("| "), let file = line.split(separator: "|").first?.trimmingCharacters(in: .whitespaces), file.hasSuffix(".json")
            else { return nil }
            return file
        })
        let directory = Self.root.appendingPathComponent("Tests/CLITests/Fixtures/RealWorld")
        var present: Set<String> = []
        for kind in try FileManager.default.contentsOfDirectory(atPath: directory.path) where !kind.hasSuffix(".md") {
            for file in try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent(kind).path) {
                present.insert("\(kind)/\(file)")
            }
        }
        #expect(present == listed, "every corpus document has its source line: missing \(present.subtracting(listed)), stale \(listed.subtracting(present))")
    }
}
