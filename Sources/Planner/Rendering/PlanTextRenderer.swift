
/// Renders a plan the way Terraform does, so that reviewers read it without learning a new
/// format: a legend, one block per resource with `+ ~ - -/+`, `before -> after` per
/// attribute, policy documents as a line diff, and the `Plan: …` summary.
public struct PlanTextRenderer: Sendable {
    public var color: Bool
    public var showUnmanaged: Bool

    public init(color: Bool = false, showUnmanaged: Bool = false) {
        self.color = color
        self.showUnmanaged = showUnmanaged
    }

    public func render(_ plan: Plan) -> String {
        var out = ""
        let actions = plan.actions
        if actions.isEmpty {
            out += paint("No changes.", .bold) + " The \(plan.whereItActs) matches the spec.\n"
        } else {
            out += "ecr-apply compared the spec with \(plan.whereItActs).\n"
            out += "Resource actions are indicated with the following symbols:\n"
            let kinds = Set(actions.map(\.action))
            if kinds.contains(.create) { out += "  \(paint("+", .green)) create\n" }
            if kinds.contains(.update) { out += "  \(paint("~", .yellow)) update in place\n" }
            if kinds.contains(.delete) { out += "  \(paint("-", .red)) destroy\n" }
            if kinds.contains(.replace) { out += "\(paint("-/+", .red)) destroy and then create replacement\n" }
            out += "\necr-apply will perform the following actions:\n"
            for change in actions { out += "\n" + block(change) }
            let summary = plan.summary
            out += "\n" + paint("Plan:", .bold) + " \(summary.add) to add, \(summary.change) to change, \(summary.destroy) to destroy.\n"
        }
        // With nothing to do, the section is shown only when ECR made repositories through a rule or template.
        if !actions.isEmpty || plan.coverage.contains(where: { !$0.createdByECR.isEmpty }) { out += coverage(plan.coverage) }
        if showUnmanaged, !plan.unmanagedRepositories.isEmpty {
            out += "\nUnmanaged repositories (in ECR, not in the spec, left alone):\n"
            for name in plan.unmanagedRepositories { out += "  \(name)\n" }
        }
        for refusal in plan.refusals { out += "\n" + paint("Error:", .red, .bold) + " \(RefusalText.describe(refusal))\n" }
        return out
    }

    /// Each rule and template with what it covers and what ECR made through it.
    func coverage(_ coverage: [Coverage]) -> String {
        guard !coverage.isEmpty else { return "" }
        var out = "\nCovered by the spec's pull-through cache rules and creation templates:\n"
        for entry in coverage {
            let (type, name) = Self.typeAndName(entry.by)
            out += "  \(type) \"\(name ?? "")\""
            if let settings = entry.settings { out += paint(" (new repositories get: \(settings))", .dim) }
            out += "\n"
            if !entry.declaredRepositories.isEmpty { out += "    declared repositories: \(entry.declaredRepositories.joined(separator: ", "))\n" }
            if !entry.cachePrefixes.isEmpty { out += "    pull-through prefixes: \(entry.cachePrefixes.joined(separator: ", "))\n" }
            if !entry.createdByECR.isEmpty {
                out += "    created by ECR (left alone, never pruned): \(entry.createdByECR.joined(separator: ", "))\n"
            }
        }
        return out
    }

    /// One resource: `# address will be …`, then its attributes.
    func block(_ change: ResourceChange) -> String {
        let (symbol, style, headline): (String, Style, String) = switch change.action {
        case .create: ("  +", .green, "will be created")
        case .update: ("  ~", .yellow, "will be updated in place")
        case .delete: ("  -", .red, "will be destroyed")
        case .replace: ("-/+", .red, "must be replaced")
        case .noOp: ("   ", .plain, "is up to date")
        }
        var out = paint("  # \(change.address)", .bold) + " \(headline)"
        if let reason = change.reason, change.action != .create { out += paint(" (\(reason))", .dim) }
        out += "\n"
        if let lifecycle = change.lifecycle {
            out += paint("  # lifecycle: \(lifecycle.summary)", lifecycle.after.expire > 0 ? .yellow : .dim) + "\n"
        }
        if let images = change.images, change.action == .replace || change.action == .delete {
            out += paint("  # it holds \(images.count) image\(images.count == 1 ? "" : "s") (\(ByteCount.format(images.bytes)))", .dim) + "\n"
        }
        let (type, name) = Self.typeAndName(change.address)
        out += paint(symbol, style) + " \(type)" + (name.map { " \"\($0)\"" } ?? "") + " {\n"
        let shown = change.action == .update || change.action == .replace ? change.changedAttributes : change.attributes
        let width = shown.map(\.name.count).max() ?? 0
        for attribute in shown { out += self.attribute(attribute, width: width, resourceAction: change.action) }
        let hidden = change.attributes.count - shown.count
        if hidden > 0 { out += paint("        # (\(hidden) unchanged attribute\(hidden == 1 ? "" : "s") hidden)", .dim) + "\n" }
        out += "    }\n"
        return out
    }

