import Foundation
import Testing
import TestSupport

/// The corpus in Fixtures/RealWorld (sources in its SOURCES.md): documents published by AWS,
/// the AWS CLI, botocore, the Terraform provider and public Terraform configurations. Each
/// one validates, applies, reads back equal with boto3, plans clean, and exports from a
/// registry seeded with boto3 to a spec that plans clean. The refused ones are refused by
/// `validate` at a position.
@Suite struct RealWorldCorpusTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/RealWorld")

    static func documents(_ kind: String) throws -> [(name: String, path: String)] {
        let directory = corpus.appendingPathComponent(kind)
        return try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".json") }.sorted()
            .map { (String($0.dropLast(5)), directory.appendingPathComponent($0).path) }
    }

    static func json(_ path: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// A repository name for a document: `rp-03`, `lc-11`.
    static func repository(_ prefix: String, _ index: Int) -> String { "\(prefix)-\(String(format: "%02d", index))" }

    /// A spec beside copies of the documents, each referenced with `file:`.
    static func workspace(_ yaml: String, files: [(String, String)]) throws -> String {
        let spec = try EndToEndTests.specFile(yaml)
        let directory = (spec as NSString).deletingLastPathComponent
        for (name, source) in files { try FileManager.default.copyItem(atPath: source, toPath: directory + "/" + name) }
        return spec
    }

    /// The API's ReplicationConfiguration written in the spec's words.
    static func replicationYAML(_ configuration: Any) -> String {
        let rules = (configuration as! [String: Any])["rules"] as! [[String: Any]]
        var yaml = "replication:\n  rules:\n"
        for rule in rules {
            let destinations = (rule["destinations"] as! [[String: String]])
                .map { "{ region: \($0["region"]!), registry_id: \"\($0["registryId"]!)\" }" }
            yaml += "    - destinations: [\(destinations.joined(separator: ", "))]\n"
            if let filters = rule["repositoryFilters"] as? [[String: String]] {
                yaml += "      repository_filters: [\(filters.map { "{ filter: \($0["filter"]!), filter_type: \($0["filterType"]!) }" }.joined(separator: ", "))]\n"
            }
        }
        return yaml
    }

    static let head = "version: 1\nregistry: { region: us-east-1 }\ndefaults: { lifecycle_policy: null }\n"

    @Test func repositoryAndLifecyclePoliciesApplyReadBackEqualAndPlanClean() throws {
        let policies = try Self.documents("repository-policies"), lifecycles = try Self.documents("lifecycle-policies")
        #expect(policies.count + lifecycles.count + (try Self.documents("registry-policies")).count
                + (try Self.documents("replication")).count >= 40, "at least 40 public documents")
        var yaml = Self.head + "repositories:\n"
        var files: [(String, String)] = []
        for (index, document) in policies.enumerated() {
            yaml += "  \(Self.repository("rp", index)): { repository_policy: { file: rp-\(index).json } }\n"
            files.append(("rp-\(index).json", document.path))
        }
        for (index, document) in lifecycles.enumerated() {
            yaml += "  \(Self.repository("lc", index)): { lifecycle_policy: { file: lc-\(index).json } }\n"
            files.append(("lc-\(index).json", document.path))
        }
        let spec = try Self.workspace(yaml, files: files)
        let moto = try MotoServer()
        let validate = try runECRApply(["validate", "-f", spec])
        #expect(validate.status == 0, "\(validate.stdout)\(validate.stderr)")
        #expect(!validate.stderr.contains("error:"), "\(validate.stderr)")

        let apply = try EndToEndTests.ecrApply(["apply", "--auto-approve", "-f", spec], moto)
        #expect(apply.status == 0, "\(apply.stdout)\(apply.stderr)")

        let seen = try Python.boto3("""
            result = {}
            for r in ecr.describe_repositories()['repositories']:
                name = r['repositoryName']
                try:
                    result[name] = json.loads(ecr.get_repository_policy(repositoryName=name)['policyText'])
                except ecr.exceptions.RepositoryPolicyNotFoundException:
                    result[name] = json.loads(ecr.get_lifecycle_policy(repositoryName=name)['lifecyclePolicyText'])
            out(result)
            """, endpoint: moto.endpoint) as! [String: Any]
        for (index, document) in policies.enumerated() {
            let stored = seen[Self.repository("rp", index)] as? NSDictionary
            #expect(stored == (try Self.json(document.path) as! NSDictionary), "\(document.name): read back differs")
        }
        for (index, document) in lifecycles.enumerated() {
            let stored = seen[Self.repository("lc", index)] as? NSDictionary
            #expect(stored == (try Self.json(document.path) as! NSDictionary), "\(document.name): read back differs")
        }
        let plan = try EndToEndTests.ecrApply(["plan", "--detailed-exitcode", "-f", spec], moto)
        #expect(plan.status == 0, "\(plan.stdout)\(plan.stderr)")
    }

    @Test func registryPoliciesAndReplicationApplyReadBackEqualAndPlanClean() throws {
        let moto = try MotoServer()
        let cases = try Self.documents("registry-policies").map { ($0, true) } + Self.documents("replication").map { ($0, false) }
        for (document, isPolicy) in cases {
            let section = isPolicy ? "registry_policy: { file: doc.json }\n" : Self.replicationYAML(try Self.json(document.path))
            let spec = try Self.workspace(Self.head + section + "repositories:\n  user-service: {}\n",
                                          files: isPolicy ? [("doc.json", document.path)] : [])
            let apply = try EndToEndTests.ecrApply(["apply", "--auto-approve", "-f", spec], moto)
            #expect(apply.status == 0, "\(document.name): \(apply.stdout)\(apply.stderr)")
            let stored = try Python.boto3(isPolicy ? "out(json.loads(ecr.get_registry_policy()['policyText']))"
                                                   : "out(ecr.describe_registry()['replicationConfiguration'])", endpoint: moto.endpoint)
            #expect((stored as? NSDictionary) == (try Self.json(document.path) as! NSDictionary), "\(document.name): read back differs: \(stored)")
            let plan = try EndToEndTests.ecrApply(["plan", "--detailed-exitcode", "-f", spec], moto)
            #expect(plan.status == 0, "\(document.name): \(plan.stdout)\(plan.stderr)")
        }
    }

    @Test func aRegistrySeededWithEveryDocumentExportsToASpecThatPlansClean() throws {
        let policies = try Self.documents("repository-policies"), lifecycles = try Self.documents("lifecycle-policies")
        let registryPolicies = try Self.documents("registry-policies"), replications = try Self.documents("replication")
        let moto = try MotoServer()
        func seed(_ script: String) throws { _ = try Python.boto3(script + "\nout(None)", endpoint: moto.endpoint) }
        func literal(_ path: String) throws -> String {
            // The document's own text, whitespace and all, as a Python string literal.
            String(decoding: try JSONSerialization.data(withJSONObject: [try String(contentsOfFile: path, encoding: .utf8)]), as: UTF8.self)
        }
        var script = ""
        for (index, document) in policies.enumerated() {
            script += "ecr.create_repository(repositoryName='\(Self.repository("rp", index))')\n"
            script += "ecr.set_repository_policy(repositoryName='\(Self.repository("rp", index))', policyText=\(try literal(document.path))[0])\n"
        }
        for (index, document) in lifecycles.enumerated() {
            script += "ecr.create_repository(repositoryName='\(Self.repository("lc", index))')\n"
            script += "ecr.put_lifecycle_policy(repositoryName='\(Self.repository("lc", index))', lifecyclePolicyText=\(try literal(document.path))[0])\n"
        }
        try seed(script)
        let directory = (try EndToEndTests.specFile("") as NSString).deletingLastPathComponent
        func exportAndPlan(_ label: String) throws {
            let exported = directory + "/\(UUID().uuidString).yaml"
            let export = try EndToEndTests.ecrApply(["export", "-o", exported], moto, extra: ["AWS_REGION": "us-east-1"])
            #expect(export.status == 0, "\(label): \(export.stderr)")
            let plan = try EndToEndTests.ecrApply(["plan", "--detailed-exitcode", "-f", exported], moto)
            #expect(plan.status == 0, "\(label): \(plan.stdout)\(plan.stderr)\n\((try? String(contentsOfFile: exported, encoding: .utf8)) ?? "")")
        }
        try exportAndPlan("repositories")
        for document in registryPolicies {
            try seed("ecr.put_registry_policy(policyText=\(try literal(document.path))[0])")
            try exportAndPlan(document.name)
        }
        try seed("ecr.delete_registry_policy()")
        for document in replications {
            try seed("ecr.put_replication_configuration(replicationConfiguration=json.loads(\(try literal(document.path))[0]))")
            try exportAndPlan(document.name)
        }
    }

    @Test func documentsECRRefusesAreRefusedAtAPosition() throws {
        let refused = try Self.documents("refused")
        #expect(refused.count >= 3)
        for document in refused {
            let section = document.name.contains("lifecycle") ? "lifecycle_policy" : "repository_policy"
            let spec = try Self.workspace(Self.head + "repositories:\n  user-service: { \(section): { file: doc.json } }\n",
                                          files: [("doc.json", document.path)])
            let result = try runECRApply(["validate", "-f", spec])
            #expect(result.status == 1, "\(document.name) was accepted")
            let positioned = result.stderr.split(separator: "\n").contains { $0.contains("doc.json:") && $0.contains(": error: ") }
            #expect(positioned, "\(document.name): \(result.stderr)")
        }
    }
}
