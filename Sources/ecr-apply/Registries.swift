import ArgumentParser
import Foundation
import Planner
import Reconciler
import Spec

/// `--registry NAME`: narrows a run over a `registries:` spec.
struct RegistrySelection: ParsableArguments {
    @Option(name: .customLong("registry"), help: "Only this registry of a 'registries:' spec (repeatable).")
    var names: [String] = []

    /// The registries to act on; an unknown name ends the run before anything is read.
    func select(from spec: DesiredSpec) throws -> [DeclaredRegistry] {
        guard !names.isEmpty else { return spec.registries }
        guard spec.isMulti else { throw Ending.failed("--registry needs a spec with 'registries:'; this one declares a single registry") }
        let known = spec.registries.compactMap(\.name)
        for name in names where !known.contains(name) {
            let near = known.min { EditDistance.between(name, $0) < EditDistance.between(name, $1) }
            throw Ending.failed("--registry \(name): the spec declares no such registry (it declares \(known.joined(separator: ", ")))"
                                + (near.map { EditDistance.between(name, $0) <= 2 ? " (did you mean \($0)?)" : "" } ?? ""))
        }
        return spec.registries.filter { names.contains($0.name ?? "") }
    }
}

/// A run over several registries: each with its own session (credentials, rate limiter,
/// retries), at most `fanOut` at once; a failure in one is its own and never stops the rest.
struct RegistriesRun {
    static let fanOut = 4

    let spec: DesiredSpec
    let selected: [DeclaredRegistry]
    let aws: AWSOptions

    /// A registry reached: its session and the account its credentials are for (checked).
    struct Reached: Sendable {
        let declared: DeclaredRegistry
        let session: Session
        let account: String
        var name: String { declared.name ?? "" }
    }

    /// Reaches every selected registry and runs `body` on each; every registry ends with a
    /// plan or a failure in words.
    func each(_ body: @escaping @Sendable (Reached) async throws -> Plan) async -> RegistriesReport {
        await eachReaching(body).report
    }

    /// `each`, keeping every registry reached (for apply, which acts through their sessions).
    func eachReaching(_ body: @escaping @Sendable (Reached) async throws -> Plan) async -> (report: RegistriesReport, reached: [String: Reached]) {
        let aws = self.aws
        let kept = ReachedSet()
        let results = (try? await concurrentMap(selected, limit: Self.fanOut) { declared -> RegistriesReport.Entry in
            let name = declared.name ?? ""
            var entry = RegistriesReport.Entry(name: name, region: declared.registry.region, accountID: declared.registry.accountID)
            do {
                let session = try Session(options: aws, declaredRegion: declared.registry.region, declaredBy: "registries.\(name).region",
                                          access: declared.access)
                let account = try await session.account(expected: declared.registry.accountID, declaredBy: "registries.\(name).account_id")
                let reached = Reached(declared: declared, session: session, account: account)
                kept.insert(reached)
                entry.plan = try await body(reached).named(name)
                session.reportCalls(registry: name)
            } catch let ending as Ending {
                if case .failed(let message) = ending { entry.failure = message } else { entry.failure = "\(ending)" }
            } catch {
                entry.failure = "\(error)"
            }
            return entry
        }) ?? []
        let report = RegistriesReport(entries: results.map { entry in
            var entry = entry
            if let declared = selected.first(where: { $0.name == entry.name }) { entry.replicatesTo = replicatesTo(from: declared) }
            return entry
        })
        return (report, kept.all)
    }

    /// The spec's own registries a registry replicates to, with the repositories each receives
    /// (those the rule's prefixes match; all when it has none).
    func replicatesTo(from source: DeclaredRegistry) -> [(registry: String, repositories: [String])] {
        guard let rules = source.registry.replication?.rules, let account = source.registry.accountID else { return [] }
        var found: [(String, [String])] = []
        for target in spec.registries where target.name != source.name {
            let matching = rules.filter { rule in
                rule.destinations.contains { $0.region == target.registry.region && ($0.registryID ?? account) == target.registry.accountID }
            }
            guard !matching.isEmpty, let name = target.name else { continue }
            let names = source.registry.repositories.map(\.name).filter { repository in
                matching.contains { $0.repositoryPrefixes.isEmpty || $0.repositoryPrefixes.contains { repository.hasPrefix($0) } }
            }
            found.append((name, names))
        }
        return found
    }
}

/// The registries reached so far, from concurrent tasks.
final class ReachedSet: @unchecked Sendable {
    private let lock = NSLock()
    private var reached: [String: RegistriesRun.Reached] = [:]
    func insert(_ registry: RegistriesRun.Reached) { lock.withLock { reached[registry.name] = registry } }
    var all: [String: RegistriesRun.Reached] { lock.withLock { reached } }
}