    private func attribute(_ attribute: AttributeChange, width: Int, resourceAction: ResourceChange.Action) -> String {
        let padded = attribute.name.padding(toLength: width, withPad: " ", startingAt: 0)
        let forces = attribute.forcesReplacement && attribute.changes ? paint(" # forces replacement", .red) : ""
        // A created object has no before (a registry's empty rule list is not one); a destroyed one no after.
        let before = resourceAction == .create ? nil : attribute.before
        let after = resourceAction == .delete ? nil : attribute.after
        switch (before, after) {
        case (nil, let after?):
            return "      \(paint("+", .green)) \(padded) = \(value(after, indent: 8, mark: "+"))\(forces)\n"
        case (let before?, nil):
            return "      \(paint("-", .red)) \(padded) = \(value(before, indent: 8, mark: "-"))\(paint(" -> null", .dim))\(forces)\n"
        case (let before?, let after?) where before != after:
            if case .object(let old) = before, case .object(let new) = after, Self.isFlatStringMap(old), Self.isFlatStringMap(new) {
                return "      \(paint("~", .yellow)) \(padded) = {\n" + mapDiff(old, new) + "        }\(forces)\n"
            }
            if let old = Self.ruleList(before), let new = Self.ruleList(after) {
                return "      \(paint("~", .yellow)) \(padded) = [\n" + ruleListDiff(old, new) + "        ]\(forces)\n"
            }
            if Self.isDocument(before) || Self.isDocument(after) {
                return "      \(paint("~", .yellow)) \(padded) = jsonencode(\n" + documentDiff(before, after) + "        )\(forces)\n"
            }
            return "      \(paint("~", .yellow)) \(padded) = \(before.compactText) \(paint("->", .yellow)) \(after.compactText)\(forces)\n"
        case (let value?, _):
            return "        \(padded) = \(self.value(value, indent: 8, mark: " "))\n"
        case (nil, nil):
            return ""
        }
    }

    /// A scalar on one line; a tag map or a document over several, each line marked.
    private func value(_ value: JSONValue, indent: Int, mark: String) -> String {
        guard Self.isDocument(value) || value.objectValue != nil else { return value.compactText }
        let pad = String(repeating: " ", count: indent + 2)
        let lines = value.prettyText.split(separator: "\n", omittingEmptySubsequences: false)
        if case .object(let map) = value, Self.isFlatStringMap(map) {
            var out = "{\n"
            for key in map.keys.sorted() { out += pad + paint(mark, markStyle(mark)) + " \(JSONValue.string(key).compactText) = \(map[key]!.compactText)\n" }
            return out + String(repeating: " ", count: indent) + "}"
        }
        return "jsonencode(\n" + lines.map { pad + "  " + $0 }.joined(separator: "\n") + "\n" + String(repeating: " ", count: indent) + ")"
    }

    /// A registry rule list (replication, scanning): a list of objects, each a rule.
    static func ruleList(_ value: JSONValue) -> [[String: JSONValue]]? {
        guard case .array(let items) = value else { return nil }
        let rules = items.compactMap(\.objectValue)
        return rules.count == items.count ? rules : nil
    }

