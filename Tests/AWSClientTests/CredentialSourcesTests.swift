import AWSClient
import Foundation
import Testing
import TestSupport

/// The credential sources that go over the network: STS (against moto), the container
/// endpoint and IMDSv2 (against a scripted loopback server).
@Suite struct CredentialSourcesTests {
    static func environment(_ variables: [String: String], files: [String: String] = [:], profile: String? = nil) -> AWSEnvironment {
        CredentialChainTests.environment(variables, files: files, profile: profile)
    }

    @Test func webIdentityAssumesTheRoleThroughMotoSTS() async throws {
        let moto = try MotoServer()
        let files = ["/run/token": "eyJhbGciOi.fake.jwt\n"]
        let environment = Self.environment(
            ["AWS_WEB_IDENTITY_TOKEN_FILE": "/run/token", "AWS_ROLE_ARN": "arn:aws:iam::123456789012:role/gha",
             "AWS_ROLE_SESSION_NAME": "pr-42"], files: files)
        let credentials = try await CredentialChainTests.chain(environment, sts: moto.endpoint).resolve().credentials()
        #expect(credentials.accessKeyID.hasPrefix("ASIA"))
        #expect(credentials.sessionToken != nil)
        #expect(credentials.expiration != nil)
        #expect(credentials.source == "web identity role arn:aws:iam::123456789012:role/gha")

        // The assumed role is who STS says we are.
        let sts = STSClient(endpoint: Endpoint(url: moto.endpoint)!, region: "us-east-1", credentials: StaticCredentialProvider(credentials),
                            transport: CurlTransport())
        let identity = try await sts.getCallerIdentity()
        #expect(identity.arn.contains("assumed-role/gha/pr-42"), "\(identity.arn)")
    }

    @Test func aRoleProfileAssumesItsRoleWithTheSourceProfilesKeys() async throws {
        let moto = try MotoServer()
        let files = CredentialChainTests().files
        let credentials = try await CredentialChainTests.chain(Self.environment([:], files: files, profile: "deploy"), sts: moto.endpoint)
            .resolve().credentials()
        #expect(credentials.accessKeyID.hasPrefix("ASIA"))
        #expect(credentials.source == "assumed role arn:aws:iam::123456789012:role/deploy")
        let sts = STSClient(endpoint: Endpoint(url: moto.endpoint)!, region: "us-east-1", credentials: StaticCredentialProvider(credentials),
                            transport: CurlTransport())
        #expect(try await sts.getCallerIdentity().arn.contains("assumed-role/deploy/ci"))
    }

    @Test func assumeRoleSendsExternalIDAndDurationSignedWithTheSourceKeys() async throws {
        let expiration = "2099-01-01T00:00:00Z"
        let server = try LoopbackHTTPServer { _ in
            .respond(status: 200, headers: ["Content-Type": "text/xml"], body: """
                <AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>ASIAFAKE</AccessKeyId>
                <SecretAccessKey>fake-secret</SecretAccessKey><SessionToken>fake-token</SessionToken>
                <Expiration>\(expiration)</Expiration></Credentials></AssumeRoleResult></AssumeRoleResponse>
                """)
        }
        defer { server.stop() }
        let credentials = try await CredentialChainTests.chain(Self.environment([:], files: CredentialChainTests().files, profile: "deploy"),
                                                               sts: server.endpoint).resolve().credentials()
        #expect(credentials.accessKeyID == "ASIAFAKE")
        let request = try #require(server.requests.first)
        #expect(request.body.contains("Action=AssumeRole"))
        #expect(request.body.contains("ExternalId=ext-42"))
        #expect(request.body.contains("DurationSeconds=1800"))
        #expect(request.body.contains("RoleSessionName=ci"))
        #expect(request.headers["authorization"]?.contains("Credential=AKIDDEV/") == true, "signed with the source profile's key")
        #expect(request.headers["x-amz-security-token"] == "dev-token")
    }

    @Test func containerCredentialsAreFetchedWithTheAuthorizationToken() async throws {
        let server = try LoopbackHTTPServer { request in
            guard request.path == "/creds?id=7", request.headers["authorization"] == "Bearer abc" else { return .respond(status: 403) }
            return .respond(status: 200, body: #"{"AccessKeyId":"ASIACONT","SecretAccessKey":"s","Token":"t","Expiration":"2099-01-01T00:00:00Z"}"#)
        }
        defer { server.stop() }
        let environment = Self.environment(["AWS_CONTAINER_CREDENTIALS_FULL_URI": server.endpoint + "/creds?id=7",
                                            "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": "/var/run/token"],
                                           files: ["/var/run/token": "Bearer abc\n"])
        let credentials = try await CredentialChainTests.chain(environment).resolve().credentials()
        #expect(credentials.accessKeyID == "ASIACONT")
        #expect(credentials.source == "container credentials endpoint")
        #expect(throws: ConfigurationError.self) {
            _ = try CredentialChainTests.chain(Self.environment(["AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://203.0.113.9/creds"])).resolve()
        }
    }

