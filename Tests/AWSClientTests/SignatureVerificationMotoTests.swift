import AWSClient
import Foundation
import Testing
import TestSupport

/// SigV4 checked by a real verifier: moto with authentication on (after the first three
/// unauthenticated calls, which create an IAM user, its key and its policy with boto3).
@Suite struct SignatureVerificationMotoTests {
    @Test func aCorrectKeyWorksAWrongSecretAndAMissingPermissionAreClear() async throws {
        let moto = try MotoServer(extraEnvironment: ["INITIAL_NO_AUTH_ACTION_COUNT": "3"])
        let key = try moto.iamUser(allowed: ["ecr:CreateRepository", "ecr:DescribeRepositories"])
        let ecr = ECRClientMotoTests.client(moto, accessKey: key.id, secret: key.secret)
        _ = try await ecr.createRepository(CreateRepositoryInput(repositoryName: "signed-repo"))
        #expect(try await ecr.describeRepositories(names: ["signed-repo"]).count == 1)

        let denied = await #expect(throws: AWSError.self) { try await ecr.deleteRepository(name: "signed-repo", force: true) }
        #expect(denied?.status == 403)
        #expect(denied?.message.contains("ecr:DeleteRepository") == true, "\(String(describing: denied))")

        let wrong = ECRClientMotoTests.client(moto, accessKey: key.id, secret: "not-the-secret")
        let mismatch = await #expect(throws: AWSError.self) { try await wrong.describeRepositories() }
        #expect(mismatch?.code == "SignatureDoesNotMatch" || mismatch?.code == "InvalidSignatureException", "\(String(describing: mismatch))")
    }
}
