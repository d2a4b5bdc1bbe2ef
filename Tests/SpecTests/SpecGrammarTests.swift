@testable import Spec
import Testing

/// The JSON Schema and the decoder's grammar, walked side by side: every mapping's keys,
/// its required keys, and every enumerated value. A difference is a schema that calls a
/// file valid that `validate` refuses (or the other way round).
@Suite struct SpecGrammarTests {
    struct Walked {
        var objects: [String: (keys: [String], required: [String])] = [:]
        var enumerations: [String: [String]] = [:]
    }

    /// Every closed mapping and every enum of the schema, by path (`$name` for a definition).
    static func walk() throws -> Walked {
        let schema = try JSONParser.value(SpecSchema.json)
        var walked = Walked()
        var visited: Set<String> = []
        func visit(_ node: JSONValue, _ path: String) {
            if let reference = node["$ref"]?.stringValue {
                let name = String(reference.split(separator: "/").last ?? "")
                if visited.insert(name).inserted, let definition = schema["$defs"]?[name] { visit(definition, "$" + name) }
                return
            }
            if let properties = node["properties"]?.objectValue {
                if node["additionalProperties"] == .bool(false) {
                    walked.objects[path] = (properties.keys.sorted(), (node["required"]?.arrayValue ?? []).compactMap(\.stringValue).sorted())
                }
                for (key, value) in properties { visit(value, path.isEmpty ? key : path + "." + key) }
            }
            if let values = node["enum"]?.arrayValue { walked.enumerations[path] = values.compactMap(\.stringValue) }
            for combinator in ["anyOf", "oneOf", "allOf"] {
                for option in node[combinator]?.arrayValue ?? [] { visit(option, path) }
            }
            if let items = node["items"] { visit(items, path + "[]") }
            if let additional = node["additionalProperties"], additional.objectValue != nil { visit(additional, path + ".*") }
        }
        visit(schema, "")
        return walked
    }

    @Test func everyMappingHasTheSameKeysAndRequiredKeys() throws {
        let walked = try Self.walk()
        let grammar = Dictionary(uniqueKeysWithValues: SpecGrammar.objects.map { ($0.path, $0) })
        // Mappings of repositories and named policies are reached through `.*`; the grammar names them by definition.
        let schemaPaths = Set(walked.objects.keys), grammarPaths = Set(grammar.keys)
        #expect(schemaPaths.subtracting(grammarPaths).isEmpty, "in the schema, not the grammar: \(schemaPaths.subtracting(grammarPaths).sorted())")
        #expect(grammarPaths.subtracting(schemaPaths).isEmpty, "in the grammar, not the schema: \(grammarPaths.subtracting(schemaPaths).sorted())")
        for (path, object) in grammar {
            guard let schema = walked.objects[path] else { continue }
            #expect(schema.keys == object.keys.sorted(), "keys of '\(path)'")
            #expect(schema.required == object.required.sorted(), "required keys of '\(path)'")
        }
    }

    @Test func everyEnumeratedValueIsTheSame() throws {
        let walked = try Self.walk()
        #expect(Set(walked.enumerations.keys) == Set(SpecGrammar.enumerations.keys),
                "paths: \(Set(walked.enumerations.keys).symmetricDifference(SpecGrammar.enumerations.keys).sorted())")
        for (path, values) in SpecGrammar.enumerations {
            #expect(walked.enumerations[path].map(Set.init) == Set(values), "values of '\(path)'")
        }
    }

    /// The grammar's required keys are what the decoder asks for: each one left out of an
    /// otherwise valid spec is an error naming it.
    @Test(arguments: [
        ("registry_scanning: { rules: [] }", "scan_type"),
        ("registry_scanning: { scan_type: BASIC, rules: [{ scan_frequency: SCAN_ON_PUSH }] }", "repository_filters"),
        ("registry_scanning: { scan_type: BASIC, rules: [{ repository_filters: [\"*\"] }] }", "scan_frequency"),
        ("replication: {}", "rules"),
        ("replication: { rules: [{ repository_filters: [a-] }] }", "destinations"),
        ("replication: { rules: [{ destinations: [{ registry_id: \"111111111111\" }] }] }", "region"),
        ("repositories: { api: { encryption: { kms_key: k } } }", "type"),
        ("repositories: { api: { image_tag_mutability: { exclusions: [latest] } } }", "mode"),
    ])
    func aMissingRequiredKeyIsAnError(_ yaml: String, _ key: String) {
        let loaded = SpecLoader().load(bytes: Array(("version: 1\n" + yaml + "\n").utf8), file: "registry.yaml", baseDirectory: ".")
        let errors = loaded.diagnostics.filter { $0.severity == .error }.map(\.message)
        #expect(errors.contains { $0.contains("needs '\(key)'") }, "\(errors)")
    }

    /// What the schema allows and the decoder used to refuse: now the same answer.
    @Test func manualFrequencyAndEmptyFiltersAreAcceptedAsTheSchemaAndECRAccept() {
        let yaml = "version: 1\nregistry_scanning:\n  scan_type: ENHANCED\n  rules:\n    - { scan_frequency: MANUAL, repository_filters: [\"*\"] }\n"
            + "    - { scan_frequency: SCAN_ON_PUSH, repository_filters: [] }\n"
        let loaded = SpecLoader().load(bytes: Array(yaml.utf8), file: "registry.yaml", baseDirectory: ".")
        #expect(loaded.diagnostics.filter { $0.severity == .error }.isEmpty, "\(loaded.diagnostics)")
        #expect(loaded.diagnostics.filter { $0.severity == .warning }.count == 2, "MANUAL and the empty filter list are warnings")
        #expect(loaded.registry?.scanning?.rules.map(\.frequency) == [.manual, .scanOnPush])
    }

    /// Every kind has its section once (the planner's and the reconciler's tables are checked
    /// against the same list): adding a kind without its spec section fails here.
    @Test func everyKindHasASpecSectionOnce() {
        #expect(SpecSections.kinds == ResourceKind.allCases)
        #expect(Set(SpecSections.all.map { $0.key }).count == SpecSections.all.count)
        for section in SpecSections.all { #expect(SpecGrammar.top.keys.contains(section.key), "\(section.key) is a top-level key") }
    }
}
