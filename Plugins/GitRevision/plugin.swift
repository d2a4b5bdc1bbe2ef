import Foundation
import PackagePlugin

/// Writes `GitRevision.swift` (the commit ecr-apply is built from) before each build, for
/// `ecr-apply --version`. `ECR_APPLY_REVISION` wins (a Docker build has no .git); with
/// neither, the revision is "unknown". The file is rewritten only when it changes, so
/// ordinary builds recompile nothing.
@main
struct GitRevision: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let output = context.pluginWorkDirectoryURL.appending(path: "GitRevision.swift")
        let given = ProcessInfo.processInfo.environment["ECR_APPLY_REVISION"] ?? ""
        let script = #"""
            rev="$3"
            if [ -z "$rev" ]; then
                rev=$(git -C "$1" rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
                git -C "$1" diff --quiet HEAD -- 2>/dev/null || rev="$rev+dirty"
            fi
            text=$(printf 'enum GitRevision {\n    static let value = "%s"\n}' "$rev")
            [ "$(cat "$2" 2>/dev/null)" = "$text" ] || printf '%s\n' "$text" > "$2"
            """#
        return [
            .prebuildCommand(
                displayName: "Recording the git revision", executable: URL(filePath: "/bin/sh"),
                arguments: ["-c", script, "sh", context.package.directoryURL.path, output.path, given],
                outputFilesDirectory: context.pluginWorkDirectoryURL)
        ]
    }
}
