import Yams

/// One kind's part of the spec: how it is read into the desired registry, with its checks,
/// and how the live object is written back by `export`. Each kind is one file under
/// `Sections/` and one line in `SpecSections.all`; a test checks the line exists for every
/// `ResourceKind`. The keys and enum values they read are `SpecGrammar`'s.
protocol SpecSection: Sendable {
    static var kind: ResourceKind { get }
    /// The top-level key it is written under.
    static var key: String { get }
    /// Reads its keys of the top-level mapping (if present) into `registry`.
    static func decode(_ top: Fields, with decoder: SpecDecoder, into registry: inout DesiredRegistry)
    /// Its lines of an exported spec; none when ECR's object was not read.
    static func export(_ exporter: SpecExporter) -> [String]
}

/// The spec's table of kinds, in the order they are read and exported.
enum SpecSections {
    static let all: [any SpecSection.Type] = [
        AccountSettingsSection.self,
        RepositoriesSection.self,
        CreationTemplateSection.self,
        PullThroughCacheSection.self,
        ReplicationSection.self,
        RegistryScanningSection.self,
        RegistryPolicySection.self,
        SigningSection.self,
        PullTimeUpdateExclusionsSection.self,
    ]

    static var kinds: [ResourceKind] {
        var kinds: [ResourceKind] = []
        for section in all { kinds.append(section.kind) }
        return kinds
    }
}
