import Yams

/// `registry_policy:`: the registry's permissions policy, or `null` for none.
enum RegistryPolicySection: SpecSection {
    static let kind = ResourceKind.registryPolicy
    static let key = "registry_policy"

    static func decode(_ top: Fields, with decoder: SpecDecoder, into registry: inout DesiredRegistry) {
        if let node = top[key] { registry.registryPolicy = decoder.decodeResourcePolicy(node, label: "registry policy") }
    }

    static func export(_ exporter: SpecExporter) -> [String] {
        switch exporter.live.registryPolicy {
        case .present(let policy): ["", "registry_policy:"] + YAMLText.block(policy, indent: 2)
        // Read and found absent: said, as an absent lifecycle or repository policy is.
        case .absent: ["", "registry_policy: null"]
        case .unmanaged: []
        }
    }
}
