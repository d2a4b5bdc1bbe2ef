/// Checks a lifecycle policy's structure and ECR's size limits: each rule's required
/// fields, their types and allowed words, and the documented constraints between rules.
enum LifecyclePolicyCheck {
    /// ECR's bounds on `lifecyclePolicyText`.
    static let lengthRange = 100...30_720

    static let ruleKeys = ["rulePriority", "description", "selection", "action"]
    static let selectionKeys = ["tagStatus", "tagPrefixList", "tagPatternList", "countType", "countUnit", "countNumber", "storageClass"]
    static let storageClasses = ["standard", "archive"]
    /// ECR's limit on `*` in one tag pattern.
    static let maximumWildcards = 4
    /// Images stay in archive at least this long before a rule may expire them.
    static let minimumArchiveDays = 90

    /// What the checks between rules need to know of each rule.
    private struct RuleSummary {
        var index: Int
        var path: JSONPath
        var priority: Int
        var tagStatus: String?
        var storageClass: String
    }
    static let tagStatuses = ["tagged", "untagged", "any"]
    static let countTypes = ["imageCountMoreThan", "sinceImagePushed", "sinceImagePulled", "sinceImageTransitioned"]
    static let actionTypes = ["expire", "transition"]
    static let actionKeys = ["type", "targetStorageClass"]
    static let countUnits = ["days"]
    static let targetStorageClasses = ["archive"]

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
        var summaries: [RuleSummary] = []
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
                let selection = rule["selection"]
                summaries.append(RuleSummary(index: index, path: rulePath, priority: priority, tagStatus: selection?["tagStatus"]?.stringValue,
                                             storageClass: selection?["storageClass"]?.stringValue ?? "standard"))
            }
            findings.diagnostics += ruleFindings.diagnostics
        }
        checkBetweenRules(summaries, policy: policy, label: label, findings: &findings)
        let length = policy.json.compactText.count
        if !lengthRange.contains(length) {
            findings.error(root, "the policy is \(length) characters once serialised; ECR accepts \(lengthRange.lowerBound) to \(lengthRange.upperBound)")
        }
        return findings.diagnostics
    }

    /// Rules of one storage class are evaluated together: there an `any` rule must come last
    /// (the highest rulePriority), and only one rule may select untagged images.
    private static func checkBetweenRules(_ rules: [RuleSummary], policy: LocatedPolicy, label: String, findings: inout PolicyFindings) {
        for storageClass in Set(rules.map(\.storageClass)).sorted() {
            let group = rules.filter { $0.storageClass == storageClass }
            guard let last = group.max(by: { $0.priority < $1.priority }) else { continue }
            let scope = storageClass == "standard" ? "" : " among \(storageClass) rules"
            for rule in group where rule.tagStatus == "any" && rule.index != last.index {
                var ruleFindings = PolicyFindings(policy: policy, label: "\(label), rule \(rule.index + 1)", relativeTo: rule.path)
                ruleFindings.error(rule.path.appending("rulePriority"),
                                   "a rule with tagStatus \"any\" must have the highest rulePriority\(scope) (it is evaluated last), "
                                       + "but rule \(last.index + 1) has \(last.priority)")
                findings.diagnostics += ruleFindings.diagnostics
            }
            let untagged = group.filter { $0.tagStatus == "untagged" }
            for rule in untagged.dropFirst() {
                var ruleFindings = PolicyFindings(policy: policy, label: "\(label), rule \(rule.index + 1)", relativeTo: rule.path)
                ruleFindings.error(rule.path.appending("selection").appending("tagStatus"),
                                   "only one rule\(scope) may select untagged images; rule \(untagged[0].index + 1) already does")
                findings.diagnostics += ruleFindings.diagnostics
            }
        }
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
            let countType = fields["selection"]?["countType"]?.stringValue, type = action["type"]?.stringValue
            if countType == "sinceImagePulled", type == "expire" {
                findings.error(path.appending("action").appending("type"),
                               "countType \"sinceImagePulled\" can only transition images to archive, not expire them "
                                   + "(expire archived images with \"sinceImageTransitioned\" instead)")
            }
            if countType == "sinceImageTransitioned", type == "transition" {
                findings.error(path.appending("action").appending("type"), "countType \"sinceImageTransitioned\" can only expire images")
            }
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
            guard key == "tagPatternList" else { continue }
            for (index, item) in items.enumerated() {
                let pattern = item.stringValue ?? ""
                let wildcards = pattern.filter { $0 == "*" }.count
                if wildcards > maximumWildcards {
                    findings.error(path.appending(key).appending(index),
                                   "tag pattern \"\(pattern)\" has \(wildcards) wildcards; ECR allows at most \(maximumWildcards) per pattern")
                }
            }
        }
        let storageClass = selection["storageClass"] == nil
            ? "standard" : word(selection, "storageClass", in: storageClasses, at: path, required: false, findings: &findings)
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
        if let countType, let storageClass {
            if countType == "sinceImageTransitioned", storageClass != "archive" {
                findings.error(path, "countType \"sinceImageTransitioned\" selects archived images: it needs \"storageClass\": \"archive\"")
            }
            if countType != "sinceImageTransitioned", storageClass == "archive" {
                findings.error(path.appending("storageClass"),
                               "\"storageClass\": \"archive\" is only allowed with countType \"sinceImageTransitioned\"")
            }
            if countType == "sinceImageTransitioned", case .number(let days)? = selection["countNumber"], days < Double(minimumArchiveDays) {
                findings.error(path.appending("countNumber"),
                               "archived images must stay in archive at least \(minimumArchiveDays) days; countNumber is \(JSONValue.format(number: days))")
            }
        }
        if let countType {
            if countType == "imageCountMoreThan" {
                if selection["countUnit"] != nil {
                    findings.error(path.appending("countUnit"), "\"countUnit\" is only allowed with the sinceImage… count types")
                }
            } else {
                _ = word(selection, "countUnit", in: countUnits, at: path, required: true, findings: &findings)
            }
        }
    }

    private static func checkAction(_ value: JSONValue, at path: JSONPath, findings: inout PolicyFindings) {
        guard case .object(let action) = value else {
            findings.error(path, "\"action\" must be an object, found \(value.kindName)")
            return
        }
        findings.rejectUnknownKeys(action, at: path, allowed: actionKeys)
        let type = word(action, "type", in: actionTypes, at: path, required: true, findings: &findings)
        if type == "transition" {
            _ = word(action, "targetStorageClass", in: targetStorageClasses, at: path, required: true, findings: &findings)
        } else if action["targetStorageClass"] != nil {
            findings.error(path.appending("targetStorageClass"), "\"targetStorageClass\" is only allowed with the \"transition\" action")
        }
    }
}
