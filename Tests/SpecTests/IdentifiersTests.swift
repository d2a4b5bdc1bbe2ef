import Spec
import Testing

@Suite struct IdentifiersTests {
    @Test(arguments: [
        "ab", "user-service", "team-a/user-service", "a.b", "a_b", "a-b-c", "x1/y2/z3", "v1.2.3", "a__b", "a---b",  // botocore: __ and -+
        String(repeating: "a", count: 256),
    ])
    func validRepositoryNames(_ name: String) {
        #expect(Identifiers.repositoryNameProblem(name) == nil)
    }

    @Test(arguments: [
        "a", "A-b", "a b", "a/", "/a", "a//b", "a___b", "a.-b", "a..b", "a_-b", "-ab", "ab-", "a_.b", "émoji", "a:b",
        String(repeating: "a", count: 257),
    ])
    func invalidRepositoryNames(_ name: String) {
        #expect(Identifiers.repositoryNameProblem(name) != nil)
    }

    @Test func regions() {
        // botocore's Region shape, [0-9a-z-]{2,25}: an error only outside it.
        for valid in ["us-east-1", "eu-central-2", "us-gov-west-1", "cn-north-1", "ap-southeast-4", "us-isob-east-1", "eusc-de-east-1"] {
            #expect(Identifiers.regionProblem(valid) == nil, "\(valid)")
            #expect(Identifiers.regionOddity(valid) == nil, "\(valid)")
        }
        for invalid in ["US-EAST-1", "u", "us_east_1", "", String(repeating: "a", count: 26)] {
            #expect(Identifiers.regionProblem(invalid) != nil, "\(invalid)")
        }
        // Inside the pattern but not shaped like a region: a warning.
        for odd in ["us-east", "useast1", "us-east-1a", "us-east-one"] {
            #expect(Identifiers.regionProblem(odd) == nil, "\(odd)")
            #expect(Identifiers.regionOddity(odd) != nil, "\(odd)")
        }
    }

    @Test func kmsKeys() {
        for valid in [
            "alias/ecr", "alias/aws/ecr", "1234abcd-12ab-34cd-56ef-1234567890ab", "mrk-1234abcd12ab34cd56ef1234567890ab",
            "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
            "arn:aws-us-gov:kms:us-gov-west-1:123456789012:alias/team",
        ] {
            #expect(Identifiers.kmsKeyProblem(valid) == nil, "\(valid)")
        }
        for invalid in ["alias/", "alias/aws/s3", "1234", "arn:aws:s3:::bucket", "arn:aws:kms:us-east-1:123:key/x", "key/1234"] {
            #expect(Identifiers.kmsKeyProblem(invalid) != nil, "\(invalid)")
        }
    }

    @Test func partitions() {
        #expect(Identifiers.partition(forRegion: "cn-northwest-1") == "aws-cn")
        #expect(Identifiers.partition(forRegion: "us-gov-east-1") == "aws-us-gov")
        #expect(Identifiers.partition(forRegion: "eu-west-1") == "aws")
        #expect(Identifiers.partition(forRegion: nil) == "aws")
    }
}
