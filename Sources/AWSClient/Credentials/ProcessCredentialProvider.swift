import Foundation

/// `credential_process`: runs the profile's command and reads the JSON it prints
/// (`Version: 1`, `AccessKeyId`, `SecretAccessKey`, optional `SessionToken` and `Expiration`).
struct ProcessCredentialProvider: Sendable {
    var command: String
    var profile: String

    private struct Output: Decodable {
        var Version: Int
        var AccessKeyId: String
        var SecretAccessKey: String
        var SessionToken: String?
        var Expiration: String?
    }

    func fetch() async throws -> Credentials {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        do {
            try process.run()
        } catch {
            throw ConfigurationError("profile \(profile): credential_process could not start: \(error.localizedDescription)")
        }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let reason = String(decoding: stderr.prefix(500), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw ConfigurationError("profile \(profile): credential_process exited with status \(process.terminationStatus)"
                                     + (reason.isEmpty ? "" : ": \(reason)"))
        }
        // The output holds the secret: never quote it in an error.
        guard let output = try? JSONDecoder().decode(Output.self, from: stdout), output.Version == 1 else {
            throw ConfigurationError("profile \(profile): credential_process did not print JSON with Version 1, AccessKeyId and SecretAccessKey")
        }
        return Credentials(accessKeyID: output.AccessKeyId, secretAccessKey: output.SecretAccessKey, sessionToken: output.SessionToken,
                           expiration: output.Expiration.flatMap(Timestamp.parse), source: "credential_process of profile \(profile)")
    }
}
