import Foundation

/// Finds credentials the way the AWS CLI does, in its order:
///
/// 1. `--profile NAME`: that profile and nothing else;
/// 2. static keys in the environment (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`);
/// 3. web identity (`AWS_WEB_IDENTITY_TOKEN_FILE` + `AWS_ROLE_ARN`): GitHub Actions OIDC;
/// 4. the shared files' profile (`AWS_PROFILE` or `default`): keys, `role_arn` with
///    `source_profile` / `credential_source` / `web_identity_token_file`, `credential_process`,
///    IAM Identity Center (`sso_session` or `sso_start_url`, from `aws sso login`'s cache);
/// 5. ECS / EKS container credentials (`AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` / `_FULL_URI`);
/// 6. EC2 instance metadata (IMDSv2), unless `AWS_EC2_METADATA_DISABLED=true`.
///
/// Choosing the source reads only the environment and files; the network is touched when
/// credentials are first needed. Temporary credentials are refreshed before they expire.
public struct CredentialChain: Sendable {
    public var environment: AWSEnvironment
    /// For STS (AssumeRole, AssumeRoleWithWebIdentity).
    public var region: String
    public var stsEndpoint: Endpoint
    public var transport: any HTTPTransport
    /// Short timeouts: used for the container and instance metadata endpoints.
    public var metadataTransport: any HTTPTransport
    public var clock: @Sendable () -> Date

    public init(environment: AWSEnvironment, region: String, stsEndpoint: Endpoint? = nil, transport: any HTTPTransport,
                metadataTransport: (any HTTPTransport)? = nil, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.environment = environment
        self.region = region
        self.stsEndpoint = stsEndpoint ?? STSClient.standardEndpoint(region: region)
        self.transport = transport
        self.metadataTransport = metadataTransport ?? transport
        self.clock = clock
    }

    public func resolve() throws -> any CredentialProvider {
        if let flag = environment.profileFlag {
            return try profileProvider(flag, explicit: true, visited: [])!
        }
        if let provider = try environmentProvider() { return provider }
        if let provider = try webIdentityFromEnvironment() { return provider }
        let explicitProfile = environment.variable("AWS_PROFILE") != nil
        if let provider = try profileProvider(environment.profileName, explicit: explicitProfile, visited: []) { return provider }
        if let provider = try containerProvider() { return provider }
        if environment.variable("AWS_EC2_METADATA_DISABLED")?.lowercased() != "true" {
            // The last resort: say what else was tried, as a failure here is usually "no credentials at all".
            let fetch = instanceMetadata()
            return refreshing {
                do {
                    return try await fetch()
                } catch {
                    throw ConfigurationError(
                        "no AWS credentials in the environment, the shared files (profile \(environment.profileName)) or a container "
                            + "endpoint, and instance metadata failed: \(error). Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE")
                }
            }
        }
        throw ConfigurationError(
            "no AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE or --profile, "
                + "or AWS_WEB_IDENTITY_TOKEN_FILE with AWS_ROLE_ARN")
    }

    // MARK: Sources

    private func environmentProvider() throws -> (any CredentialProvider)? {
        let key = environment.variable("AWS_ACCESS_KEY_ID"), secret = environment.variable("AWS_SECRET_ACCESS_KEY")
        switch (key, secret) {
        case (nil, nil): return nil
        case (let key?, let secret?):
            return StaticCredentialProvider(Credentials(accessKeyID: key, secretAccessKey: secret,
                                                        sessionToken: environment.variable("AWS_SESSION_TOKEN"), source: "environment"))
        case (nil, _): throw ConfigurationError("AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not")
        case (_, nil): throw ConfigurationError("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not")
        }
    }

    private func webIdentityFromEnvironment() throws -> (any CredentialProvider)? {
        guard let tokenFile = environment.variable("AWS_WEB_IDENTITY_TOKEN_FILE") else { return nil }
        guard let role = environment.variable("AWS_ROLE_ARN") else {
            throw ConfigurationError("AWS_WEB_IDENTITY_TOKEN_FILE is set but AWS_ROLE_ARN is not")
        }
        return refreshing(webIdentity(role: role, tokenFile: tokenFile, sessionName: environment.variable("AWS_ROLE_SESSION_NAME")))
    }

    private func profileProvider(_ name: String, explicit: Bool, visited: [String]) throws -> (any CredentialProvider)? {
        guard let profile = environment.profile(name) else {
            if explicit || !visited.isEmpty {
                throw ConfigurationError("profile '\(name)' is not in the shared config or credentials file")
            }
            return nil
        }
        // A role profile may name itself as source_profile to mean "my own keys"; any other repeat is a loop.
        if visited.contains(name), visited.last != name || profile["aws_access_key_id"] == nil {
            throw ConfigurationError("profiles \((visited + [name]).joined(separator: " → ")) form a source_profile loop")
        }
        if let role = profile["role_arn"], !visited.contains(name) {
            let source = try roleSource(profile: name, settings: profile, visited: visited + [name])
            let sts = stsClient(credentials: source)
            let session = profile["role_session_name"] ?? "ecr-apply"
            let duration = profile["duration_seconds"].flatMap { Int($0) }
            if let tokenFile = profile["web_identity_token_file"], profile["source_profile"] == nil, profile["credential_source"] == nil {
                return refreshing(webIdentity(role: role, tokenFile: tokenFile, sessionName: session))
            }
            return refreshing {
                try await sts.assumeRole(roleARN: role, sessionName: session, externalID: profile["external_id"], durationSeconds: duration)
            }
        }
        if let key = profile["aws_access_key_id"] {
            guard let secret = profile["aws_secret_access_key"] else {
                throw ConfigurationError("profile '\(name)' has aws_access_key_id but no aws_secret_access_key")
            }
            return StaticCredentialProvider(Credentials(accessKeyID: key, secretAccessKey: secret, sessionToken: profile["aws_session_token"],
                                                        source: "profile \(name)"))
        }
        if let command = profile["credential_process"] {
            let process = ProcessCredentialProvider(command: command, profile: name)
            return refreshing(process.fetch)
        }
        if profile["sso_start_url"] != nil || profile["sso_session"] != nil {
            return refreshing(try ssoProvider(profile: name, settings: profile).fetch)
        }
        if explicit || !visited.isEmpty {
            throw ConfigurationError("profile '\(name)' has no credentials (keys, role_arn, or credential_process)")
        }
        return nil
    }

