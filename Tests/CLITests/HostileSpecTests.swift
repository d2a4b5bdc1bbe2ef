import Foundation
import Testing
import TestSupport

/// Fifty-odd broken or hostile specs: each makes `plan` exit 1 with a message at its
/// file:line:col, and not one request reaches AWS (a recording server stands in for it).
@Suite struct HostileSpecTests {
    static let head = "version: 1\nregistry: { region: us-east-1 }\n"
    static let repo = "repositories:\n  app: { lifecycle_policy: null }\n"

    /// (name, file contents).
    static let corpus: [(String, [UInt8])] = {
        var specs: [(String, String)] = [
            ("empty", ""),
            ("scalar root", "just a string\n"),
            ("list root", "- version: 1\n"),
            ("no version", "repositories: { app: {} }\n"),
            ("version 2", "version: 2\n" + repo),
            ("version string", "version: one\n" + repo),
            ("tab indent", "version: 1\nrepositories:\n\tapp: {}\n"),
            ("unclosed flow", head + "repositories: { app: {\n"),
            ("unclosed quote", head + "repositories:\n  \"app: {}\n"),
            ("bad indent", head + "repositories:\n  app: {}\n    other: {}\n"),
            ("duplicate key", head + "repositories:\n  app: {}\n  app: {}\n"),
            ("unknown top key", head + "repositorys: {}\n"),
            ("unknown repo key", head + "repositories:\n  app: { scan_on_psuh: true }\n"),
            ("upper name", head + "repositories:\n  App: {}\n"),
            ("name slashes", head + "repositories:\n  a//b: {}\n"),
            ("name too short", head + "repositories:\n  a: {}\n"),
            ("name dash start", head + "repositories:\n  -app: {}\n"),
            ("mutability word", head + "repositories:\n  app: { image_tag_mutability: IMUTABLE }\n"),
            ("scan yes", head + "repositories:\n  app: { scan_on_push: yes }\n"),
            ("encryption type", head + "repositories:\n  app: { encryption: { type: AES128 } }\n"),
            ("kms with aes", head + "repositories:\n  app: { encryption: { type: AES256, kms_key: alias/x } }\n"),
            ("kms key length", head + "repositories:\n  app: { encryption: { type: KMS, kms_key: \"\(String(repeating: "k", count: 2049))\" } }\n"),
            ("tag aws prefix", head + "repositories:\n  app: { tags: { \"aws:x\": y } }\n"),
            ("tag bad char", head + "repositories:\n  app: { tags: { team: \"a#b\" } }\n"),
            ("tag list", head + "repositories:\n  app: { tags: [a, b] }\n"),
            ("too many tags", head + "repositories:\n  app:\n    tags:\n" + (0..<51).map { "      k\($0): v\n" }.joined()),
            ("region shape", "version: 1\nregistry: { region: Mars_1 }\n" + repo),
            ("account short", "version: 1\nregistry: { account_id: \"123\" }\n" + repo),
            ("lifecycle unknown name", head + "repositories:\n  app: { lifecycle_policy: keep }\n"),
            ("lifecycle bad json", head + "repositories:\n  app: { lifecycle_policy: '{\"rules\": [' }\n"),
            ("lifecycle no rules", head + "repositories:\n  app: { lifecycle_policy: { rules: [] } }\n"),
            ("lifecycle dup priority", head + """
                lifecycle_policies:
                  keep:
                    rules:
                      - { rulePriority: 1, selection: { tagStatus: untagged, countType: imageCountMoreThan, countNumber: 1 }, action: { type: expire } }
                      - { rulePriority: 1, selection: { tagStatus: any, countType: imageCountMoreThan, countNumber: 9 }, action: { type: expire } }
                repositories:
                  app: { lifecycle_policy: keep }

                """),
            ("lifecycle any first", head + """
                lifecycle_policies:
                  keep:
                    rules:
                      - { rulePriority: 1, selection: { tagStatus: any, countType: imageCountMoreThan, countNumber: 9 }, action: { type: expire } }
                      - { rulePriority: 2, selection: { tagStatus: untagged, countType: imageCountMoreThan, countNumber: 1 }, action: { type: expire } }
                repositories:
                  app: { lifecycle_policy: keep }

                """),
            ("lifecycle null list", head + """
                repositories:
                  app:
                    lifecycle_policy:
                      rules:
                        - { rulePriority: 1, selection: { tagStatus: tagged, tagPrefixList: null, countType: imageCountMoreThan, countNumber: 1 }, action: { type: expire } }

                """),
            ("lifecycle wildcards", head + """
                repositories:
                  app:
                    lifecycle_policy:
                      rules:
                        - { rulePriority: 1, selection: { tagStatus: tagged, tagPatternList: ["a*b*c*d*e*f"], countType: imageCountMoreThan, countNumber: 1 }, action: { type: expire } }

                """),
            ("lifecycle count zero", head + """
                repositories:
                  app:
                    lifecycle_policy:
                      rules:
                        - { rulePriority: 1, selection: { tagStatus: untagged, countType: imageCountMoreThan, countNumber: 0 }, action: { type: expire } }

                """),
            ("policy missing file", head + "repositories:\n  app: { lifecycle_policy: null, repository_policy: { file: nowhere.json } }\n"),
            ("policy no statement", head + "repositories:\n  app: { lifecycle_policy: null, repository_policy: { Version: \"2012-10-17\" } }\n"),
            ("policy bad effect", head + """
                repositories:
                  app:
                    lifecycle_policy: null
                    repository_policy:
                      Version: "2012-10-17"
                      Statement: [{ Effect: Permit, Principal: "*", Action: "ecr:BatchGetImage" }]

                """),
            ("policy bad action", head + """
                repositories:
                  app:
                    lifecycle_policy: null
                    repository_policy:
                      Version: "2012-10-17"
                      Statement: [{ Effect: Allow, Principal: "*", Action: "BatchGetImage" }]

                """),
            ("policy too long", head + "repositories:\n  app:\n    lifecycle_policy: null\n    repository_policy:\n      Version: \"2012-10-17\"\n"
                + "      Statement:\n" + (0..<120).map { "        - { Sid: S\($0), Effect: Allow, Principal: { AWS: \"arn:aws:iam::123456789012:role/r\($0)\" }, Action: \"ecr:BatchGetImage\" }\n" }.joined()),
            ("pull account", head + "repositories:\n  app: { lifecycle_policy: null, pull_accounts: [\"12345\"] }\n"),
            ("replication self", head + "replication: { rules: [{ destinations: [{ region: us-east-1 }] }] }\n" + repo),
            ("replication region", head + "replication: { rules: [{ destinations: [{ region: \"no where\" }] }] }\n" + repo),
            ("scanning type", head + "registry_scanning: { scan_type: FULL }\n" + repo),
            ("prune empty", head + "prune: {}\n" + repo),
            ("defaults unknown", head + "defaults: { scan: true }\n" + repo),
            ("max expire negative", "version: 1\nregistry: { region: us-east-1, max_expire: -1 }\n" + repo),
            ("alias bomb", "version: 1\na: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                + "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
                + "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n" + repo),
            ("deep nesting", head + "repositories: " + String(repeating: "[", count: 5000) + "\n"),
            ("unknown alias", head + "repositories:\n  app: *nothing\n"),
            ("binary tag value", head + "repositories:\n  app: { tags: { t: !!binary aGVsbG8= } }\n"),
            ("python object tag", head + "repositories:\n  app: !!python/object:os.system { lifecycle_policy: null }\n"),
            ("null repositories value", head + "repositories:\n  app: [1, 2]\n"),
        ]
        specs.append(("many problems", head + "repositories:\n  Bad_Name: { scan_on_push: maybe, tags: { \"aws:x\": y } }\n"))
        var files = specs.map { ($0.0, Array($0.1.utf8)) }
        files.append(("not utf8", Array(head.utf8) + [0xFF, 0xFE, 0x0A]))
        files.append(("nul byte", Array((head + "repositories:\n  app: {}\n").utf8) + [0x00]))
        files.append(("oversized", Array(head.utf8) + Array(repeating: UInt8(ascii: "#"), count: 5 * 1024 * 1024 + 10)))
        return files
    }()

    @Test func everyHostileSpecIsRefusedAtItsPlaceWithoutARequest() throws {
        #expect(Self.corpus.count >= 50)
        let server = try LoopbackHTTPServer { _ in .respond(status: 500, body: "no request should arrive") }
        defer { server.stop() }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ecr-apply-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var seen = 0
        for (index, (name, bytes)) in Self.corpus.enumerated() {
            let path = directory.appendingPathComponent("spec-\(index).yaml").path
            #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
            let result = try runECRApply(["plan", "-f", path], environment: [
                "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_ENDPOINT_URL": server.endpoint,
                "AWS_EC2_METADATA_DISABLED": "true",
            ])
            #expect(result.status == 1, "\(name): exit \(result.status)")
            let positioned = result.stderr.split(separator: "\n").contains { line in
                line.hasPrefix(path + ":") && line.contains(": error: ")
                    && line.dropFirst(path.count + 1).prefix { $0 != " " }.split(separator: ":").prefix(2).allSatisfy { Int($0) != nil }
            }
            #expect(positioned, "\(name): no file:line:col error in \(result.stderr.prefix(400))")
            #expect(server.requests.count == seen, "\(name): a request reached AWS")
            seen = server.requests.count
        }
    }
}
