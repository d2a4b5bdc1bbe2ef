/// The version `--version` prints.
enum BuildInfo {
    static let version = "0.1.0"
    static var versionLine: String { version }
}
