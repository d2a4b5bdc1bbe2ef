import AWSClient
import Foundation
import Testing
import TestSupport

/// The credential chain and configuration, with injected environments and files: no test
/// reads the process environment or the home directory.
@Suite struct CredentialChainTests {
    /// An environment whose files live in a dictionary.
    static func environment(_ variables: [String: String], files: [String: String] = [:], profile: String? = nil) -> AWSEnvironment {
        AWSEnvironment(variables: ["HOME": "/home/test", "AWS_EC2_METADATA_DISABLED": "true"].merging(variables) { _, new in new },
                       profileFlag: profile, readFile: { files[$0] })
    }

    static func chain(_ environment: AWSEnvironment, sts: String? = nil, transport: any HTTPTransport = CurlTransport()) -> CredentialChain {
        CredentialChain(environment: environment, region: "us-east-1", stsEndpoint: sts.flatMap(Endpoint.init(url:)), transport: transport)
    }

    let files = [
        "/home/test/.aws/credentials": """
            [default]
            aws_access_key_id = AKIDDEFAULT
            aws_secret_access_key = default-secret ; a comment

            [dev]
            aws_access_key_id=AKIDDEV
            aws_secret_access_key=dev-secret
            aws_session_token=dev-token
            """,
        "/home/test/.aws/config": """
            [default]
            region = eu-west-1
            # a comment
            [profile dev]
            region = us-west-2
            s3 =
              max_concurrent_requests = 20
            [profile deploy]
            role_arn = arn:aws:iam::123456789012:role/deploy
            source_profile = dev
            external_id = ext-42
            duration_seconds = 1800
            role_session_name = ci
            [profile tool]
            credential_process = /bin/echo hi
            [profile sso]
            sso_session = corp
            [profile loop-a]
            role_arn = arn:aws:iam::123456789012:role/a
            source_profile = loop-b
            [profile loop-b]
            role_arn = arn:aws:iam::123456789012:role/b
            source_profile = loop-a
            [sso-session corp]
            sso_region = us-east-1
            """,
    ]

    @Test func sharedFilesParseProfilesCommentsAndNestedSections() {
        let config = SharedConfigFile(text: files["/home/test/.aws/config"]!, kind: .config)
        #expect(config.profiles["dev"] == ["region": "us-west-2"])
        #expect(config.profiles["default"] == ["region": "eu-west-1"])
        #expect(config.profiles["corp"] == nil, "an sso-session section is not a profile")
        let credentials = SharedConfigFile(text: files["/home/test/.aws/credentials"]!, kind: .credentials)
        #expect(credentials.profiles["default"]?["aws_secret_access_key"] == "default-secret")
    }

