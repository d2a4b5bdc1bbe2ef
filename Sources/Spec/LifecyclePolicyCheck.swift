/// Checks a lifecycle policy's structure and ECR's size limits: each rule's required
/// fields, their types and allowed words, and the documented constraints between rules.
enum LifecyclePolicyCheck {
    /// ECR's bounds on `lifecyclePolicyText`.
    static let lengthRange = 100...30_720

    static let ruleKeys = ["rulePriority", "description", "selection", "action"]
    static let selectionKeys = ["tagStatus", "tagPrefixList", "tagPatternList", "countType", "countUnit", "countNumber", "storageClass"]
    static let tagStatuses = ["tagged", "untagged", "any"]
    static let countTypes = ["imageCountMoreThan", "sinceImagePushed", "sinceImagePulled", "sinceImageTransitioned"]
    static let actionTypes = ["expire", "transition"]

    static func check(_ policy: LocatedPolicy, label: String) -> [Diagnostic] {
        var findings = PolicyFindings(policy: policy, label: label)
        let root = JSONPath()
        guard case .object(let document) = policy.json else {
            findings.error(root, "a lifecycle policy must be an object with \"rules\", found \(policy.json.kindName)")
            return findings.diagnostics
        }
        findings.rejectUnknownKeys(document, at: root, allowed: ["rules"])
        guard let rulesValue = document["rules"] else {
            findings.error(root, "missing \"rules\"")
            return findings.diagnostics
        }
        guard case .array(let rules) = rulesValue, !rules.isEmpty else {
            findings.error(root.appending("rules"), "\"rules\" must be a non-empty list, found \(rulesValue.kindName)")
            return findings.diagnostics
        }
        var priorities: [Int: Int] = [:]
        for (index, rule) in rules.enumerated() {
            let rulePath = root.appending("rules").appending(index)
            var ruleFindings = PolicyFindings(policy: policy, label: "\(label), rule \(index + 1)", relativeTo: rulePath)
            if let priority = checkRule(rule, at: rulePath, findings: &ruleFindings) {
                if let first = priorities[priority] {
                    ruleFindings.error(rulePath.appending("rulePriority"),
                                       "rulePriority \(priority) is already used by rule \(first + 1); priorities must be unique")
                } else {
                    priorities[priority] = index
                }
            }
            findings.diagnostics += ruleFindings.diagnostics
        }
        let length = policy.json.compactText.count
        if !lengthRange.contains(length) {
            findings.error(root, "the policy is \(length) characters once serialised; ECR accepts \(lengthRange.lowerBound) to \(lengthRange.upperBound)")
        }
        return findings.diagnostics
    }

    /// Returns the rule's priority when it is valid enough to have one.
    private static func checkRule(_ rule: JSONValue, at path: JSONPath, findings: inout PolicyFindings) -> Int? {
        guard case .object(let fields) = rule else {
            findings.error(path, "a rule must be an object, found \(rule.kindName)")
            return nil
        }
        findings.rejectUnknownKeys(fields, at: path, allowed: ruleKeys)
        var priority: Int?
        switch fields["rulePriority"] {
        case nil: findings.error(path, "missing \"rulePriority\"")
        case .number(let n)? where n >= 1 && n.rounded() == n && n < 1e9: priority = Int(n)
        case let other?: findings.error(path.appending("rulePriority"), "\"rulePriority\" must be a whole number of at least 1, found \(describe(other))")
        }
        if let description = fields["description"], description.stringValue == nil {
            findings.error(path.appending("description"), "\"description\" must be a string, found \(description.kindName)")
        }
        if let selection = fields["selection"] {
            checkSelection(selection, at: path.appending("selection"), findings: &findings)
        } else {
            findings.error(path, "missing \"selection\"")
        }
        if let action = fields["action"] {
            checkAction(action, at: path.appending("action"), findings: &findings)
        } else {
            findings.error(path, "missing \"action\" (like {\"type\": \"expire\"})")
        }
        return priority
    }

