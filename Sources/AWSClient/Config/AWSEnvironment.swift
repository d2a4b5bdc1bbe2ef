import Foundation

/// What the AWS CLI would read from the outside world, passed in as a value so that tests
/// never touch the process environment or the home directory: environment variables, the
/// shared config and credentials files, and how to read token files.
public struct AWSEnvironment: Sendable {
    public var variables: [String: String]
    /// Reads a file (token files, the shared files); `nil` when it does not exist.
    public var readFile: @Sendable (String) -> String?
    /// `--profile`, which beats `AWS_PROFILE` and, unlike it, also beats static keys in the environment.
    public var profileFlag: String?

    public init(variables: [String: String], profileFlag: String? = nil,
                readFile: @escaping @Sendable (String) -> String? = { try? String(contentsOfFile: $0, encoding: .utf8) }) {
        self.variables = variables
        self.profileFlag = profileFlag
        self.readFile = readFile
    }

    /// The process's own environment (the executable's edge only).
    public static func process(profileFlag: String? = nil) -> AWSEnvironment {
        AWSEnvironment(variables: ProcessInfo.processInfo.environment, profileFlag: profileFlag)
    }

    func variable(_ name: String) -> String? {
        guard let value = variables[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value
    }

    public var profileName: String { profileFlag ?? variable("AWS_PROFILE") ?? variable("AWS_DEFAULT_PROFILE") ?? "default" }

    var home: String { variable("HOME") ?? NSHomeDirectory() }

    func expandingHome(_ path: String) -> String {
        path.hasPrefix("~/") ? home + path.dropFirst() : path
    }

    var credentialsFile: SharedConfigFile {
        let path = expandingHome(variable("AWS_SHARED_CREDENTIALS_FILE") ?? "~/.aws/credentials")
        return SharedConfigFile(text: readFile(path) ?? "", kind: .credentials)
    }

    var configFile: SharedConfigFile {
        let path = expandingHome(variable("AWS_CONFIG_FILE") ?? "~/.aws/config")
        return SharedConfigFile(text: readFile(path) ?? "", kind: .config)
    }

    /// A profile's settings: the config file's, overridden by the credentials file's, as the CLI merges them.
    public func profile(_ name: String) -> [String: String]? {
        let config = configFile.profiles[name], credentials = credentialsFile.profiles[name]
        guard config != nil || credentials != nil else { return nil }
        return (config ?? [:]).merging(credentials ?? [:]) { _, fromCredentials in fromCredentials }
    }

    /// A `[sso-session NAME]` section of the config file.
    public func ssoSession(_ name: String) -> [String: String]? { configFile.ssoSessions[name] }

    /// The endpoint for a service: `--endpoint-url`, `AWS_ENDPOINT_URL_<SERVICE>`,
    /// `AWS_ENDPOINT_URL`, else `nil` for the standard one. Throws on a URL that is not one.
    public func endpoint(service: String, flag: String?) throws -> Endpoint? {
        let sources: [(String, String?)] = [
            ("--endpoint-url", flag), ("AWS_ENDPOINT_URL_\(service.uppercased())", variable("AWS_ENDPOINT_URL_\(service.uppercased())")),
            ("AWS_ENDPOINT_URL", variable("AWS_ENDPOINT_URL")),
        ]
        guard let (name, url) = sources.first(where: { $0.1 != nil }), let url else { return nil }
        guard let endpoint = Endpoint(url: url) else {
            throw ConfigurationError("\(name) is not an http(s) URL: '\(url)'")
        }
        return endpoint
    }
}

/// A configuration problem found before any request is sent: a missing region, a profile
/// that does not exist, an unreadable token file.
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
