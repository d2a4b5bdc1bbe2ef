import Foundation

/// Writes a live registry as a spec that plans to "No changes": every repository with every
/// attribute, settings shared by most repositories lifted into `defaults`, identical lifecycle
/// policies written once and referenced by name, standard pull statements as `pull_accounts`.
/// Pure: the caller gives the live state (fully read) and the header's facts.
public struct SpecExporter: Sendable {
    public var live: LiveRegistry
    /// `Exported by ecr-apply 0.1.0 … at 2026-11-26T16:50:00Z`.
    public var header: String

    /// Whether shared settings go into top-level `defaults` and `lifecycle_policies`; off for
    /// one registry of a `registries:` export, whose repositories say everything themselves.
    public var sharing: Bool

    public init(live: LiveRegistry, header: String, sharing: Bool = true) {
        self.live = live
        self.header = header
        self.sharing = sharing
    }

    /// Several registries as one `registries:` spec: each with where it is, how it was
    /// reached, and every section of its own (nothing shared, so each plans clean as it is).
    public static func registries(_ registries: [(name: String, access: RegistryAccess, live: LiveRegistry)], header: String) -> String {
        var lines = header.split(separator: "\n", omittingEmptySubsequences: false).map { "# " + $0 }
        lines += ["version: 1", "", "registries:"]
        for (name, access, live) in registries {
            lines.append("  \(YAMLText.scalar(name)):")
            lines.append("    account_id: \(YAMLText.quoted(live.accountID))")
            lines.append("    region: \(YAMLText.scalar(live.region))")
            if let role = access.roleARN { lines.append("    role_arn: \(YAMLText.quoted(role))") }
            if let profile = access.profile { lines.append("    profile: \(YAMLText.quoted(profile))") }
            let exporter = SpecExporter(live: live, header: "", sharing: false)
            for section in SpecSections.all {
                lines += section.export(exporter).filter { !$0.isEmpty }.map { "    " + $0 }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private var partition: String { Identifiers.partition(forRegion: live.region) }
    private var repositories: [LiveRepository] { live.repositories.values.sorted { $0.name < $1.name } }

    /// The header, the registry's identity, then each kind's section in `SpecSections` order.
    public func yaml() -> String {
        var lines = header.split(separator: "\n", omittingEmptySubsequences: false).map { "# " + $0 }
        lines += ["version: 1", "", "registry: { region: \(YAMLText.scalar(live.region)), account_id: \(YAMLText.quoted(live.accountID)) }", ""]
        for section in SpecSections.all { lines += section.export(self) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `defaults`, `lifecycle_policies` and `repositories`: the repositories section.
    func repositoryLines() -> [String] {
        let policies = sharing ? namedPolicies() : (ordered: [], byText: [:])
        let defaults = Defaults(repositories: sharing ? repositories : [], policyNames: policies.byText)
        var lines: [String] = []
        // The shared repository policy, rendered once for defaults and compared by its text.
        let inherited = defaults.repositoryPolicy.map { InheritedPolicy(text: $0.value?.compactText, lines: policyLines($0)) }
        let defaultLines = defaults.lines(lifecyclePolicyName: defaults.lifecyclePolicy.flatMap { policies.byText[$0.compactText] })
            + (inherited?.lines ?? [])
        if !defaultLines.isEmpty { lines += ["defaults:"] + defaultLines.map { "  " + $0 } + [""] }
        if !policies.ordered.isEmpty {
            lines.append("lifecycle_policies:")
            for (name, policy) in policies.ordered {
                lines.append("  \(YAMLText.scalar(name)):")
                lines += YAMLText.block(policy, indent: 4)
            }
            lines.append("")
        }
        lines.append("repositories:")
        if repositories.isEmpty { lines[lines.count - 1] += " {}" }
        for repository in repositories {
            let own = repositoryLines(repository, defaults: defaults, inherited: inherited, policyNames: policies.byText)
            lines.append("  \(YAMLText.scalar(repository.name)):" + (own.isEmpty ? " {}" : ""))
            lines += own.map { "    " + $0 }
        }
        return lines
    }

    // MARK: Lifecycle policies

    /// Every lifecycle policy two or more repositories share, named after its first rule's
    /// description when it has one; a policy of one repository is written inline there.
    private func namedPolicies() -> (ordered: [(String, JSONValue)], byText: [String: String]) {
        var ordered: [(String, JSONValue)] = []
        var byText: [String: String] = [:]
        var used: Set<String> = []
        let uses = Dictionary(repositories.compactMap { $0.lifecyclePolicy.value?.compactText }.map { ($0, 1) }, uniquingKeysWith: +)
        for repository in repositories {
            guard let policy = repository.lifecyclePolicy.value, byText[policy.compactText] == nil, uses[policy.compactText, default: 0] >= 2
            else { continue }
            var base = Self.slug(policy["rules"]?.arrayValue?.first?["description"]?.stringValue ?? "")
            if base.isEmpty { base = "lifecycle" }
            var name = base, counter = 2
            while used.contains(name) || name == "none" || name == "null" {
                name = "\(base)-\(counter)"
                counter += 1
            }
            used.insert(name)
            byText[policy.compactText] = name
            ordered.append((name, policy))
        }
        return (ordered, byText)
    }

    /// `Keep only 10 most recent images` → `keep-only-10-most-recent-images`.
    static func slug(_ text: String) -> String {
        var out = ""
        for character in text.lowercased() {
            if character.isASCII, character.isLetter || character.isNumber {
                out.append(character)
            } else if !out.isEmpty, out.last != "-" {
                out.append("-")
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return String(out.prefix(48)).trimmingCharacters(in: CharacterSet(charactersIn: "-"))
    }

    // MARK: Repositories

    private func repositoryLines(_ repository: LiveRepository, defaults: Defaults, inherited: InheritedPolicy?,
                                 policyNames: [String: String]) -> [String] {
        var lines: [String] = []
        if repository.tagMutability != defaults.tagMutability { lines += Self.mutabilityLines(repository.tagMutability) }
        if repository.scanOnPush != defaults.scanOnPush { lines.append("scan_on_push: \(repository.scanOnPush)") }
        if repository.encryption != defaults.encryption { lines.append(Self.encryptionLine(repository.encryption)) }
        if let policy = repository.lifecyclePolicy.value {
            if policy != defaults.lifecyclePolicy {
                if let name = policyNames[policy.compactText] { lines.append("lifecycle_policy: \(YAMLText.scalar(name))") }
                else { lines += ["lifecycle_policy:"] + YAMLText.block(policy, indent: 2) }
            }
        } else if !defaults.lifecycleAbsentByDefault {
            lines.append("lifecycle_policy: null")
        }
        lines += tagLines(repository.tags ?? [:], defaults: defaults.tags)
        lines += ownPolicyLines(repository.repositoryPolicy, inherited: inherited)
        return lines
    }

    /// The repository policy `defaults` gives: its canonical text (`nil`: no policy) and its lines.
    private struct InheritedPolicy {
        var text: String?
        var lines: [String]
    }

    /// The repository policy where it differs from `defaults`, written so that nothing of the
    /// default's (a policy, or `pull_accounts`) leaks into it.
    private func ownPolicyLines(_ policy: Managed<JSONValue>, inherited: InheritedPolicy?) -> [String] {
        guard let inherited else { return policyLines(policy) }
        if policy.value?.compactText == inherited.text { return [] }
        var lines = policyLines(policy)
        for (key, empty) in [("repository_policy:", "repository_policy: null"), ("pull_accounts:", "pull_accounts: []")]
        where !lines.contains(where: { $0.hasPrefix(key) }) && inherited.lines.contains(where: { $0.hasPrefix(key) }) {
            if key == "repository_policy:" { lines.insert(empty, at: 0) } else { lines.append(empty) }
        }
        return lines
    }

    private func tagLines(_ tags: [String: String], defaults: [String: String]) -> [String] {
        if tags.isEmpty { return defaults.isEmpty ? [] : ["tags: null"] }
        var entries: [(String, String)] = []
        for key in Set(tags.keys).union(defaults.keys).sorted() {
            switch (tags[key], defaults[key]) {
            case (let value?, let inherited) where value != inherited: entries.append((key, YAMLText.scalar(value)))
            case (nil, _?): entries.append((key, "null"))
            default: break
            }
        }
        guard !entries.isEmpty else { return [] }
        return ["tags:"] + entries.map { "  \(YAMLText.scalar($0.0)): \($0.1)" }
    }

    /// A policy that is exactly the standard pull statement becomes `pull_accounts`; one that
    /// ends with it becomes the rest plus `pull_accounts`; anything else is written whole.
    private func policyLines(_ policy: Managed<JSONValue>) -> [String] {
        guard let document = policy.value else { return ["repository_policy: null"] }
        if let (rest, accounts) = pullAccess(in: document) {
            let list = "pull_accounts: [" + accounts.map(YAMLText.quoted).joined(separator: ", ") + "]"
            guard let rest else { return [list] }
            return ["repository_policy:"] + YAMLText.block(rest, indent: 2) + [list]
        }
        return ["repository_policy:"] + YAMLText.block(document, indent: 2)
    }

    private func pullAccess(in document: JSONValue) -> (rest: JSONValue?, accounts: [String])? {
        guard let statements = document["Statement"]?.arrayValue ?? document["Statement"].map({ [$0] }),
            let index = statements.firstIndex(where: { $0["Sid"]?.stringValue == PullAccess.statementID })
        else { return nil }
        let principal = statements[index]["Principal"]?["AWS"]
        let arns = (principal?.arrayValue ?? principal.map { [$0] } ?? []).compactMap(\.stringValue)
        let accounts = arns.compactMap { arn -> String? in
            if arn == "*" || (arn.count == 12 && arn.allSatisfy(\.isNumber)) { return arn }
            let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 6, parts[2] == "iam", parts[5] == "root" else { return nil }
            return String(parts[4])
        }
        guard !accounts.isEmpty, accounts.count == arns.count else { return nil }
        var restDocument = document
        let others = statements.enumerated().filter { $0.offset != index }.map(\.element)
        restDocument = others.isEmpty ? .null : {
            guard case .object(var members) = document else { return document }
            members["Statement"] = .array(others)
            return .object(members)
        }()
        let rest: JSONValue? = restDocument == .null ? nil : restDocument
        // Only when the shorthand means exactly this policy.
        let rebuilt = rest.map { PullAccess.merge(accounts: accounts, into: $0, partition: partition) }
            ?? PullAccess.merge(accounts: accounts, into: nil, partition: partition)
        guard PolicyNormalization.iamPolicy(rebuilt, partition: partition) == PolicyNormalization.iamPolicy(document, partition: partition) else {
            return nil
        }
        return (rest, accounts)
    }

    static func mutabilityLines(_ mutability: TagMutability) -> [String] {
        guard !mutability.exclusions.isEmpty else { return ["image_tag_mutability: \(mutability.mode.rawValue)"] }
        return ["image_tag_mutability:", "  mode: \(mutability.mode.rawValue)",
                "  exclusions: [" + mutability.exclusions.sorted().map(YAMLText.quoted).joined(separator: ", ") + "]"]
    }

    static func encryptionLine(_ encryption: Encryption) -> String {
        guard let key = encryption.kmsKey else { return "encryption: { type: \(encryption.kind.rawValue) }" }
        return "encryption: { type: \(encryption.kind.rawValue), kms_key: \(YAMLText.quoted(key)) }"
    }

    // MARK: Registry
}

/// The settings most repositories share: each goes into `defaults` when more than half of
/// the repositories (and at least two) have it.
private struct Defaults {
    var tagMutability: TagMutability?
    var scanOnPush: Bool?
    var encryption: Encryption?
    var lifecyclePolicy: JSONValue?
    /// Most repositories have no lifecycle policy: `null` need not be written for each.
    var lifecycleAbsentByDefault = false
    /// The repository policy most repositories have (or its absence); `nil` when none is common.
    var repositoryPolicy: Managed<JSONValue>?
    var tags: [String: String] = [:]

    init(repositories: [LiveRepository], policyNames: [String: String]) {
        func common<T: Hashable>(_ values: [T]) -> T? {
            let counts = Dictionary(values.map { ($0, 1) }, uniquingKeysWith: +)
            guard let (value, count) = counts.max(by: { ($0.value, "\($0.key)") < ($1.value, "\($1.key)") }),
                count >= 2, count * 2 > values.count
            else { return nil }
            return value
        }
        tagMutability = common(repositories.map(\.tagMutability))
        scanOnPush = common(repositories.map(\.scanOnPush))
        encryption = common(repositories.map(\.encryption))
        let policies = repositories.map { $0.lifecyclePolicy.value?.compactText ?? "" }
        if let text = common(policies) {
            if text.isEmpty { lifecycleAbsentByDefault = true } else {
                lifecyclePolicy = repositories.first { $0.lifecyclePolicy.value?.compactText == text }?.lifecyclePolicy.value
            }
        }
        let repositoryPolicies = repositories.map { $0.repositoryPolicy.value?.compactText ?? "" }
        if let text = common(repositoryPolicies) {
            repositoryPolicy = text.isEmpty ? .absent
                : repositories.first { $0.repositoryPolicy.value?.compactText == text }.map(\.repositoryPolicy)
        }
        // Tags every repository carries, when there are at least two repositories.
        if repositories.count >= 2, let first = repositories.first?.tags {
            tags = first.filter { entry in repositories.allSatisfy { $0.tags?[entry.key] == entry.value } }
        }
    }

    func lines(lifecyclePolicyName: String?) -> [String] {
        var lines: [String] = []
        if let tagMutability { lines += SpecExporter.mutabilityLines(tagMutability) }
        if let scanOnPush { lines.append("scan_on_push: \(scanOnPush)") }
        if let encryption { lines.append(SpecExporter.encryptionLine(encryption)) }
        if let lifecyclePolicyName { lines.append("lifecycle_policy: \(YAMLText.scalar(lifecyclePolicyName))") }
        if lifecycleAbsentByDefault { lines.append("lifecycle_policy: null") }
        if !tags.isEmpty {
            lines.append("tags:")
            lines += tags.keys.sorted().map { "  \(YAMLText.scalar($0)): \(YAMLText.scalar(tags[$0]!))" }
        }
        return lines
    }
}