    /// Rule by rule, in the spec's keys: a changed rule shows each changed key before -> after;
    /// unchanged rules fold into one line.
    private func ruleListDiff(_ old: [[String: JSONValue]], _ new: [[String: JSONValue]]) -> String {
        var out = "", unchanged = 0
        for index in 0..<max(old.count, new.count) {
            let before = index < old.count ? old[index] : nil, after = index < new.count ? new[index] : nil
            /// A rule that is wholly added or removed: every key, marked.
            func whole(_ rule: [String: JSONValue], _ mark: String, _ style: Style) -> String {
                "          \(paint(mark, style)) rule \(index + 1) {\n"
                    + rule.keys.sorted().map { "              \(paint(mark, style)) \($0) = \(rule[$0]!.compactText)\n" }.joined()
                    + "            }\n"
            }
            switch (before, after) {
            case (let rule?, nil): out += whole(rule, "-", .red)
            case (nil, let rule?): out += whole(rule, "+", .green)
            case (let rule?, let wanted?) where rule != wanted:
                out += "          \(paint("~", .yellow)) rule \(index + 1) {\n"
                for key in Set(rule.keys).union(wanted.keys).sorted() where rule[key] != wanted[key] {
                    out += "              \(paint("~", .yellow)) \(key) = \((rule[key] ?? .null).compactText) \(paint("->", .yellow)) "
                        + "\((wanted[key] ?? .null).compactText)\n"
                }
                out += "            }\n"
            default:
                unchanged += 1
            }
        }
        if unchanged > 0 { out += paint("            # (\(unchanged) unchanged rule\(unchanged == 1 ? "" : "s") hidden)", .dim) + "\n" }
        return out
    }

    private func mapDiff(_ old: [String: JSONValue], _ new: [String: JSONValue]) -> String {
        var out = ""
        for key in Set(old.keys).union(new.keys).sorted() {
            let quoted = JSONValue.string(key).compactText
            switch (old[key], new[key]) {
            case (nil, let value?): out += "          \(paint("+", .green)) \(quoted) = \(value.compactText)\n"
            case (let value?, nil): out += "          \(paint("-", .red)) \(quoted) = \(value.compactText)\(paint(" -> null", .dim))\n"
            case (let before?, let after?) where before != after:
                out += "          \(paint("~", .yellow)) \(quoted) = \(before.compactText) \(paint("->", .yellow)) \(after.compactText)\n"
            default: break
            }
        }
        return out
    }

    /// The changed lines of two documents with three lines of context; longer unchanged
    /// stretches fold into one `# (N unchanged lines hidden)` line.
    private func documentDiff(_ before: JSONValue, _ after: JSONValue) -> String {
        let old = before.prettyText.split(separator: "\n").map(String.init)
        let new = after.prettyText.split(separator: "\n").map(String.init)
        let lines = LineDiff.diff(old, new)
        let changed = lines.indices.filter { if case .same = lines[$0] { return false } else { return true } }
        let context = 3
        var out = "", hidden = 0
        func flushHidden() {
            if hidden > 0 { out += paint("            # (\(hidden) unchanged line\(hidden == 1 ? "" : "s") hidden)", .dim) + "\n" }
            hidden = 0
        }
        for (index, line) in lines.enumerated() {
            switch line {
            case .same(let text):
                if changed.contains(where: { abs($0 - index) <= context }) {
                    flushHidden()
                    out += "            " + text + "\n"
                } else {
                    hidden += 1
                }
            case .added(let text):
                flushHidden()
                out += "          " + paint("+", .green) + " " + text + "\n"
            case .removed(let text):
                flushHidden()
                out += "          " + paint("-", .red) + " " + text + "\n"
            }
        }
        flushHidden()
        return out
    }

    private func markStyle(_ mark: String) -> Style {
        switch mark {
        case "+": .green
        case "-": .red
        default: .plain
        }
    }

    /// The block a resource is shown as, in the spec's words: `repository "api"`,
    /// `replication`, `registry_scanning`, `registry_policy`.
    static func typeAndName(_ address: Address) -> (String, String?) { (address.kind.specWord, address.key) }

    static func isDocument(_ value: JSONValue) -> Bool {
        switch value {
        // A list of scalars (filters, principals) reads best on one line.
        case .array(let items): return items.contains { $0.arrayValue != nil || $0.objectValue != nil }
        case .object(let members): return !isFlatStringMap(members)
        default: return false
        }
    }

    static func isFlatStringMap(_ map: [String: JSONValue]) -> Bool { map.values.allSatisfy { $0.stringValue != nil } }

    typealias Style = Paint.Style

    func paint(_ text: String, _ styles: Style...) -> String { Paint(color).paint(text, styles) }
}
