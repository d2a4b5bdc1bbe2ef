import Foundation

/// GitHub Actions' job summary: when `GITHUB_STEP_SUMMARY` names a file, plan and drift
/// append their markdown report to it, so the result shows on the run's page.
enum StepSummary {
    static func append(_ markdown: String, environment: [String: String] = ProcessInfo.processInfo.environment) {
        guard let path = environment["GITHUB_STEP_SUMMARY"], !path.isEmpty else { return }
        guard let handle = FileHandle(forWritingAtPath: path) ?? {
            _ = FileManager.default.createFile(atPath: path, contents: nil)
            return FileHandle(forWritingAtPath: path)
        }() else {
            FileHandle.standardError.write(Data("warning: cannot write the job summary to \(path)\n".utf8))
            return
        }
        defer { try? handle.close() }
        _ = try? handle.seekToEnd()
        try? handle.write(contentsOf: Data((markdown + "\n").utf8))
    }
}
