import Foundation

/// One run over several registries: each registry's plan, or why it could not be planned or
/// applied. What `plan`, `apply` and `drift` print for a `registries:` spec.
public struct RegistriesReport: Sendable {
    public struct Entry: Sendable {
        public var name: String
        public var region: String?
        public var accountID: String?
        public var plan: Plan?
        /// Why this registry failed (not reachable, refused by a guard, an AWS error); the
        /// others carry on.
        public var failure: String?
        /// Other declared registries this one replicates to, and the repositories each receives.
        public var replicatesTo: [(registry: String, repositories: [String])]

        public init(name: String, region: String?, accountID: String?, plan: Plan? = nil, failure: String? = nil,
                    replicatesTo: [(registry: String, repositories: [String])] = []) {
            self.name = name
            self.region = region
            self.accountID = accountID
            self.plan = plan
            self.failure = failure
            self.replicatesTo = replicatesTo
        }

        var heading: String { "registry \(name) (account \(plan?.accountID ?? accountID ?? "?"), \(plan?.region ?? region ?? "?"))" }
    }

    public var entries: [Entry]

    public init(entries: [Entry]) { self.entries = entries.sorted { $0.name < $1.name } }

    public var plans: [Plan] { entries.compactMap(\.plan) }
    public var failed: [Entry] { entries.filter { $0.failure != nil } }
    public var hasChanges: Bool { plans.contains(where: \.hasChanges) }
    public var refused: Bool { plans.contains { !$0.refusals.isEmpty } }
    public var total: Plan.Summary { Plan.Summary(counting: plans.flatMap(\.changes)) }

    static func words(_ summary: Plan.Summary) -> String {
        "\(summary.add) to add, \(summary.change) to change, \(summary.destroy) to destroy"
    }

    /// The registries' summary lines and the total: `prod-use1: Plan: 1 to add, …` or `failed: …`.
    func summaryLines(paint: Paint, verb: String = "Plan") -> String {
        var out = paint("Registries:", .bold) + "\n"
        for entry in entries {
            if let failure = entry.failure {
                out += "  \(entry.name): " + paint("failed", .red) + ": \(failure)\n"
            } else if let plan = entry.plan {
                out += "  \(entry.name): " + (plan.hasChanges ? "\(verb): \(Self.words(plan.summary))" : "no changes")
                    + (plan.refusals.isEmpty ? "" : paint(" (refused)", .red)) + "\n"
            }
        }
        out += paint("Total:", .bold) + " \(Self.words(total)) in \(entries.count) registr\(entries.count == 1 ? "y" : "ies")"
        out += failed.isEmpty ? ".\n" : "; \(failed.count) failed (\(failed.map(\.name).joined(separator: ", "))).\n"
        return out
    }

    /// Each registry's plan under a heading, then the summary.
    public func text(color: Bool, showUnmanaged: Bool = false) -> String {
        let paint = Paint(color)
        var out = ""
        for entry in entries {
            out += paint("── \(entry.heading) ──", .bold) + "\n"
            if let failure = entry.failure {
                out += paint("Error:", .red, .bold) + " \(failure)\n\n"
                continue
            }
            if let plan = entry.plan { out += PlanTextRenderer(color: color, showUnmanaged: showUnmanaged).render(plan) }
            for (registry, repositories) in entry.replicatesTo {
                out += "  replicates to registry \(registry): " + (repositories.isEmpty ? "no repository matches its filters" : repositories.joined(separator: ", ")) + "\n"
            }
            out += "\n"
        }
        return out + summaryLines(paint: paint)
    }

    /// Drift, registry by registry.
    public func driftText(specPath: String) -> String {
        var out = ""
        for entry in entries {
            out += "── \(entry.heading) ──\n"
            if let failure = entry.failure { out += "Error: \(failure)\n\n" } else if let plan = entry.plan {
                out += DriftReportRenderer.render(plan, specPath: specPath) + "\n"
            }
        }
        return out + summaryLines(paint: Paint(false), verb: "Drift")
    }

    /// One collapsible section per registry, the total first.
    public func markdown(title: String = "ecr-apply plan") -> String {
        var out = "### \(title): \(entries.count) registries\n\n**Total: \(Self.words(total)).**"
        out += failed.isEmpty ? "\n" : " **Failed: \(failed.map { "`\($0.name)`" }.joined(separator: ", ")).**\n"
        for entry in entries {
            let state = entry.failure.map { "failed: \($0)" } ?? entry.plan.map { $0.hasChanges ? "Plan: \(Self.words($0.summary))" : "no changes" } ?? ""
            out += "\n<details><summary>\(entry.heading): \(state)</summary>\n\n"
            if let plan = entry.plan { out += PlanMarkdownRenderer.render(plan, title: "registry `\(entry.name)`") }
            out += "\n</details>\n"
        }
        return out
    }

    /// The plans as one JSON document: every change carries its registry (`registry` and the
    /// `NAME:` of its address); per-registry summaries and failures, and the total.
    public func json() throws -> String {
        var registries: [JSONValue] = []
        var changes: [JSONValue] = []
        var refusals: [JSONValue] = []
        for entry in entries {
            var item: [String: JSONValue] = ["name": .string(entry.name)]
            item["region"] = (entry.plan?.region ?? entry.region).map(JSONValue.string) ?? .null
            item["account_id"] = (entry.plan?.accountID ?? entry.accountID).map(JSONValue.string) ?? .null
            item["failure"] = entry.failure.map(JSONValue.string) ?? .null
            if let plan = entry.plan {
                let document = try JSONParser.value(try PlanJSONRenderer.render(plan))
                item["summary"] = document["summary"]
                item["has_changes"] = .bool(plan.hasChanges)
                for change in document["resource_changes"]?.arrayValue ?? [] {
                    guard case .object(var object) = change else { continue }
                    object["registry"] = .string(entry.name)
                    changes.append(.object(object))
                }
                refusals += (document["refusal_details"]?.arrayValue ?? [])
            }
            registries.append(.object(item))
        }
        let total = self.total
        let document: JSONValue = .object([
            "format_version": .string(Plan.formatVersion),
            "registries": .array(registries),
            "summary": .object(["add": .number(Double(total.add)), "change": .number(Double(total.change)), "destroy": .number(Double(total.destroy))]),
            "has_changes": .bool(hasChanges),
            "resource_changes": .array(changes),
            "refusal_details": .array(refusals),
            "failed_registries": .array(failed.map { .string($0.name) }),
        ])
        return document.prettyText + "\n"
    }
}
