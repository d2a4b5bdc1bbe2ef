import Foundation
import Testing
import TestSupport

/// `lifecycle preview` and the lifecycle line of `plan`: against moto (count rules, as moto
/// stamps pushes with the current second) and offline on a describe-images file (age rules,
/// with chosen timestamps).
@Suite struct LifecycleEndToEndTests {
    static func spec(keep: Int, extraRules: String = "") throws -> String {
        try EndToEndTests.specFile("""
            version: 1
            registry: { region: us-east-1 }
            lifecycle_policies:
              keep-some:
                rules:
                  - rulePriority: 1
                    selection: { tagStatus: tagged, tagPatternList: ["v*"], countType: imageCountMoreThan, countNumber: \(keep) }
                    action: { type: expire }
                  - rulePriority: 2
                    selection: { tagStatus: untagged, countType: sinceImagePushed, countUnit: days, countNumber: 1 }
                    action: { type: expire }
            \(extraRules)
            repositories:
              app: { lifecycle_policy: keep-some }
            """)
    }

    /// Pushes `old` tags, waits for moto's clock (whole seconds) to move on, then pushes `new`
    /// ones, so that "newest" is not a tie. Returns digests by tag.
    static func push(old: [String], new: [String], into repository: String, _ moto: MotoServer) throws -> [String: String] {
        try Python.boto3("""
            import time
            def push(tag, n):
                manifest = {'schemaVersion': 2, 'mediaType': 'application/vnd.docker.distribution.manifest.v2+json',
                            'config': {'mediaType': 'application/vnd.docker.container.image.v1+json', 'size': n, 'digest': 'sha256:%064d' % n},
                            'layers': [{'mediaType': 'application/vnd.docker.image.rootfs.diff.tar.gzip', 'size': 1000 * n,
                                        'digest': 'sha256:%064d' % (1000 + n)}]}
                return ecr.put_image(repositoryName='\(repository)', imageManifest=json.dumps(manifest), imageTag=tag)['image']['imageId']['imageDigest']
            digests = {}
            for n, tag in enumerate(\(old)):
                digests[tag] = push(tag, n + 1)
            second = int(time.time())
            while int(time.time()) == second:
                time.sleep(0.01)
            for n, tag in enumerate(\(new)):
                digests[tag] = push(tag, n + 100)
            out(digests)
            """, endpoint: moto.endpoint) as! [String: String]
    }

    @Test func previewNamesExactlyTheImagesTheRulesSelect() throws {
        let moto = try MotoServer()
        let spec = try Self.spec(keep: 2)
        #expect(try EndToEndTests.ecrApply(["apply", "--auto-approve", "-f", spec], moto).status == 0)
        let digests = try Self.push(old: ["v1", "v2", "v3"], new: ["v4", "v5"], into: "app", moto)

        let preview = try EndToEndTests.ecrApply(["lifecycle", "preview", "-f", spec, "--format", "json"], moto)
        #expect(preview.status == 0, "\(preview.stderr)")
        let document = try JSONSerialization.jsonObject(with: Data(preview.stdout.utf8)) as! [String: Any]
        let repository = (document["repositories"] as! [[String: Any]])[0]
        let affected = repository["images_affected"] as! [[String: Any]]
        #expect(Set(affected.map { $0["digest"] as! String }) == Set(["v1", "v2", "v3"].map { digests[$0]! }))
        #expect(affected.allSatisfy { $0["rule_priority"] as? Int == 1 })
        #expect((repository["impact"] as? [String: Any])?["expire"] as? Int == 3)

        let text = try EndToEndTests.ecrApply(["lifecycle", "preview", "-f", spec, "--repository", "app"], moto)
        #expect(text.stdout.contains("repository.app (policy keep-some): would expire 3 of 5 images"), "\(text.stdout)")
        #expect(text.stdout.contains("Total: would expire 3 of 5 images, "))
    }

