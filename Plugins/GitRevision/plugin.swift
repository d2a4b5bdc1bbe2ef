import Foundation
import PackagePlugin

/// Writes `GitRevision.swift` before each build, for `ecr-apply --version`: the version, the
/// commit and the build date.
/// - version: `ECR_APPLY_VERSION` (the release script passes the tag's, the one place it is
///   decided), else the nearest `v*` tag (`git describe`), else `0.0.0-dev`;
/// - revision: `ECR_APPLY_REVISION` (a Docker build has no .git), else `git rev-parse`;
/// - build date: `ECR_APPLY_BUILD_DATE` (the release script's), else the commit's date, so
///   that ordinary builds stay reproducible and recompile nothing.
/// The file is rewritten only when it changes.
@main
struct GitRevision: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let output = context.pluginWorkDirectoryURL.appending(path: "GitRevision.swift")
        let environment = ProcessInfo.processInfo.environment
        let script = #"""
            rev="$3"; version="$4"; date="$5"
            if [ -z "$rev" ]; then
                rev=$(git -C "$1" rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
                git -C "$1" diff --quiet HEAD -- 2>/dev/null || rev="$rev+dirty"
            fi
            if [ -z "$version" ]; then
                version=$(git -C "$1" describe --tags --match 'v[0-9]*' --abbrev=0 2>/dev/null | sed 's/^v//')
                [ -n "$version" ] || version=0.0.0-dev
            fi
            [ -n "$date" ] || date=$(git -C "$1" log -1 --format=%cs 2>/dev/null || echo unknown)
            text=$(printf 'enum GitRevision {\n    static let value = "%s"\n    static let version = "%s"\n    static let buildDate = "%s"\n}' "$rev" "$version" "$date")
            [ "$(cat "$2" 2>/dev/null)" = "$text" ] || printf '%s\n' "$text" > "$2"
            """#
        return [
            .prebuildCommand(
                displayName: "Recording the version and git revision", executable: URL(filePath: "/bin/sh"),
                arguments: ["-c", script, "sh", context.package.directoryURL.path, output.path, environment["ECR_APPLY_REVISION"] ?? "",
                            environment["ECR_APPLY_VERSION"] ?? "", environment["ECR_APPLY_BUILD_DATE"] ?? ""],
                outputFilesDirectory: context.pluginWorkDirectoryURL)
        ]
    }
}
