
/// The plan as a pull-request comment: the summary and a table first, the full plan folded
/// away in a `diff` block (GitHub colours its `+` and `-` lines).
public enum PlanMarkdownRenderer {
    public static func render(_ plan: Plan, title: String = "ecr-apply plan") -> String {
        var out = "### \(title): registry `\(plan.accountID)` in `\(plan.region)`\n\n"
        let summary = plan.summary
        if plan.hasChanges {
            out += "**Plan: \(summary.add) to add, \(summary.change) to change, \(summary.destroy) to destroy.**\n\n"
            out += "| | Resource | Action | Attributes |\n|---|---|---|---|\n"
            for change in plan.actions {
                let attributes = (change.action == .update || change.action == .replace ? change.changedAttributes : change.attributes)
                    .map { "`\($0.name)`" + ($0.forcesReplacement && $0.changes ? " (forces replacement)" : "") }
                    .joined(separator: ", ")
                out += "| \(symbol(change.action)) | `\(change.address)` | \(words(change)) | \(attributes) |\n"
            }
            let measured = plan.actions.filter { $0.lifecycle != nil }
            if !measured.isEmpty {
                out += "\n**Lifecycle policy changes, measured on today's images:**\n\n"
                for change in measured { out += "- `\(change.address)`: \(change.lifecycle!.summary)\n" }
            }
        } else {
            out += "**No changes.** The registry matches the spec.\n"
        }
        if !plan.refusals.isEmpty {
            out += "\n> [!CAUTION]\n"
            for refusal in plan.refusals { out += "> \(RefusalText.describe(refusal))\n" }
        }
        if plan.hasChanges {
            let text = PlanTextRenderer(color: false).render(Plan(region: plan.region, accountID: plan.accountID, changes: plan.changes))
            out += "\n<details><summary>Full plan</summary>\n\n```diff\n" + diffFriendly(text) + "```\n\n</details>\n"
        }
        return out
    }

    private static func symbol(_ action: ResourceChange.Action) -> String {
        switch action {
        case .create: "➕"
        case .update: "🔄"
        case .delete: "🗑️"
        case .replace: "♻️"
        case .noOp: ""
        }
    }

    private static func words(_ change: ResourceChange) -> String {
        switch change.action {
        case .create: "create"
        case .update: "update in place"
        case .delete: "destroy"
        case .replace: "replace (\(change.reason ?? "forced"))"
        case .noOp: "none"
        }
    }

    /// GitHub's `diff` highlighting keys on the first character: each marked line gets its
    /// marker there too (`!` for updates and replacements), every other line a space.
    static func diffFriendly(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            let trimmed = line.drop { $0 == " " }
            let marker: Character
            if trimmed.hasPrefix("-/+") || trimmed.hasPrefix("~ ") {
                marker = "!"
            } else if let first = trimmed.first, first == "+" || first == "-", trimmed.dropFirst().first == " " {
                marker = first
            } else {
                marker = " "
            }
            return line.isEmpty ? "" : String(marker) + line
        }.joined(separator: "\n")
    }
}
