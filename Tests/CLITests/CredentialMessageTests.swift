import Foundation
import Testing
import TestSupport

/// Credential problems each get a message that says which credentials were used (by source,
/// never by value) and what to do; no output ever holds a secret, token or signature.
@Suite struct CredentialMessageTests {
    static let secret = "wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY"
    static let token = "IQoJb3JpZ2luX2VjEXAMPLETOKEN"

    static func expectNoSecret(_ result: CommandResult, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        for leak in [secret, token, "Signature=", "Credential="] {
            #expect(!result.stdout.contains(leak) && !result.stderr.contains(leak), "\(leak)", sourceLocation: sourceLocation)
        }
    }

    @Test func expiredCredentialsSayWhereTheyCameFromAndWhatToDo() throws {
        let server = try LoopbackHTTPServer { _ in
            .respond(status: 400, headers: ["Content-Type": "application/x-amz-json-1.1"],
                     body: #"{"__type":"ExpiredTokenException","message":"The security token included in the request is expired"}"#)
        }
        defer { server.stop() }
        let result = try runECRApply(["plan", "--debug", "-f", "examples/registry.yaml"], environment: [
            "AWS_ACCESS_KEY_ID": "ASIAEXAMPLEEXPIRED", "AWS_SECRET_ACCESS_KEY": Self.secret, "AWS_SESSION_TOKEN": Self.token,
            "AWS_ENDPOINT_URL": server.endpoint, "AWS_EC2_METADATA_DISABLED": "true",
        ])
        #expect(result.status == 1)
        #expect(result.stderr.contains("ExpiredTokenException"), "\(result.stderr)")
        #expect(result.stderr.contains("the credentials from environment have expired: refresh them"), "\(result.stderr)")
        Self.expectNoSecret(result)
    }

    @Test func aWrongSecretAndAnUnknownKeyAreToldApart() throws {
        let moto = try MotoServer(extraEnvironment: ["INITIAL_NO_AUTH_ACTION_COUNT": "2"])
        let key = try Python.boto3("""
            iam.create_user(UserName='ci')
            out(iam.create_access_key(UserName='ci')['AccessKey']['AccessKeyId'])
            """, endpoint: moto.endpoint) as! String
        let wrong = try runECRApply(["plan", "--debug", "-f", "examples/registry.yaml"], environment: [
            "AWS_ACCESS_KEY_ID": key, "AWS_SECRET_ACCESS_KEY": Self.secret, "AWS_ENDPOINT_URL": moto.endpoint, "AWS_EC2_METADATA_DISABLED": "true",
        ])
        #expect(wrong.status == 1)
        #expect(wrong.stderr.contains("does not match its access key id") || wrong.stderr.contains("check this machine's clock"),
                "\(wrong.stderr)")
        Self.expectNoSecret(wrong)

        let unknown = try runECRApply(["plan", "-f", "examples/registry.yaml"], environment: [
            "AWS_ACCESS_KEY_ID": "AKIAUNKNOWNKEY000000", "AWS_SECRET_ACCESS_KEY": Self.secret, "AWS_ENDPOINT_URL": moto.endpoint,
            "AWS_EC2_METADATA_DISABLED": "true",
        ])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("AWS does not know the access key id of the credentials from environment"), "\(unknown.stderr)")
        Self.expectNoSecret(unknown)
    }

    @Test func missingCredentialsListWhatWasTried() throws {
        let result = try runECRApply(["plan", "-f", "examples/registry.yaml"], environment: ["AWS_EC2_METADATA_DISABLED": "true"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("no AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE or --profile"))
    }

    @Test func aMissingPermissionNamesTheActionAndTheSource() throws {
        let moto = try MotoServer(extraEnvironment: ["INITIAL_NO_AUTH_ACTION_COUNT": "3"])
        let key = try Python.boto3("""
            iam.create_user(UserName='reader')
            k = iam.create_access_key(UserName='reader')['AccessKey']
            iam.put_user_policy(UserName='reader', PolicyName='p', PolicyDocument=json.dumps({'Version': '2012-10-17', 'Statement': [
                {'Effect': 'Allow', 'Action': ['sts:GetCallerIdentity'], 'Resource': '*'}]}))
            out([k['AccessKeyId'], k['SecretAccessKey']])
            """, endpoint: moto.endpoint) as! [String]
        let result = try runECRApply(["plan", "-f", "examples/registry.yaml"], environment: [
            "AWS_ACCESS_KEY_ID": key[0], "AWS_SECRET_ACCESS_KEY": key[1], "AWS_ENDPOINT_URL": moto.endpoint, "AWS_EC2_METADATA_DISABLED": "true",
        ])
        #expect(result.status == 1)
        #expect(result.stderr.contains("ecr:DescribeRepositories"), "\(result.stderr)")
        #expect(result.stderr.contains("the identity behind the credentials from environment lacks a permission"), "\(result.stderr)")
        #expect(!result.stderr.contains(key[1]))
    }
}
