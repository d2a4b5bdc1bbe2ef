import Planner
import Spec
import Testing

/// Documents that mean the same thing compare equal; documents that differ in meaning do not.
@Suite struct NormalizationTests {
    static let pull = """
        {"Version":"2012-10-17","Statement":[{"Sid":"AllowPull","Effect":"Allow",
         "Principal":{"AWS":"arn:aws:iam::999888777666:root"},
         "Action":["ecr:BatchGetImage","ecr:GetDownloadUrlForLayer"]}]}
        """

    @Test(arguments: [
        // Reordered keys and reformatted.
        """
        { "Statement": [ { "Action": [ "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer" ], "Effect": "Allow",
          "Principal": { "AWS": "arn:aws:iam::999888777666:root" }, "Sid": "AllowPull" } ], "Version": "2012-10-17" }
        """,
        // Principal as a list of one, actions in another order.
        """
        {"Version":"2012-10-17","Statement":[{"Sid":"AllowPull","Effect":"Allow","Principal":{"AWS":["arn:aws:iam::999888777666:root"]},
         "Action":["ecr:GetDownloadUrlForLayer","ecr:BatchGetImage"]}]}
        """,
        // An account id instead of its root ARN; a single statement object.
        """
        {"Version":"2012-10-17","Statement":{"Sid":"AllowPull","Effect":"Allow","Principal":{"AWS":"999888777666"},
         "Action":["ecr:GetDownloadUrlForLayer","ecr:BatchGetImage","ecr:BatchGetImage"]}}
        """,
    ])
    func equivalentIAMPoliciesAreEqual(_ variant: String) {
        #expect(PolicyNormalization.iamPolicy(json(variant), partition: "aws") == PolicyNormalization.iamPolicy(json(Self.pull), partition: "aws"))
    }

    @Test func statementOrderAndAMissingVersionDoNotMatter() {
        let a = json(#"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"ecr:A"},{"Effect":"Deny","Principal":"*","Action":"ecr:B","Sid":""}]}"#)
        let b = json(#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":["ecr:B"]},{"Effect":"Allow","Principal":"*","Action":["ecr:A"]}]}"#)
        #expect(PolicyNormalization.iamPolicy(a, partition: "aws") == PolicyNormalization.iamPolicy(b, partition: "aws"))
    }

    @Test func realIAMChangesShow() {
        let base = PolicyNormalization.iamPolicy(json(Self.pull), partition: "aws")
        for changed in [
            Self.pull.replacingOccurrences(of: "999888777666", with: "111122223333"),
            Self.pull.replacingOccurrences(of: "\"Allow\"", with: "\"Deny\""),
            Self.pull.replacingOccurrences(of: "\"ecr:BatchGetImage\",", with: ""),
        ] {
            #expect(PolicyNormalization.iamPolicy(json(changed), partition: "aws") != base, "\(changed)")
        }
    }

    static let lifecycle = """
        {"rules":[{"rulePriority":1,"selection":{"tagStatus":"tagged","tagPrefixList":["v","release"],"countType":"imageCountMoreThan","countNumber":10},"action":{"type":"expire"}},
                  {"rulePriority":2,"selection":{"tagStatus":"untagged","countType":"sinceImagePushed","countUnit":"days","countNumber":1},"action":{"type":"expire"}}]}
        """

    @Test func equivalentLifecyclePoliciesAreEqual() {
        let reordered = """
            {"rules":[{"action":{"type":"expire"},"rulePriority":2,"selection":{"countNumber":1,"countUnit":"days","countType":"sinceImagePushed","tagStatus":"untagged","tagPrefixList":[]}},
                      {"rulePriority":1,"selection":{"tagStatus":"tagged","tagPrefixList":["release","v","v"],"countType":"imageCountMoreThan","countNumber":10.0},"action":{"type":"expire"}}]}
            """
        #expect(PolicyNormalization.lifecyclePolicy(json(reordered)) == PolicyNormalization.lifecyclePolicy(json(Self.lifecycle)))
    }

    @Test func realLifecycleChangesShow() {
        let base = PolicyNormalization.lifecyclePolicy(json(Self.lifecycle))
        for changed in [
            Self.lifecycle.replacingOccurrences(of: "\"countNumber\":10", with: "\"countNumber\":20"),
            Self.lifecycle.replacingOccurrences(of: "[\"v\",\"release\"]", with: "[\"v\",\"release\",\"rc\"]"),
            Self.lifecycle.replacingOccurrences(of: "\"tagPrefixList\":[\"v\",\"release\"]", with: "\"tagPatternList\":[\"v*\"]"),
            Self.lifecycle.replacingOccurrences(of: "\"rulePriority\":2", with: "\"rulePriority\":3"),
        ] {
            #expect(PolicyNormalization.lifecyclePolicy(json(changed)) != base, "\(changed)")
        }
    }
}
