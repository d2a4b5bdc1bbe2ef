import JSON
import Testing

@Suite struct JSONTests {
    @Test func parsesEveryKindAndKnowsWhereEachValueStarts() throws {
        let (value, locations) = try JSONParser.parse("{\n  \"a\": [1, -2.5e1, true, null],\n  \"b\": \"x\\u00e9\\n\\ud83d\\ude00\"\n}")
        #expect(value == .object(["a": .array([.number(1), .number(-25), .bool(true), .null]), "b": .string("xé\n😀")]))
        #expect(locations[JSONPath().appending("a").appending(1)]! == (2, 12))
        #expect(locations[JSONPath().appending("b")]! == (3, 8))
    }

    @Test(arguments: [
        ("{\"a\": 1, \"a\": 2}", "duplicate key \"a\""),
        ("[1, 2", "a list is not closed"),
        ("{\"a\": 01}", "leading zeros"),
        ("\"tab\tinside\"", "control character"),
        ("{} x", "unexpected text after"),
        ("tru", "invalid literal"),
        ("{'a': 1}", "expected a string key"),
    ])
    func refusesInvalidJSON(_ text: String, _ message: String) {
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(text) }
        do {
            _ = try JSONParser.parse(text)
        } catch {
            #expect(error.message.contains(message), "\(error.message)")
        }
    }

    @Test func serialisationIsCanonical() throws {
        let (a, _) = try JSONParser.parse("{\"b\": [1, 2.5], \"a\": {\"y\": \"\\\"q\\\"\", \"x\": null}}")
        let (b, _) = try JSONParser.parse("{\"a\":{\"x\":null,\"y\":\"\\\"q\\\"\"},\"b\":[1.0,2.5]}")
        #expect(a == b)
        #expect(a.compactText == "{\"a\":{\"x\":null,\"y\":\"\\\"q\\\"\"},\"b\":[1,2.5]}")
        #expect(try JSONParser.parse(a.prettyText).value == a, "pretty text parses back to the same value")
    }
}
