import Foundation

/// What a finished process printed, and how it ended.
public struct CommandResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

/// Runs a program to completion with exactly the environment given. Both pipes are drained
/// at once, so a chatty stderr cannot block the child.
public func runProcess(_ executable: URL, _ arguments: [String], environment: [String: String],
                       directory: URL? = nil) throws -> CommandResult {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.environment = environment
    if let directory { process.currentDirectoryURL = directory }
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    nonisolated(unsafe) var stderr = Data()
    let drained = DispatchSemaphore(value: 0)
    DispatchQueue.global().async {
        stderr = err.fileHandleForReading.readDataToEndOfFile()
        drained.signal()
    }
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    drained.wait()
    process.waitUntilExit()
    return CommandResult(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                         stderr: String(decoding: stderr, as: UTF8.self))
}