    private static func describe(_ value: JSONValue) -> String {
        switch value {
        case .string(let s): "\"\(s)\""
        case .number(let n): JSONValue.format(number: n)
        default: value.kindName
        }
    }

    private static func word(_ fields: [String: JSONValue], _ key: String, in allowed: [String], at path: JSONPath,
                             required: Bool, findings: inout PolicyFindings) -> String? {
        guard let value = fields[key] else {
            if required { findings.error(path, "missing \"\(key)\" (one of \(allowed.joined(separator: ", ")))") }
            return nil
        }
        guard case .string(let text) = value, allowed.contains(text) else {
            let found = describe(value)
            let hint = value.stringValue.map { Suggestion.hint(for: $0, in: allowed) } ?? ""
            findings.error(path.appending(key), "\"\(key)\" must be one of \(allowed.joined(separator: ", ")), found \(found)\(hint)")
            return nil
        }
        return text
    }

    private static func checkSelection(_ value: JSONValue, at path: JSONPath, findings: inout PolicyFindings) {
        guard case .object(let selection) = value else {
            findings.error(path, "\"selection\" must be an object, found \(value.kindName)")
            return
        }
        findings.rejectUnknownKeys(selection, at: path, allowed: selectionKeys)
        let tagStatus = word(selection, "tagStatus", in: tagStatuses, at: path, required: true, findings: &findings)
        let countType = word(selection, "countType", in: countTypes, at: path, required: true, findings: &findings)
        for key in ["tagPrefixList", "tagPatternList"] {
            guard let list = selection[key] else { continue }
            guard case .array(let items) = list, !items.isEmpty, items.allSatisfy({ !($0.stringValue ?? "").isEmpty }) else {
                findings.error(path.appending(key), "\"\(key)\" must be a non-empty list of strings, found \(describe(list))")
                continue
            }
        }
        let hasPrefixes = selection["tagPrefixList"] != nil, hasPatterns = selection["tagPatternList"] != nil
        if tagStatus == "tagged", !hasPrefixes, !hasPatterns {
            findings.error(path, "a rule with tagStatus \"tagged\" needs \"tagPrefixList\" or \"tagPatternList\"")
        }
        if tagStatus != "tagged", hasPrefixes || hasPatterns {
            findings.error(path, "\"tagPrefixList\" and \"tagPatternList\" are only allowed with tagStatus \"tagged\"")
        }
        if hasPrefixes, hasPatterns {
            findings.error(path, "\"tagPrefixList\" and \"tagPatternList\" cannot both be given in one rule")
        }
        switch selection["countNumber"] {
        case nil: findings.error(path, "missing \"countNumber\"")
        case .number(let n)? where n >= 1 && n.rounded() == n: break
        case let other?: findings.error(path.appending("countNumber"), "\"countNumber\" must be a whole number of at least 1, found \(describe(other))")
        }
        if let countType {
            if countType == "imageCountMoreThan" {
                if selection["countUnit"] != nil {
                    findings.error(path.appending("countUnit"), "\"countUnit\" is only allowed with the sinceImage… count types")
                }
            } else {
                _ = word(selection, "countUnit", in: ["days"], at: path, required: true, findings: &findings)
            }
        }
    }

    private static func checkAction(_ value: JSONValue, at path: JSONPath, findings: inout PolicyFindings) {
        guard case .object(let action) = value else {
            findings.error(path, "\"action\" must be an object, found \(value.kindName)")
            return
        }
        findings.rejectUnknownKeys(action, at: path, allowed: ["type", "targetStorageClass"])
        let type = word(action, "type", in: actionTypes, at: path, required: true, findings: &findings)
        if type == "transition" {
            _ = word(action, "targetStorageClass", in: ["archive"], at: path, required: true, findings: &findings)
        } else if action["targetStorageClass"] != nil {
            findings.error(path.appending("targetStorageClass"), "\"targetStorageClass\" is only allowed with the \"transition\" action")
        }
    }
}