    @Test func staticKeysInTheEnvironmentComeFirst() async throws {
        let provider = try Self.chain(Self.environment(
            ["AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "env-secret", "AWS_SESSION_TOKEN": "tok", "AWS_PROFILE": "dev"],
            files: files)).resolve()
        let credentials = try await provider.credentials()
        #expect(credentials.accessKeyID == "AKIDENV")
        #expect(credentials.sessionToken == "tok")
        #expect(credentials.source == "environment")
    }

    @Test func theProfileFlagBeatsTheEnvironment() async throws {
        let provider = try Self.chain(Self.environment(["AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "s"], files: files,
                                                       profile: "dev")).resolve()
        let credentials = try await provider.credentials()
        #expect(credentials.accessKeyID == "AKIDDEV")
        #expect(credentials.sessionToken == "dev-token")
    }

    @Test func awsProfileAndTheDefaultProfileAreRead() async throws {
        #expect(try await Self.chain(Self.environment(["AWS_PROFILE": "dev"], files: files)).resolve().credentials().accessKeyID == "AKIDDEV")
        #expect(try await Self.chain(Self.environment([:], files: files)).resolve().credentials().accessKeyID == "AKIDDEFAULT")
        let moved = ["/etc/aws/creds": files["/home/test/.aws/credentials"]!]
        let fromVariable = Self.environment(["AWS_SHARED_CREDENTIALS_FILE": "/etc/aws/creds", "AWS_PROFILE": "dev"], files: moved)
        #expect(try await Self.chain(fromVariable).resolve().credentials().accessKeyID == "AKIDDEV")
    }

    @Test func configurationMistakesAreClearErrors() {
        let cases: [(AWSEnvironment, String)] = [
            (Self.environment(["AWS_ACCESS_KEY_ID": "AKID"]), "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not"),
            (Self.environment([:], files: files, profile: "nope"), "profile 'nope' is not in the shared config or credentials file"),
            (Self.environment(["AWS_PROFILE": "sso"], files: files), "uses IAM Identity Center but lacks sso_region, sso_account_id or sso_role_name"),
            (Self.environment(["AWS_PROFILE": "loop-a"], files: files), "form a source_profile loop"),
            (Self.environment(["AWS_WEB_IDENTITY_TOKEN_FILE": "/t"]), "AWS_ROLE_ARN is not"),
            (Self.environment([:]), "no AWS credentials found"),
        ]
        for (environment, message) in cases {
            #expect(throws: ConfigurationError.self) { _ = try Self.chain(environment).resolve() }
            do {
                _ = try Self.chain(environment).resolve()
            } catch {
                #expect("\(error)".contains(message), "\(error)")
            }
        }
    }

    @Test func theSpecsRegionWinsOverTheEnvironmentAndAContradictingFlagIsRefused() throws {
        let env = Self.environment(["AWS_DEFAULT_REGION": "ap-south-1", "AWS_ENDPOINT_URL": "http://127.0.0.1:1"], files: files)
        // No region in the spec: the AWS CLI's order.
        #expect(try env.chooseRegion(flag: "us-east-2", declared: nil)?.region == "us-east-2")
        #expect(try env.chooseRegion(flag: nil, declared: nil) == RegionChoice(region: "ap-south-1", source: "AWS_DEFAULT_REGION"))
        let both = Self.environment(["AWS_REGION": "sa-east-1", "AWS_DEFAULT_REGION": "ap-south-1"])
        #expect(try both.chooseRegion(flag: nil, declared: nil)?.source == "AWS_REGION")
        #expect(try Self.environment([:], files: files, profile: "dev").chooseRegion(flag: nil, declared: nil)?.region == "us-west-2")
        #expect(try Self.environment([:]).chooseRegion(flag: nil, declared: nil) == nil)

        // A region in the spec is the region; the environment's other region gets one line.
        let chosen = try #require(try both.chooseRegion(flag: nil, declared: "ap-northeast-2"))
        #expect(chosen.region == "ap-northeast-2")
        #expect(chosen.note == "note: acting in ap-northeast-2 as registry.region says; AWS_REGION (sa-east-1) applies only to specs that name no region")
        #expect(try Self.environment(["AWS_REGION": "eu-north-1"]).chooseRegion(flag: nil, declared: "eu-north-1")?.note == nil)
        #expect(try Self.environment([:], files: files, profile: "dev").chooseRegion(flag: nil, declared: "eu-north-1")?.note?
            .contains("profile dev (us-west-2)") == true)
        #expect(try both.chooseRegion(flag: "ap-northeast-2", declared: "ap-northeast-2")?.note == nil)

        // An explicit flag that contradicts it refuses the run, naming both.
        #expect(throws: RegionChoice.Conflict(declared: "ap-northeast-2", declaredBy: "registry.region", flag: "eu-central-1")) {
            try both.chooseRegion(flag: "eu-central-1", declared: "ap-northeast-2")
        }
    }

    @Test func endpointsFollowTheCLIOrder() throws {
        let env = Self.environment(["AWS_DEFAULT_REGION": "ap-south-1", "AWS_ENDPOINT_URL": "http://127.0.0.1:1"], files: files)
        #expect(try env.endpoint(service: "ecr", flag: nil)?.port == 1)
        let specific = Self.environment(["AWS_ENDPOINT_URL": "http://127.0.0.1:1", "AWS_ENDPOINT_URL_ECR": "http://127.0.0.1:2"])
        #expect(try specific.endpoint(service: "ecr", flag: nil)?.port == 2)
        #expect(try specific.endpoint(service: "sts", flag: nil)?.port == 1)
        #expect(try specific.endpoint(service: "ecr", flag: "http://127.0.0.1:3")?.port == 3)
        #expect(try Self.environment([:]).endpoint(service: "ecr", flag: nil) == nil)
        #expect(throws: ConfigurationError.self) { try Self.environment(["AWS_ENDPOINT_URL_ECR": "localhost:4566"]).endpoint(service: "ecr", flag: nil) }
        #expect(ECRClient.standardEndpoint(region: "cn-north-1").host == "api.ecr.cn-north-1.amazonaws.com.cn")
        #expect(ECRClient.standardEndpoint(region: "us-gov-west-1").host == "api.ecr.us-gov-west-1.amazonaws.com")
        #expect(STSClient.standardEndpoint(region: "eu-west-1").host == "sts.eu-west-1.amazonaws.com")
    }

