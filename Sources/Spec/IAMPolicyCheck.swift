/// Checks a resource policy (repository or registry policy) against IAM's policy grammar, as
/// far as it can be known without calling AWS. An error only where ECR refuses the document
/// (docs/spec.md lists each rule's source); what ECR takes but may surprise is a warning.
/// Not checked: the `Sid` alphabet and uniqueness. IAM's rule for identity policies ("letters
/// and digits", unique) is not ECR's: ECR stores `"Sid": "new statement"` (botocore's own
/// example) and two statements sharing a Sid (the ECR User Guide's registry permissions
/// example; moto's model says "ECR does not have uniqueness requirements on Sids").
enum IAMPolicyCheck {
    static let documentKeys = ["Version", "Id", "Statement"]
    static let versions = ["2012-10-17", "2008-10-17"]
    static let effects = ["Allow", "Deny"]

    /// ECR refuses repository and registry policies longer than this (botocore's model:
    /// `RepositoryPolicyText` and `RegistryPolicyText`, max 10240).
    static let maximumLength = 10_240

    static func check(_ policy: LocatedPolicy, label: String, maximumLength: Int = maximumLength) -> [Diagnostic] {
        var findings = PolicyFindings(policy: policy, label: label)
        let root = JSONPath()
        guard case .object(let document) = policy.json else {
            findings.error(root, "a policy must be a JSON object, found \(policy.json.kindName)")
            return findings.diagnostics
        }
        findings.rejectUnknownKeys(document, at: root, allowed: documentKeys)
        switch document["Version"] {
        case nil:
            // IAM reads a policy without a version as 2008-10-17; legal, but policy variables then do not work.
            findings.warning(root, "no \"Version\": IAM reads it as \"2008-10-17\" (add \"Version\": \"2012-10-17\")")
        case .string(let version)? where versions.contains(version):
            break
        case let other?:
            findings.error(root.appending("Version"), "\"Version\" must be \"2012-10-17\" (or \"2008-10-17\"), found \(describe(other))")
        }
        let statements: [(JSONValue, JSONPath)]
        switch document["Statement"] {
        case nil:
            findings.error(root, "missing \"Statement\"")
            statements = []
        case .object?:
            statements = [(document["Statement"]!, root.appending("Statement"))]
        case .array(let list)?:
            if list.isEmpty { findings.warning(root.appending("Statement"), "\"Statement\" is empty: the policy grants nothing") }
            statements = list.enumerated().map { ($1, root.appending("Statement").appending($0)) }
        case let other?:
            findings.error(root.appending("Statement"), "\"Statement\" must be a list of statements, found \(other.kindName)")
            statements = []
        }
        for (statement, path) in statements {
            checkStatement(statement, at: path, findings: &findings)
        }
        let length = policy.json.compactText.count
        if length > maximumLength {
            findings.error(root, "the policy is \(length) characters once serialised; ECR accepts at most \(maximumLength)")
        }
        return findings.diagnostics
    }

    private static func describe(_ value: JSONValue) -> String {
        if case .string(let s) = value { return "\"\(s)\"" }
        return value.kindName
    }

    private static func checkStatement(_ value: JSONValue, at path: JSONPath, findings: inout PolicyFindings) {
        guard case .object(let statement) = value else {
            findings.error(path, "a statement must be an object, found \(value.kindName)")
            return
        }
        let keys = ["Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"]
        findings.rejectUnknownKeys(statement, at: path, allowed: keys)
        if let sid = statement["Sid"], sid.stringValue == nil {
            findings.error(path.appending("Sid"), "\"Sid\" must be a string")
        }
        switch statement["Effect"] {
        case .string(let effect)? where effects.contains(effect): break
        case nil: findings.error(path, "missing \"Effect\" (\"Allow\" or \"Deny\")")
        case let other?: findings.error(path.appending("Effect"), "\"Effect\" must be \"Allow\" or \"Deny\", found \(describe(other))")
        }
        checkPrincipal(in: statement, at: path, findings: &findings)
        checkActions(in: statement, at: path, findings: &findings)
        if let condition = statement["Condition"], condition.objectValue == nil {
            findings.error(path.appending("Condition"), "\"Condition\" must be an object")
        }
        if statement["Effect"] == .string("Allow"), statement["Condition"] == nil, grantsEveryone(statement) {
            findings.warning(path, "grants access to everyone (\"Principal\": \"*\") without a condition: the repository is public")
        }
    }

    private static func checkPrincipal(in statement: [String: JSONValue], at path: JSONPath, findings: inout PolicyFindings) {
        let key = statement["Principal"] != nil ? "Principal" : "NotPrincipal"
        guard let principal = statement[key] else {
            findings.error(path, "missing \"Principal\" (a resource policy must name who it applies to)")
            return
        }
        if statement["Principal"] != nil, statement["NotPrincipal"] != nil {
            findings.error(path, "\"Principal\" and \"NotPrincipal\" cannot both be given")
        }
        switch principal {
        case .string("*"): return
        case .object(let kinds):
            findings.rejectUnknownKeys(kinds, at: path.appending(key), allowed: ["AWS", "Service", "Federated", "CanonicalUser"])
            for (kind, value) in kinds {
                checkStringOrList(value, at: path.appending(key).appending(kind), name: "\"\(kind)\"", findings: &findings)
            }
            if kinds.isEmpty { findings.error(path.appending(key), "\"\(key)\" is empty") }
        default:
            findings.error(path.appending(key), "\"\(key)\" must be \"*\" or an object like {\"AWS\": \"arn:aws:iam::123456789012:root\"}")
        }
    }

    private static func checkActions(in statement: [String: JSONValue], at path: JSONPath, findings: inout PolicyFindings) {
        let key = statement["Action"] != nil ? "Action" : "NotAction"
        guard let actions = statement[key] else {
            findings.error(path, "missing \"Action\"")
            return
        }
        guard checkStringOrList(actions, at: path.appending(key), name: "\"\(key)\"", findings: &findings) else { return }
        let list = actions.arrayValue ?? [actions]
        for (i, action) in list.enumerated() {
            guard case .string(let text) = action else { continue }
            let actionPath = actions.arrayValue == nil ? path.appending(key) : path.appending(key).appending(i)
            let parts = text.split(separator: ":", omittingEmptySubsequences: false)
            let valid = text == "*" || (parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty
                && parts[0].allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
                && parts[1].allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "*" || $0 == "?") })
            if !valid { findings.error(actionPath, "\"\(text)\" is not an action (like \"ecr:BatchGetImage\" or \"ecr:*\")") }
        }
    }

    @discardableResult
    private static func checkStringOrList(_ value: JSONValue, at path: JSONPath, name: String, findings: inout PolicyFindings) -> Bool {
        switch value {
        case .string(let s) where !s.isEmpty: return true
        case .array(let items) where !items.isEmpty && items.allSatisfy({ ($0.stringValue ?? "").isEmpty == false }): return true
        default:
            findings.error(path, "\(name) must be a non-empty string or a list of strings")
            return false
        }
    }

    /// `"Principal": "*"` or `{"AWS": "*"}` (alone or in a list).
    static func grantsEveryone(_ statement: [String: JSONValue]) -> Bool {
        guard let principal = statement["Principal"] else { return false }
        if principal == .string("*") { return true }
        guard let aws = principal["AWS"] else { return false }
        return aws == .string("*") || (aws.arrayValue?.contains(.string("*")) ?? false)
    }
}
