import Crypto
import Foundation

/// IAM Identity Center (SSO) profiles: the access token `aws sso login` cached under
/// `~/.aws/sso/cache/`, exchanged at the SSO portal (GetRoleCredentials) for the account's
/// role credentials. ecr-apply never logs in itself; an expired token says to run the login.
struct SSOCredentialProvider: Sendable {
    var profile: String
    /// The cache file's key: the sso-session name, or the start URL of a legacy profile.
    var cacheKey: String
    var region: String
    var accountID: String
    var roleName: String
    var environment: AWSEnvironment
    var transport: any HTTPTransport
    var clock: @Sendable () -> Date

    private struct CachedToken: Decodable {
        var accessToken: String
        var expiresAt: String
    }

    private struct Answer: Decodable {
        struct RoleCredentials: Decodable {
            var accessKeyId: String
            var secretAccessKey: String
            var sessionToken: String?
            var expiration: Double?
        }
        var roleCredentials: RoleCredentials
    }

    /// `~/.aws/sso/cache/<sha1 of the key>.json`, as the AWS CLI names it.
    var cachePath: String {
        let digest = Insecure.SHA1.hash(data: Array(cacheKey.utf8)).map { String(format: "%02x", $0) }.joined()
        return environment.expandingHome("~/.aws/sso/cache/\(digest).json")
    }

    func fetch() async throws -> Credentials {
        let login = "run `aws sso login --profile \(profile)`"
        guard let text = environment.readFile(cachePath), let token = try? JSONDecoder().decode(CachedToken.self, from: Data(text.utf8)) else {
            throw ConfigurationError("profile '\(profile)' uses IAM Identity Center, and there is no cached login: \(login)")
        }
        guard let expiry = Timestamp.parse(token.expiresAt), expiry > clock() else {
            throw ConfigurationError("profile '\(profile)': the IAM Identity Center login has expired: \(login)")
        }
        let base = try environment.endpoint(service: "sso", flag: nil)
            ?? Endpoint(host: "portal.sso.\(region).amazonaws.com" + (region.hasPrefix("cn-") ? ".cn" : ""))
        let request = HTTPRequest(method: "GET", endpoint: base, path: "/federation/credentials",
                                  query: [("account_id", accountID), ("role_name", roleName)],
                                  headers: [("x-amz-sso_bearer_token", token.accessToken)])
        let response: HTTPResponse
        do {
            response = try await transport.send(request)
        } catch let error as TransportError {
            throw ConfigurationError("profile '\(profile)': IAM Identity Center could not be reached: \(error.message)")
        }
        if response.status == 401 || response.status == 403 {
            throw ConfigurationError("profile '\(profile)': IAM Identity Center refused the cached login (HTTP \(response.status)): \(login)")
        }
        guard (200..<300).contains(response.status), let answer = try? JSONDecoder().decode(Answer.self, from: Data(response.body)) else {
            throw ConfigurationError("profile '\(profile)': IAM Identity Center answered HTTP \(response.status) without credentials "
                                     + "(is role \(roleName) in account \(accountID) assigned to you?)")
        }
        let role = answer.roleCredentials
        return Credentials(accessKeyID: role.accessKeyId, secretAccessKey: role.secretAccessKey, sessionToken: role.sessionToken,
                           expiration: role.expiration.map { Date(timeIntervalSince1970: $0 / 1000) },
                           source: "IAM Identity Center profile \(profile) (\(roleName) in \(accountID))")
    }
}
