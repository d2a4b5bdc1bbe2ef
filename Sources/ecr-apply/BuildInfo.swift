import Foundation

/// The version `--version` prints, with the commit and date it was built from
/// (GitRevision.swift is written by the GitRevision build plugin; a release passes the tag's
/// version, the one place it is decided).
enum BuildInfo {
    static var version: String { GitRevision.version }
    static var revision: String { GitRevision.value }
    static var buildDate: String { GitRevision.buildDate }
    static var versionLine: String { "\(version) (\(revision), built \(buildDate))" }

    /// The `User-Agent` of every request, in the AWS SDKs' form (`name/version` then
    /// `os/…`, `md/…`, `lang/…` pairs) so that CloudTrail and AWS support can tell who called:
    /// `ecr-apply/0.1.0 os/linux#6.1.0 md/arch#x86_64 lang/swift`.
    static let userAgent: String = {
        var system = utsname()
        uname(&system)
        func field<T>(_ value: T) -> String {
            withUnsafeBytes(of: value) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        }
        let kernel = field(system.release).split(separator: "-").first.map(String.init) ?? "unknown"
        let os = field(system.sysname).lowercased()
        return "ecr-apply/\(version) os/\(os.isEmpty ? "other" : os)#\(kernel) md/arch#\(field(system.machine)) lang/swift"
    }()
}
