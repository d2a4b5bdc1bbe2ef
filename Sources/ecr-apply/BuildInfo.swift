/// The version `--version` prints, with the commit it was built from (GitRevision.swift is
/// written by the GitRevision build plugin).
enum BuildInfo {
    static let version = "0.1.0"
    static var revision: String { GitRevision.value }
    static var versionLine: String { "\(version) (\(revision))" }
}
