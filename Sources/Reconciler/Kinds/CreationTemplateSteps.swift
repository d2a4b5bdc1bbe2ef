import AWSClient
import Planner

/// Repository creation templates: read with DescribeRepositoryCreationTemplates; created,
/// updated and deleted whole.
enum CreationTemplateSteps: KindSteps {
    static let kind = ResourceKind.creationTemplate

    static func read(_ ecr: ECRClient, scope: ReadScope, into live: inout LiveRegistry) async throws {
        let templates = try await ecr.describeRepositoryCreationTemplates()
        live.creationTemplates = Dictionary(templates.map { shape in
            let encryption = shape.encryptionConfiguration
            let kind = encryption.flatMap { Encryption.Kind(rawValue: $0.encryptionType) } ?? .aes256
            return (shape.prefix, LiveCreationTemplate(
                appliedFor: (shape.appliedFor ?? []).compactMap(RepositoryCreationTemplate.AppliedFor.init),
                description: shape.description.flatMap { $0.isEmpty ? nil : $0 },
                tagMutability: TagMutability(awsValue: shape.imageTagMutability ?? "MUTABLE",
                                             exclusions: (shape.imageTagMutabilityExclusionFilters ?? []).map(\.filter)),
                encryption: Encryption(kind, kmsKey: kind == .aes256 ? nil : encryption?.kmsKey.flatMap { $0.isEmpty ? nil : $0 }),
                resourceTags: Dictionary((shape.resourceTags ?? []).map { ($0.Key, $0.Value) }) { _, last in last },
                lifecyclePolicy: document(shape.lifecyclePolicy), repositoryPolicy: document(shape.repositoryPolicy),
                customRoleARN: shape.customRoleArn.flatMap { $0.isEmpty ? nil : $0 }))
        }) { first, _ in first }
    }

    /// A template's policy text: empty means none.
    private static func document(_ text: String?) -> JSONValue? {
        guard let text, !text.isEmpty else { return nil }
        return LiveRegistryReader.policy(text).value
    }

    static func apply(_ change: ResourceChange, _ context: StepContext) async throws {
        switch change.action {
        case .create:
            let template = shape(try CreationTemplatePlanner.planned(change))
            do {
                try await context.ecr.createRepositoryCreationTemplate(template)
            } catch let error as AWSError where error.code == "TemplateAlreadyExistsException" {
                // A retried create whose first answer was lost, or another apply: set it whole.
                try await context.ecr.updateRepositoryCreationTemplate(template)
            }
        case .update: try await context.ecr.updateRepositoryCreationTemplate(shape(try CreationTemplatePlanner.planned(change)))
        case .replace:
            try await alreadyGone { try await context.ecr.deleteRepositoryCreationTemplate(prefix: change.address.key ?? "") }
            try await context.ecr.createRepositoryCreationTemplate(shape(try CreationTemplatePlanner.planned(change)))
        case .delete: try await alreadyGone { try await context.ecr.deleteRepositoryCreationTemplate(prefix: change.address.key ?? "") }
        case .noOp: break
        }
    }

    /// The request: every planned field; a policy the spec removes is sent empty, which clears it.
    static func shape(_ planned: CreationTemplatePlanner.Planned) -> RepositoryCreationTemplateShape {
        RepositoryCreationTemplateShape(
            prefix: planned.prefix, description: planned.description,
            encryptionConfiguration: planned.encryption.map { EncryptionConfiguration(encryptionType: $0.kind.rawValue, kmsKey: $0.kmsKey) },
            resourceTags: planned.resourceTags.map { RepositoryChange.tags($0) },
            imageTagMutability: planned.tagMutability?.awsValue,
            imageTagMutabilityExclusionFilters: planned.tagMutability.flatMap { $0.exclusions.isEmpty ? nil : $0.exclusions.map { TagMutabilityExclusionFilter(filter: $0) } },
            repositoryPolicy: planned.repositoryPolicy.map { $0 ?? "" }, lifecyclePolicy: planned.lifecyclePolicy.map { $0 ?? "" },
            appliedFor: planned.appliedFor.map(\.rawValue), customRoleArn: planned.customRoleARN)
    }
}
