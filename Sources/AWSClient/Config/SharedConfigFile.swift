/// The AWS CLI's shared files, `~/.aws/credentials` and `~/.aws/config`: INI sections of
/// `key = value` lines. In the config file profiles are `[profile NAME]` (and `[default]`);
/// in the credentials file they are `[NAME]`. Nested sections (`s3 =` followed by indented
/// lines) are skipped, as ecr-apply needs none of them.
public struct SharedConfigFile: Sendable, Equatable {
    public enum Kind: Sendable { case credentials, config }

    /// Settings by profile name, keys lowercased.
    public private(set) var profiles: [String: [String: String]] = [:]
    /// `[sso-session NAME]` sections of the config file, by name.
    public private(set) var ssoSessions: [String: [String: String]] = [:]

    public init(text: String, kind: Kind) {
        var section: String?
        var inSSOSession = false
        var nestedUnder: String?
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") && line.hasSuffix("]") {
                let header = String(line.dropFirst().dropLast())
                let words = header.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
                nestedUnder = nil
                if kind == .config, words.count == 2, words[0] == "sso-session" {
                    section = words[1]
                    inSSOSession = true
                    if ssoSessions[words[1]] == nil { ssoSessions[words[1]] = [:] }
                    continue
                }
                inSSOSession = false
                section = Self.profileName(header: header, kind: kind)
                if let section, profiles[section] == nil { profiles[section] = [:] }
                continue
            }
            guard let section, let equals = line.firstIndex(of: "=") else { continue }
            let indented = rawLine.first == " " || rawLine.first == "\t"
            if indented, nestedUnder != nil { continue }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            let value = Self.stripComment(line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces))
            if value.isEmpty, !indented {
                nestedUnder = key
                continue
            }
            nestedUnder = nil
            if inSSOSession { ssoSessions[section]?[key] = value } else { profiles[section]?[key] = value }
        }
    }

    /// `profile dev` → `dev`, `default` → `default`; other config sections (`sso-session x`,
    /// `services x`) are not profiles.
    private static func profileName(header: String, kind: Kind) -> String? {
        let words = header.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        switch kind {
        case .credentials:
            return header.trimmingCharacters(in: .whitespaces)
        case .config:
            if words == ["default"] { return "default" }
            if words.count == 2, words[0] == "profile" { return words[1] }
            return nil
        }
    }

    /// `value ; comment` and `value # comment` (a comment needs the space before it).
    private static func stripComment(_ value: String) -> String {
        for marker in [" ;", " #", "\t;", "\t#"] {
            if let range = value.range(of: marker) {
                return value[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
            }
        }
        return value
    }
}
