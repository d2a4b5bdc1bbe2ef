
/// The nightly audit's report: for every resource that differs, each attribute with what the
/// spec says and what AWS has, in words a person on call can act on.
public enum DriftReportRenderer {
    public static func render(_ plan: Plan, specPath: String) -> String {
        let drifted = plan.actions
        guard !drifted.isEmpty else {
            return "No drift: registry \(plan.accountID) in \(plan.region) matches \(specPath).\n"
        }
        var out = "Drift: \(drifted.count) resource\(drifted.count == 1 ? "" : "s") in registry \(plan.accountID) (\(plan.region)) "
            + "differ\(drifted.count == 1 ? "s" : "") from \(specPath).\n"
        for change in drifted {
            out += "\n\(change.address): "
            switch change.action {
            case .create: out += "in the spec, missing in AWS\n"
            case .delete: out += "in AWS, not in the spec, and owned through prune (would be deleted)\n"
            case .replace: out += "differs in a way that needs a replacement (\(change.reason ?? ""))\n"
            case .update: out += "differs\n"
            case .noOp: continue
            }
            guard change.action == .update || change.action == .replace else { continue }
            for attribute in change.changedAttributes {
                let differences = attribute.before != nil && attribute.after != nil
                    ? JSONDifference.entries(attribute.before, attribute.after) : []
                guard differences.count > 1 || differences.first?.path.isEmpty == false else {
                    out += "  \(attribute.name):\n"
                    out += "    spec says: \(describe(attribute.after))\n"
                    out += "    AWS has:   \(describe(attribute.before))\n"
                    continue
                }
                for difference in differences {
                    out += "  \(attribute.name).\(difference.path):\n"
                    out += "    spec says: \(describe(difference.after))\n"
                    out += "    AWS has:   \(describe(difference.before))\n"
                }
            }
        }
        out += "\nRun `ecr-apply plan` to see the repair, `ecr-apply apply` to make it.\n"
        return out
    }

    private static func describe(_ value: JSONValue?) -> String {
        guard let value else { return "none" }
        let text = value.compactText
        return text.count > 160 ? String(text.prefix(157)) + "…" : text
    }

    /// For an issue or a job summary: a headline, then the same report in a code block.
    public static func markdown(_ plan: Plan, specPath: String) -> String {
        let drifted = plan.actions.count
        var out = "### ecr-apply drift\n\n"
        guard drifted > 0 else {
            return out + "**No drift.** Registry `\(plan.accountID)` in `\(plan.region)` matches `\(specPath)`.\n"
        }
        out += "**\(drifted) resource\(drifted == 1 ? "" : "s") drifted** in registry `\(plan.accountID)` (`\(plan.region)`) "
            + "from `\(specPath)`: " + plan.actions.map { "`\($0.address)`" }.joined(separator: ", ") + ".\n\n"
        out += "```text\n" + render(plan, specPath: specPath) + "```\n"
        return out
    }
}
