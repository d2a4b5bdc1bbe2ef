import Foundation
import Planner
import Spec
import Testing

/// The desired registry of a YAML spec held in memory (it must be valid).
func desired(_ yaml: String, files: [String: String] = [:], sourceLocation: Testing.SourceLocation = #_sourceLocation) -> DesiredRegistry {
    let loader = SpecLoader(readFile: { path in
        let key = path.hasPrefix("./") ? String(path.dropFirst(2)) : path
        guard let text = files[key] else { throw CocoaError(.fileReadNoSuchFile) }
        return Array(text.utf8)
    })
    let loaded = loader.load(bytes: Array(("version: 1\n" + yaml).utf8), file: "registry.yaml", baseDirectory: ".")
    let errors = loaded.diagnostics.filter { $0.severity == .error }
    #expect(errors.isEmpty, "\(errors)", sourceLocation: sourceLocation)
    return loaded.registry ?? DesiredRegistry()
}

/// A JSON value from text (it must parse).
func json(_ text: String) -> JSONValue {
    (try? JSONParser.parse(text).value) ?? .string("unparseable: \(text)")
}

let account = "123456789012"

func liveRepository(_ name: String, mutability: TagMutability = TagMutability(.immutable), scanOnPush: Bool = true,
                    encryption: Encryption = Encryption(.aes256), tags: [String: String]? = ["managed-by": "ecr-apply"],
                    lifecycle: Managed<JSONValue> = .absent, policy: Managed<JSONValue> = .absent,
                    images: ImageSummary? = nil) -> LiveRepository {
    LiveRepository(name: name, arn: "arn:aws:ecr:us-east-1:\(account):repository/\(name)", tagMutability: mutability,
                   scanOnPush: scanOnPush, encryption: encryption, tags: tags, lifecyclePolicy: lifecycle, repositoryPolicy: policy,
                   images: images)
}

func live(_ repositories: [LiveRepository], replication: ReplicationConfiguration? = nil,
          scanning: RegistryScanningConfiguration? = nil, registryPolicy: Managed<JSONValue> = .unmanaged) -> LiveRegistry {
    LiveRegistry(accountID: account, region: "us-east-1", repositories: Dictionary(uniqueKeysWithValues: repositories.map { ($0.name, $0) }),
                 replication: replication, scanning: scanning, registryPolicy: registryPolicy)
}

/// Addresses written as plans print them, for readable expectations.
extension Address: ExpressibleByStringLiteral {
    public init(stringLiteral text: String) {
        guard let address = Address(text) else { preconditionFailure("not an address: \(text)") }
        self = address
    }
}

extension Plan {
    /// The refusals in the words every rendering prints.
    var refusalTexts: [String] { refusals.map(RefusalText.describe) }
}
