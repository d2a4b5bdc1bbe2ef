import AWSClient
import ArgumentParser
import Foundation
import Reconciler
import Spec

/// What plan, apply and drift share before they differ: a valid spec, an AWS session, and
/// the account, checked against the spec's `account_id`.
struct PreparedRun {
    let registry: DesiredRegistry
    let session: Session
    let account: String

    /// The valid spec, or the end of the run (its errors printed).
    static func load(spec: SpecOptions, color: Bool) throws -> DesiredSpec {
        let loaded = SpecLoader().load(path: spec.file)
        DiagnosticPrinter(useColor: color).print(loaded.diagnostics.filter { $0.severity == .error })
        guard let desired = loaded.spec else {
            throw Ending.failed("\(spec.file) has \(counted(loaded.diagnostics.errors.count, "error")); nothing was read or changed in AWS")
        }
        return desired
    }

    static func prepare(registry: DesiredRegistry, aws: AWSOptions, color: Bool) async throws -> PreparedRun {
        let session = try awsStep(color: color) { try Session(options: aws, declaredRegion: registry.region) }
        let account = try await awsStep(color: color, session: session) { try await session.account(expected: registry.accountID) }
        return PreparedRun(registry: registry, session: session, account: account)
    }
}

/// Runs a step that talks to AWS or reads its configuration; a failure becomes one clear
/// `Error:` line (AWS's code, message and request id) and exit code 1.
func awsStep<T>(color: Bool, session: Session? = nil, _ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error as Ending {
        throw error
    } catch {
        var message = "\(error)"
        let source = error is AWSError ? await session?.credentialSource() : nil
        if let advice = CredentialAdvice.advice(for: error, source: source) {
            message += "\n  " + advice
        }
        throw Ending.failed(message)
    }
}

func awsStep<T>(color: Bool, _ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as Ending {
        throw error
    } catch {
        throw Ending.failed("\(error)")
    }
}