    @Test func credentialProcessOutputIsReadAndItsFailuresExplained() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ecr-apply-cp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let good = directory.appendingPathComponent("good.sh").path, bad = directory.appendingPathComponent("bad.sh").path
        let garbled = directory.appendingPathComponent("garbled.sh").path
        try #"echo '{"Version": 1, "AccessKeyId": "AKIDPROC", "SecretAccessKey": "proc-secret", "SessionToken": "t", "Expiration": "2099-01-01T00:00:00Z"}'"#
            .write(toFile: good, atomically: true, encoding: .utf8)
        try "echo 'token expired, run login' >&2; exit 3".write(toFile: bad, atomically: true, encoding: .utf8)
        try "echo 'SecretAccessKey=very-secret'".write(toFile: garbled, atomically: true, encoding: .utf8)
        let config = "[profile good]\ncredential_process = sh \(good)\n[profile bad]\ncredential_process = sh \(bad)\n"
            + "[profile garbled]\ncredential_process = sh \(garbled)\n"
        let files = ["/home/test/.aws/config": config]

        let credentials = try await Self.chain(Self.environment([:], files: files, profile: "good")).resolve().credentials()
        #expect(credentials.accessKeyID == "AKIDPROC")
        #expect(credentials.expiration == ISO8601DateFormatter().date(from: "2099-01-01T00:00:00Z"))
        do {
            _ = try await Self.chain(Self.environment([:], files: files, profile: "bad")).resolve().credentials()
            Issue.record("a failing credential_process must fail")
        } catch {
            #expect("\(error)".contains("exited with status 3: token expired, run login"), "\(error)")
        }
        do {
            _ = try await Self.chain(Self.environment([:], files: files, profile: "garbled")).resolve().credentials()
            Issue.record("garbled output must fail")
        } catch {
            #expect("\(error)".contains("did not print JSON"))
            #expect(!"\(error)".contains("very-secret"), "never echo what may be a secret")
        }
    }

    @Test func refreshingFetchesAgainOnlyNearExpiry() async throws {
        final class Box: @unchecked Sendable {
            let lock = NSLock()
            var now = Date(timeIntervalSince1970: 1_000_000)
            var fetches = 0
        }
        let box = Box()
        let provider = RefreshingCredentialProvider(margin: 300, clock: { box.lock.withLock { box.now } }) {
            let (count, now) = box.lock.withLock { () -> (Int, Date) in
                box.fetches += 1
                return (box.fetches, box.now)
            }
            return Credentials(accessKeyID: "AKID\(count)", secretAccessKey: "s", expiration: now.addingTimeInterval(3600))
        }
        #expect(try await provider.credentials().accessKeyID == "AKID1")
        box.lock.withLock { box.now += 3000 }
        #expect(try await provider.credentials().accessKeyID == "AKID1", "still 10 minutes left")
        box.lock.withLock { box.now += 400 }
        #expect(try await provider.credentials().accessKeyID == "AKID2", "within 5 minutes of expiry: refreshed")
        #expect(box.lock.withLock { box.fetches } == 2)
    }

    @Test func credentialsNeverDescribeTheirSecret() {
        let credentials = Credentials(accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG", sessionToken: "FwoGZXIvYXdzE")
        let shown = "\(credentials) \(String(reflecting: credentials))"
        #expect(!shown.contains("wJalrXUtnFEMI"))
        #expect(!shown.contains("FwoGZXIvYXdzE"))
        #expect(!shown.contains("AKIAIOSFODNN7EXAMPLE"))
    }
}
