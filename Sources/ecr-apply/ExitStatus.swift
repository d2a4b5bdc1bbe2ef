import ArgumentParser
import Foundation
import Planner

/// How a command ended, as a value. Commands throw it; `ExitStatus.code(for:)` alone turns
/// it into an exit code.
enum Ending: Error {
    /// Something failed; printed as `Error: message`.
    case failed(String)
    /// Failed, and why is already on the screen (diagnostics, a refused plan).
    case failedAsShown
    /// `plan --detailed-exitcode` found changes; `drift` found drift.
    case changes
    /// Ctrl-C or SIGTERM; `apply` finished the calls in flight first.
    case interrupted
}

/// Every exit code ecr-apply uses, decided here and nowhere else.
///
/// - 0: success; for `plan --detailed-exitcode` and `drift`, also "no changes".
/// - 1: an error (bad spec, AWS refused, plan refused or stale, apply failed).
/// - 2: `plan --detailed-exitcode` found changes; `drift` found drift.
/// - 130: interrupted (Ctrl-C, SIGTERM); `apply` finished the calls in flight first.
enum ExitStatus {
    /// What a signal handler exits with, where no `Ending` can be thrown.
    static let interruptedCode: Int32 = 130

    static func code(for ending: Ending) -> ExitCode {
        switch ending {
        case .failed, .failedAsShown: .failure
        case .changes: ExitCode(2)
        case .interrupted: ExitCode(interruptedCode)
        }
    }

    /// Runs a command's body and ends the process as it ended: the one place that prints
    /// the final `Error:` line and picks the code. Any other error is a failure in its words.
    static func conclude(color: Bool, _ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch {
            throw end(error, color: color)
        }
    }

    static func conclude(color: Bool, _ body: () throws -> Void) throws {
        do {
            try body()
        } catch {
            throw end(error, color: color)
        }
    }

    private static func end(_ error: Error, color: Bool) -> ExitCode {
        let ending = error as? Ending ?? .failed("\(error)")
        if case .failed(let message) = ending { printError(message, color: color) }
        return code(for: ending)
    }
}

/// `Error: message` on stderr.
func printError(_ message: String, color: Bool) {
    FileHandle.standardError.write(Data("\(Paint(color)("Error:", .red, .bold)) \(message)\n".utf8))
}

/// Writes to stdout without Swift's `print` buffering surprises around exit.
func emit(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
}