    @Test func planMeasuresALifecycleChangeAndTheGuardRefusesTooMuch() throws {
        let moto = try MotoServer()
        #expect(try EndToEndTests.ecrApply(["apply", "--auto-approve", "-f", try Self.spec(keep: 10)], moto).status == 0)
        _ = try Self.push(old: ["v1", "v2"], new: ["v3", "v4"], into: "app", moto)

        let stricter = try Self.spec(keep: 2)
        let plan = try EndToEndTests.ecrApply(["plan", "-f", stricter], moto)
        #expect(plan.status == 0, "\(plan.stderr)")
        #expect(plan.stdout.contains("# lifecycle: would expire 2 of 4 images ("), "\(plan.stdout)")
        #expect(plan.stdout.contains(") now; currently 0\n"))
        let json = try EndToEndTests.ecrApply(["plan", "-f", stricter, "--format", "json"], moto)
        #expect(json.stdout.contains("\"lifecycle\" : {"))

        let guarded = try EndToEndTests.ecrApply(["apply", "--auto-approve", "--max-expire", "1", "-f", stricter], moto)
        #expect(guarded.status == 1)
        #expect(guarded.stdout.contains("repository.app: the new lifecycle policy would expire 2 images now, more than the limit of 1"))
        let inSpec = try EndToEndTests.specFile(try String(contentsOfFile: stricter, encoding: .utf8)
            .replacingOccurrences(of: "registry: { region: us-east-1 }", with: "registry: { region: us-east-1, max_expire: 1 }"))
        #expect(try EndToEndTests.ecrApply(["plan", "-f", inSpec], moto).status == 1)
        let unchanged = try Python.boto3("""
            out(json.loads(ecr.get_lifecycle_policy(repositoryName='app')['lifecyclePolicyText'])['rules'][0]['selection']['countNumber'])
            """, endpoint: moto.endpoint)
        #expect(unchanged as? Int == 10, "a refused apply changes nothing")
    }

    @Test func previewWorksOfflineOnADescribeImagesFileWithAgeRules() throws {
        let spec = try Self.spec(keep: 1)
        let file = URL(fileURLWithPath: spec).deletingLastPathComponent().appendingPathComponent("images.json").path
        // Evaluated at 2026-06-10T00:00:00Z: the untagged ccc (epoch seconds) is 4 days old, ddd 12 hours.
        try """
            {"imageDetails": [
              {"repositoryName": "app", "imageDigest": "sha256:aaa", "imageTags": ["v1"], "imagePushedAt": "2026-06-01T00:00:00+00:00", "imageSizeInBytes": 1048576},
              {"repositoryName": "app", "imageDigest": "sha256:bbb", "imageTags": ["v2"], "imagePushedAt": "2026-06-05T00:00:00.250+00:00", "imageSizeInBytes": 2097152},
              {"repositoryName": "app", "imageDigest": "sha256:ccc", "imagePushedAt": 1780704000, "imageSizeInBytes": 10},
              {"repositoryName": "app", "imageDigest": "sha256:ddd", "imagePushedAt": "2026-06-09T12:00:00Z", "imageSizeInBytes": 10}
            ]}
            """.write(toFile: file, atomically: true, encoding: .utf8)
        let result = try runECRApply(["lifecycle", "preview", "-f", spec, "--images", file, "--at", "2026-06-10T00:00:00Z"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == """
            repository.app (policy keep-some): would expire 2 of 4 images (1 MiB, est. <$0.01/month freed)
              sha256:ccc  <untagged>  pushed 2026-06-06, 4 days ago  10 B   rule 2
              sha256:aaa  v1          pushed 2026-06-01, 9 days ago  1 MiB  rule 1
            Total: would expire 2 of 4 images, 1 MiB (est. <$0.01/month freed, at ECR's list price of $0.10 per GB-month).

            """, "\(result.stdout)")
        let bad = try runECRApply(["lifecycle", "preview", "-f", spec, "--images", spec])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("is not the JSON output of `aws ecr describe-images`"))
    }
}
