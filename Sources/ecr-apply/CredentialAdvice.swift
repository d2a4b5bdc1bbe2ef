import AWSClient

/// What to do about an error that is about who we are, in words: which credentials were
/// used (their source, never their value) and the next step. Also the one network error
/// with a usual cure: a certificate from a private CA.
enum CredentialAdvice {
    static func advice(for error: Error, source: String?) -> String? {
        if let error = error as? TransportError, error.kind == .tls {
            return "if this endpoint's certificate comes from a private CA (a corporate proxy, a VPC endpoint), "
                + "point AWS_CA_BUNDLE at that CA's certificate file."
        }
        guard let error = error as? AWSError else { return nil }
        let from = source.map { "the credentials from \($0)" } ?? "the credentials"
        switch error.code {
        case "ExpiredToken", "ExpiredTokenException", "RequestExpired", "TokenRefreshRequired":
            return "\(from) have expired: refresh them (for example `aws sso login`, or re-run the step that issued them) and try again."
        case "UnrecognizedClientException", "InvalidClientTokenId", "InvalidAccessKeyId", "AuthFailure":
            return "AWS does not know the access key id of \(from): check AWS_ACCESS_KEY_ID or the profile, or that the key is active."
        case "SignatureDoesNotMatch", "InvalidSignatureException":
            if error.message.localizedCaseInsensitiveContains("expired") || error.message.localizedCaseInsensitiveContains("time") {
                return "the request's time was refused: check this machine's clock (it must be within 5 minutes of AWS's)."
            }
            return "the secret key of \(from) does not match its access key id: check AWS_SECRET_ACCESS_KEY or the profile."
        case "AccessDenied", "AccessDeniedException", "UnauthorizedOperation":
            return "the identity behind \(from) lacks a permission; the message above names the action: allow it in IAM "
                + "(`ecr-apply plan` needs ecr:Describe*, ecr:Get*, ecr:ListTagsForResource and sts:GetCallerIdentity)."
        default:
            return nil
        }
    }
}

extension Session {
    /// Where the credentials came from ("environment", "profile dev"), or nil if even that fails.
    func credentialSource() async -> String? {
        try? await credentials.credentials().source
    }
}
