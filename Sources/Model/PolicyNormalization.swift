/// Canonical forms of the policies AWS stores as text, so that two documents that mean the
/// same thing compare equal and a plan never shows a perpetual diff: the most reported bug
/// of the tools before us (terraform-provider-aws #3839, #19365, #22639).
public enum PolicyNormalization {
    /// An IAM policy (repository or registry policy): statements as a list in a stable order,
    /// every action, resource, principal and condition value as a sorted list, account ids as
    /// their `:root` ARN, a missing `Version` as `2012-10-17`, an empty `Sid` dropped.
    public static func iamPolicy(_ policy: JSONValue, partition: String) -> JSONValue {
        guard case .object(var members) = policy else { return policy }
        if members["Version"] == nil { members["Version"] = .string("2012-10-17") }
        if let statements = members["Statement"] {
            let list = statements.arrayValue ?? [statements]
            members["Statement"] = .array(list.map { statement($0, partition: partition) }.sorted { $0.compactText < $1.compactText })
        }
        return .object(members)
    }

    private static func statement(_ statement: JSONValue, partition: String) -> JSONValue {
        guard case .object(var members) = statement else { return statement }
        if members["Sid"] == .string("") { members["Sid"] = nil }
        for key in ["Action", "NotAction", "Resource", "NotResource"] {
            if let value = members[key] { members[key] = stringSet(value) }
        }
        for key in ["Principal", "NotPrincipal"] {
            guard let value = members[key] else { continue }
            members[key] = principal(value, partition: partition)
        }
        if case .object(let operators) = members["Condition"] {
            members["Condition"] = .object(operators.mapValues { keys in
                guard case .object(let byKey) = keys else { return keys }
                return .object(byKey.mapValues(stringSet))
            })
        }
        return .object(members)
    }

    /// `"*"` stays; `{"AWS": "123456789012"}` and `{"AWS": ["arn:aws:iam::123456789012:root"]}` agree.
    private static func principal(_ value: JSONValue, partition: String) -> JSONValue {
        guard case .object(let byType) = value else { return value }
        return .object(byType.reduce(into: [:]) { result, entry in
            let ids = (entry.value.arrayValue ?? [entry.value]).map { id -> JSONValue in
                guard entry.key == "AWS", let text = id.stringValue, text.count == 12, text.allSatisfy(\.isNumber) else { return id }
                return .string("arn:\(partition):iam::\(text):root")
            }
            result[entry.key] = stringSet(.array(ids))
        })
    }

    /// A string or a list of strings, as a sorted list without repeats.
    private static func stringSet(_ value: JSONValue) -> JSONValue {
        let items = value.arrayValue ?? [value]
        guard items.allSatisfy({ $0.stringValue != nil }) else { return .array(items) }
        return .array(Set(items.compactMap(\.stringValue)).sorted().map(JSONValue.string))
    }

    /// A lifecycle policy: rules by priority; tag prefix and pattern lists as sorted sets;
    /// empty lists dropped (absent and empty mean the same to ECR).
    public static func lifecyclePolicy(_ policy: JSONValue) -> JSONValue {
        guard case .object(var members) = policy, let rules = members["rules"]?.arrayValue else { return policy }
        let normalized = rules.map { rule -> JSONValue in
            guard case .object(var ruleMembers) = rule else { return rule }
            if case .object(var selection) = ruleMembers["selection"] {
                for key in ["tagPrefixList", "tagPatternList"] {
                    guard let list = selection[key] else { continue }
                    let set = stringSet(list)
                    selection[key] = set.arrayValue?.isEmpty == true ? nil : set
                }
                ruleMembers["selection"] = .object(selection)
            }
            return .object(ruleMembers)
        }
        members["rules"] = .array(normalized.sorted { priority(of: $0) < priority(of: $1) })
        return .object(members)
    }

    private static func priority(of rule: JSONValue) -> Double {
        if case .number(let value) = rule["rulePriority"] { return value }
        return .infinity
    }
}
