import ArgumentParser
import Foundation

/// Every exit code ecr-apply uses, decided here and nowhere else.
///
/// - 0: success; for `plan --detailed-exitcode` and `drift`, also "no changes".
/// - 1: an error (bad spec, AWS refused, plan refused or stale, apply failed).
/// - 2: `plan --detailed-exitcode` found changes; `drift` found drift.
/// - 130: interrupted (Ctrl-C, SIGTERM); `apply` finished the calls in flight first.
enum ExitStatus {
    static let success = ExitCode.success
    static let error = ExitCode.failure
    static let changes = ExitCode(2)
    static let interrupted = ExitCode(130)

    /// Prints `Error: message` on stderr and gives the error code to throw.
    static func fail(_ message: String, color: Bool = false) -> ExitCode {
        let label = color ? "\u{1B}[1;31mError:\u{1B}[0m" : "Error:"
        FileHandle.standardError.write(Data("\(label) \(message)\n".utf8))
        return error
    }
}

/// Writes to stdout without Swift's `print` buffering surprises around exit.
func emit(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
}
