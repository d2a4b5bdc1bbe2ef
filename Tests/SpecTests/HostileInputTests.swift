import Spec
import Testing

/// Input made to hurt: each is refused with a clear error, in bounded time and memory.
@Suite struct HostileInputTests {
    @Test func fileOverFiveMegabytesIsRefusedUnread() {
        let result = SpecLoader().load(bytes: [UInt8](repeating: UInt8(ascii: "#"), count: 5 * 1024 * 1024 + 1), file: "big.yaml")
        #expect(result.diagnostics.map(\.description) == [
            "big.yaml:1:1: error: the file is 5242881 bytes; a spec may be at most 5242880 bytes (5 MiB)",
        ])
    }

    @Test func nonUTF8BytesArePlaced() {
        let bytes = Array("version: 1\nrepositories:\n  caf".utf8) + [0xE9] + Array(": {}\n".utf8)
        let result = SpecLoader().load(bytes: bytes, file: "latin1.yaml")
        #expect(result.diagnostics.count == 1)
        #expect(result.diagnostics.first?.description.hasPrefix("latin1.yaml:3:6: error: the file is not valid UTF-8 (byte 0xE9") == true)
    }

    @Test func aliasBombIsStoppedByTheBudget() {
        var yaml = "version: 1\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...9 {
            let refs = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
            yaml += "a\(level): &a\(level) [\(refs)]\n"
        }
        yaml += "repositories:\n  bomb-repo:\n    repository_policy: { Version: \"2012-10-17\", Statement: *a9 }\n"
        let result = load(yaml)
        #expect(result.registry == nil)
        #expect(result.diagnostics.errors.map(\.message).contains(
            "the document uses anchors and aliases more than 10000 times (a YAML alias bomb?); refusing to read further"))
    }

    @Test func deepNestingIsRefusedBeforeParsing() {
        let flow = "version: 1\nrepositories: " + String(repeating: "[", count: 100_000) + "\n"
        let result = load(flow, file: "deep.yaml")
        #expect(result.diagnostics.count == 1)
        #expect(result.diagnostics.first?.message.contains("nested more than 100 levels") == true)
        let block = "version: 1\n" + (0..<200).map { String(repeating: " ", count: $0) + "k\($0):" }.joined(separator: "\n")
        #expect(load(block).diagnostics.first?.message.contains("nested more than 100 levels") == true)
        let dashes = "version: 1\nrepositories:\n" + String(repeating: "- ", count: 150) + "x\n"
        #expect(load(dashes).diagnostics.first?.message.contains("nested more than 100 levels") == true)
    }

    @Test func emptyAndNonMappingDocuments() {
        #expect(load("").diagnostics.map(\.message) == ["the file is empty; a spec starts with 'version: 1'"])
        #expect(load("- a\n- b\n").diagnostics.map(\.message) == ["the spec must be a mapping, found a list"])
        #expect(load("version: 1\n---\nversion: 1\n").diagnostics.first?.message.contains("invalid YAML") == true)
    }

    @Test func deepJSONInAPolicyFileIsRefused() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        let result = load("version: 1\nrepositories:\n  one-repo:\n    repository_policy: { file: deep.json }\n", files: ["deep.json": deep])
        #expect(result.diagnostics.errors.first?.message.contains("nested deeper than 64 levels") == true)
    }
}
