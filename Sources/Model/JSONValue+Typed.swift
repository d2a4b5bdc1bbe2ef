import Foundation

/// A model value and the JSON a plan stores it as, through the value's own `Codable` keys:
/// the planner writes attributes with them and the apply steps read typed values back, so a
/// renamed key is a decoding error at apply, never a silent empty string.
extension JSONValue {
    /// The JSON of a model value. The model's values are strings, numbers, lists and
    /// records, which always encode.
    public init<Value: Encodable>(encoding value: Value) {
        do {
            let data = try JSONEncoder().encode(value)
            self = try JSONParser.value(String(decoding: data, as: UTF8.self))
        } catch {
            preconditionFailure("a model value did not encode to JSON: \(error)")
        }
    }

    /// This JSON as a model value; throws when a key or a value is not what the type reads.
    public func decode<Value: Decodable>(_ type: Value.Type) throws -> Value {
        try JSONDecoder().decode(Value.self, from: Data(compactText.utf8))
    }
}
