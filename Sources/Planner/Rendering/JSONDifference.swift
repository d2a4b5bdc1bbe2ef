
/// Where two JSON documents differ, as paths (`rules[0].selection.countNumber`) with the value
/// on each side: what a drift report shows for a policy instead of two walls of JSON.
enum JSONDifference {
    struct Entry: Equatable {
        var path: String
        var before: JSONValue?
        var after: JSONValue?
    }

    static func entries(_ before: JSONValue?, _ after: JSONValue?, path: String = "") -> [Entry] {
        guard before != after else { return [] }
        switch (before, after) {
        case (.object(let old)?, .object(let new)?):
            return Set(old.keys).union(new.keys).sorted().flatMap { key in
                entries(old[key], new[key], path: path.isEmpty ? key : "\(path).\(key)")
            }
        case (.array(let old)?, .array(let new)?) where !old.allSatisfy(isScalar) || !new.allSatisfy(isScalar):
            return (0..<max(old.count, new.count)).flatMap { index in
                entries(index < old.count ? old[index] : nil, index < new.count ? new[index] : nil, path: "\(path)[\(index)]")
            }
        default:
            return [Entry(path: path, before: before, after: after)]
        }
    }

    private static func isScalar(_ value: JSONValue) -> Bool {
        switch value {
        case .array, .object: false
        default: true
        }
    }
}
