import Foundation
import Planner
import Spec
import Testing
import TestSupport

/// `export` writes a spec that loads without errors and plans to "No changes" against the
/// registry it came from, for ordinary and odd registries alike.
@Suite struct ExportTests {
    static let keepTen = json(#"{"rules":[{"rulePriority":1,"description":"Keep only 10 most recent images","selection":{"tagStatus":"tagged","tagPrefixList":["v"],"countType":"imageCountMoreThan","countNumber":10},"action":{"type":"expire"}}]}"#)
    static let untagged = json(#"{"rules":[{"rulePriority":1,"selection":{"tagStatus":"untagged","countType":"sinceImagePushed","countUnit":"days","countNumber":3},"action":{"type":"expire"}}]}"#)
    static let pull = json(#"{"Version":"2012-10-17","Statement":[{"Sid":"AllowCrossAccountPull","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::999888777666:root"},"Action":["ecr:GetDownloadUrlForLayer","ecr:BatchGetImage","ecr:BatchCheckLayerAvailability"]}]}"#)
    static let conditional = json(#"{"Version":"2012-10-17","Statement":[{"Sid":"OrgPull","Effect":"Allow","Principal":"*","Action":"ecr:BatchGetImage","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-abc123","aws:SourceAccount":"123456789012"}}}]}"#)

    static var small: LiveRegistry {
        var registry = live([
            liveRepository("api", tags: ["team": "platform", "managed-by": "ecr-apply"], lifecycle: .present(keepTen), policy: .present(pull)),
            liveRepository("web", tags: ["team": "platform", "managed-by": "ecr-apply"], lifecycle: .present(keepTen)),
            liveRepository("team-a/legacy_svc.v2", mutability: TagMutability(.mutable), scanOnPush: false,
                           encryption: Encryption(.kms, kmsKey: "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"),
                           tags: ["team": "platform", "managed-by": "ecr-apply", "owner": "Zoë Brien: ops@1", "cost-center": "42"],
                           lifecycle: .present(untagged), policy: .present(conditional)),
        ], replication: ReplicationConfiguration(rules: [
            ReplicationRule(destinations: [.init(region: "eu-west-1", registryID: account), .init(region: "us-west-2", registryID: "210987654321")],
                            repositoryPrefixes: ["team-a/"]),
        ]), scanning: RegistryScanningConfiguration(scanType: .enhanced, rules: [.init(frequency: .scanOnPush, repositoryFilters: ["*"])]),
            registryPolicy: .absent)
        registry.registryPolicy = .absent
        return registry
    }

    static func export(_ registry: LiveRegistry) -> String {
        SpecExporter(live: registry, header: "Exported by ecr-apply (test) from registry \(registry.accountID) (\(registry.region)).").yaml()
    }

    /// Loads exported YAML and plans it against the registry it came from.
    static func roundTrip(_ registry: LiveRegistry, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Plan? {
        let yaml = export(registry)
        let loaded = SpecLoader(readFile: { _ in [] }).load(bytes: Array(yaml.utf8), file: "export.yaml", baseDirectory: ".")
        let errors = loaded.diagnostics.filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(errors)\n\(yaml)", sourceLocation: sourceLocation)
        guard let desired = loaded.registry else { return nil }
        return Planner.plan(desired: desired, live: registry)
    }

    @Test func theExportOfASmallRegistry() {
        expectGolden(Self.export(Self.small), named: "export-small.yaml")
    }

    /// 51 repositories sharing one repository policy, three with none, one with its own: the
    /// shared policy is written once (in defaults), absences and the odd one where they differ
    /// (the pull-only one says `repository_policy: null` beside its `pull_accounts`).
    @Test func aSharedRepositoryPolicyIsWrittenOnce() throws {
        var repositories = (1...51).map { liveRepository("svc-\($0)", lifecycle: .present(Self.keepTen), policy: .present(Self.conditional)) }
        repositories += (1...3).map { liveRepository("bare-\($0)", lifecycle: .present(Self.keepTen)) }
        repositories.append(liveRepository("pulled", lifecycle: .present(Self.keepTen), policy: .present(Self.pull)))
        let registry = live(repositories)
        let yaml = Self.export(registry)
        #expect(yaml.components(separatedBy: "OrgPull").count - 1 == 1, "\(yaml)")
        #expect(yaml.components(separatedBy: "repository_policy: null").count - 1 == 4, "\(yaml)")
        #expect(yaml.split(separator: "\n").count < 51 + 4 * 3 + 60, "one line per plain repository, not a policy each: \(yaml)")
        let plan = try #require(Self.roundTrip(registry))
        #expect(!plan.hasChanges, "\(PlanTextRenderer().render(plan))")
    }

    @Test func anExportPlansToNoChanges() throws {
        let plan = try #require(Self.roundTrip(Self.small))
        #expect(!plan.hasChanges, "\(PlanTextRenderer().render(plan))")
        #expect(plan.changes.count == 6, "three repositories, replication, scanning and the (absent) registry policy are all managed")
    }

    @Test func oddRegistriesRoundTripToo() throws {
        // A deterministic spread of every setting, name shape and tag text.
        var generator = SplitMix(seed: 7)
        let names = ["a1", "team-a/svc", "x_y", "dots.and.more", "under_score_s", "deep/path/to/repo", "9lives", "null", "true", "yes"]
        // Every character class AWS allows in tags: letters (any script), digits, spaces, + - = . _ : / @.
        let tagTexts = ["plain", "with space", "ünïcödé", "42", "true", "null", "a:b", "@team", "a+b=c", "-dash", "", "1.5", "=", "yes/no"]
        let policies: [JSONValue] = [Self.pull, Self.conditional, json(#"{"Version":"2008-10-17","Statement":{"Effect":"Deny","Principal":{"AWS":["123456789012","arn:aws:iam::111122223333:role/x"]},"Action":"ecr:*"}}"#)]
        var repositories: [LiveRepository] = []
        for (index, name) in names.enumerated() {
            let encryption = generator.next() % 3 == 0
                ? Encryption(.kmsDSSE, kmsKey: "arn:aws:kms:us-east-1:123456789012:key/\(UUID(uuidString: "1234ABCD-12AB-34CD-56EF-12345678900\(index)")!.uuidString.lowercased())")
                : Encryption(.aes256)
            var tags: [String: String] = [:]
            for _ in 0..<(generator.next() % 4) {
                tags[tagTexts[Int(generator.next() % UInt64(tagTexts.count))].trimmingCharacters(in: .whitespaces).isEmpty ? "k\(index)" : "key \(generator.next() % 5)"] =
                    tagTexts[Int(generator.next() % UInt64(tagTexts.count))]
            }
            repositories.append(liveRepository(
                name, mutability: TagMutability(generator.next() % 2 == 0 ? .immutable : .mutable,
                                                exclusions: generator.next() % 4 == 0 ? ["latest", "dev-*"] : []),
                scanOnPush: generator.next() % 2 == 0, encryption: encryption, tags: tags,
                lifecycle: generator.next() % 3 == 0 ? .absent : .present([Self.keepTen, Self.untagged][Int(generator.next() % 2)]),
                policy: generator.next() % 2 == 0 ? .absent : .present(policies[Int(generator.next() % UInt64(policies.count))])))
        }
        let plan = try #require(Self.roundTrip(live(repositories, replication: ReplicationConfiguration(rules: []))))
        #expect(!plan.hasChanges, "\(PlanTextRenderer().render(plan))")
    }

    @Test func scalarsAreQuotedWheneverYAMLCouldMisreadThem() {
        for text in ["true", "null", "none", "yes", "42", "1e3", "0x1F", "2012-10-17", "a:b", "a: b", "#x", "x #y", " lead", "trail ", "",
                     "ünï", "-dash", "x.", "quote\"s", "back\\slash", "new\nline", "tab\there", "[x]", "{y}", "*star", "&amp", "!bang", "%p", "@at", "`tick"] {
            #expect(YAMLScalarProbe.roundTrips(text), "\(text)")
        }
    }
}

/// A tiny deterministic generator, so the odd registry is the same on every run.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Writes `text` through the exporter as a condition value and a condition key of a
/// repository policy (where any character may appear) and reads it back.
enum YAMLScalarProbe {
    static func roundTrips(_ text: String) -> Bool {
        let key = text.isEmpty ? "aws:empty" : "aws:" + text
        let policy = JSONValue.object(["Version": .string("2012-10-17"), "Statement": .array([.object([
            "Sid": .string("Probe"), "Effect": .string("Allow"), "Principal": .string("*"), "Action": .string("ecr:BatchGetImage"),
            "Condition": .object(["StringEquals": .object([key: .string(text), "aws:list": .array([.string(text)])])]),
        ])])])
        let yaml = ExportTests.export(live([liveRepository("probe", policy: .present(policy))]))
        let loaded = SpecLoader(readFile: { _ in [] }).load(bytes: Array(yaml.utf8), file: "probe.yaml", baseDirectory: ".")
        return loaded.registry?.repository(named: "probe")?.repositoryPolicy.value?.json == policy
    }
}