    /// Where a `role_arn` profile gets the credentials it assumes the role with.
    private func roleSource(profile name: String, settings: [String: String], visited: [String]) throws -> (any CredentialProvider)? {
        if let source = settings["source_profile"] {
            return try profileProvider(source, explicit: true, visited: visited)
        }
        switch settings["credential_source"] {
        case "Environment"?:
            guard let provider = try environmentProvider() else {
                throw ConfigurationError("profile '\(name)': credential_source Environment, but AWS_ACCESS_KEY_ID is not set")
            }
            return provider
        case "EcsContainer"?:
            guard let provider = try containerProvider() else {
                throw ConfigurationError("profile '\(name)': credential_source EcsContainer, but no container credentials endpoint is set")
            }
            return provider
        case "Ec2InstanceMetadata"?:
            return refreshing(instanceMetadata())
        case let other?:
            throw ConfigurationError("profile '\(name)': unknown credential_source '\(other)' (Environment, EcsContainer or Ec2InstanceMetadata)")
        case nil:
            if settings["web_identity_token_file"] != nil { return nil }
            throw ConfigurationError("profile '\(name)' has role_arn but no source_profile, credential_source or web_identity_token_file")
        }
    }

    /// A profile with `sso_session` (and an `[sso-session]` section) or the legacy
    /// `sso_start_url` / `sso_region`, plus `sso_account_id` and `sso_role_name`.
    private func ssoProvider(profile name: String, settings: [String: String]) throws -> SSOCredentialProvider {
        var cacheKey: String, region: String?
        if let session = settings["sso_session"] {
            guard let section = environment.ssoSession(session) else {
                throw ConfigurationError("profile '\(name)' names sso_session '\(session)', which has no [sso-session \(session)] section")
            }
            cacheKey = session
            region = section["sso_region"]
        } else {
            cacheKey = settings["sso_start_url"] ?? ""
            region = settings["sso_region"]
        }
        guard let region, let account = settings["sso_account_id"], let role = settings["sso_role_name"] else {
            throw ConfigurationError("profile '\(name)' uses IAM Identity Center but lacks sso_region, sso_account_id or sso_role_name")
        }
        return SSOCredentialProvider(profile: name, cacheKey: cacheKey, region: region, accountID: account, roleName: role,
                                     environment: environment, transport: transport, clock: clock)
    }

    private func containerProvider() throws -> (any CredentialProvider)? {
        let url: String
        if let relative = environment.variable("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") {
            url = "http://169.254.170.2" + relative
        } else if let full = environment.variable("AWS_CONTAINER_CREDENTIALS_FULL_URI") {
            guard let endpoint = Endpoint(url: full), endpoint.scheme == "https" || Self.allowedContainerHosts.contains(endpoint.host) else {
                throw ConfigurationError("AWS_CONTAINER_CREDENTIALS_FULL_URI must be https or a loopback / ECS / EKS address")
            }
            url = full
        } else {
            return nil
        }
        var authorization = environment.variable("AWS_CONTAINER_AUTHORIZATION_TOKEN")
        if let file = environment.variable("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE") {
            guard let token = environment.readFile(file) else {
                throw ConfigurationError("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE '\(file)' cannot be read")
            }
            authorization = token.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let provider = MetadataCredentialProvider(source: .container(url: url, authorization: authorization), transport: metadataTransport)
        return refreshing(provider.fetch)
    }

    private static let allowedContainerHosts: Set = ["127.0.0.1", "localhost", "::1", "[::1]", "169.254.170.2", "169.254.170.23"]

    private func instanceMetadata() -> @Sendable () async throws -> Credentials {
        let base = environment.variable("AWS_EC2_METADATA_SERVICE_ENDPOINT").map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
        let provider = MetadataCredentialProvider(source: .instanceMetadata(baseURL: base ?? "http://169.254.169.254"),
                                                  transport: metadataTransport)
        return provider.fetch
    }

    private func webIdentity(role: String, tokenFile: String, sessionName: String?) -> @Sendable () async throws -> Credentials {
        let sts = stsClient(credentials: nil)
        let environment = environment
        return {
            // Read on every refresh: the token file is rotated by the platform.
            guard let token = environment.readFile(environment.expandingHome(tokenFile))?.trimmingCharacters(in: .whitespacesAndNewlines),
                !token.isEmpty
            else {
                throw ConfigurationError("the web identity token file '\(tokenFile)' cannot be read or is empty")
            }
            return try await sts.assumeRoleWithWebIdentity(roleARN: role, sessionName: sessionName ?? "ecr-apply", token: token)
        }
    }

    private func stsClient(credentials: (any CredentialProvider)?) -> STSClient {
        STSClient(endpoint: stsEndpoint, region: region, credentials: credentials, transport: transport, clock: clock)
    }

    private func refreshing(_ fetch: @escaping @Sendable () async throws -> Credentials) -> RefreshingCredentialProvider {
        RefreshingCredentialProvider(clock: clock, fetch: fetch)
    }
}