    @Test func instanceMetadataUsesAnIMDSv2Token() async throws {
        let server = try LoopbackHTTPServer { request in
            switch (request.method, request.path) {
            case ("PUT", "/latest/api/token"):
                return request.headers["x-aws-ec2-metadata-token-ttl-seconds"] == nil ? .respond(status: 400) : .respond(status: 200, body: "TOKEN1")
            case (_, _) where request.headers["x-aws-ec2-metadata-token"] != "TOKEN1":
                return .respond(status: 401)
            case ("GET", "/latest/meta-data/iam/security-credentials/"):
                return .respond(status: 200, body: "web-role\n")
            case ("GET", "/latest/meta-data/iam/security-credentials/web-role"):
                return .respond(status: 200, body: #"{"Code":"Success","AccessKeyId":"ASIAIMDS","SecretAccessKey":"s","Token":"t","Expiration":"2099-01-01T00:00:00Z"}"#)
            default:
                return .respond(status: 404)
            }
        }
        defer { server.stop() }
        let environment = Self.environment(["AWS_EC2_METADATA_DISABLED": "false", "AWS_EC2_METADATA_SERVICE_ENDPOINT": server.endpoint])
        let credentials = try await CredentialChainTests.chain(environment).resolve().credentials()
        #expect(credentials.accessKeyID == "ASIAIMDS")
        #expect(credentials.source == "instance profile web-role")
        #expect(server.requests.map(\.method) == ["PUT", "GET", "GET"])
    }

    @Test func aSilentMetadataServiceFailsFastInsteadOfHanging() async throws {
        let server = try LoopbackHTTPServer { _ in .stall }
        defer { server.stop() }
        let environment = Self.environment(["AWS_EC2_METADATA_DISABLED": "false", "AWS_EC2_METADATA_SERVICE_ENDPOINT": server.endpoint])
        let chain = CredentialChain(environment: environment, region: "us-east-1", transport: CurlTransport(),
                                    metadataTransport: CurlTransport(configuration: .init(connectTimeout: 0.2, requestTimeout: 0.3)))
        do {
            _ = try await chain.resolve().credentials()
            Issue.record("a silent IMDS must fail")
        } catch {
            #expect("\(error)".contains("could not fetch the instance metadata token"), "\(error)")
        }
    }

    @Test func anIAMIdentityCenterProfileUsesTheCachedLoginAtThePortal() async throws {
        let server = try LoopbackHTTPServer { request in
            guard request.path == "/federation/credentials?account_id=210987654321&role_name=Deployer",
                request.headers["x-amz-sso_bearer_token"] == "cached-token"
            else { return .respond(status: 401, body: "{}") }
            return .respond(status: 200, body: #"{"roleCredentials":{"accessKeyId":"ASIASSO","secretAccessKey":"s","sessionToken":"t","expiration":4102444800000}}"#)
        }
        defer { server.stop() }
        let config = """
            [profile dev]
            sso_session = corp
            sso_account_id = 210987654321
            sso_role_name = Deployer
            region = eu-west-1
            [sso-session corp]
            sso_region = eu-west-1
            sso_start_url = https://example.awsapps.com/start
            [profile legacy]
            sso_start_url = https://example.awsapps.com/start
            sso_region = eu-west-1
            sso_account_id = 210987654321
            sso_role_name = Deployer
            """
        // The AWS CLI names the cache file after the SHA-1 of the session name (or the legacy start URL).
        let files = [
            "/home/test/.aws/config": config,
            "/home/test/.aws/sso/cache/ee0bfd2552fbd840c02cc48b6e823320543c450f.json": #"{"accessToken":"cached-token","expiresAt":"2099-01-01T00:00:00Z"}"#,
            "/home/test/.aws/sso/cache/e8be5486177c5b5392bd9aa76563515b29358e6e.json": #"{"accessToken":"old","expiresAt":"2020-01-01T00:00:00Z"}"#,
        ]
        let credentials = try await CredentialChainTests.chain(Self.environment(["AWS_ENDPOINT_URL_SSO": server.endpoint], files: files, profile: "dev"))
            .resolve().credentials()
        #expect(credentials.accessKeyID == "ASIASSO")
        #expect(credentials.source == "IAM Identity Center profile dev (Deployer in 210987654321)")
        #expect(credentials.expiration == Date(timeIntervalSince1970: 4_102_444_800))
        do {
            _ = try await CredentialChainTests.chain(Self.environment(["AWS_ENDPOINT_URL_SSO": server.endpoint], files: files, profile: "legacy"))
                .resolve().credentials()
            Issue.record("an expired login must not be used")
        } catch {
            #expect("\(error)".contains("the IAM Identity Center login has expired: run `aws sso login --profile legacy`"), "\(error)")
        }
    }
}
