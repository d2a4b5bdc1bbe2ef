import AWSClient
import Planner

/// Managed signing: read with GetSigningConfiguration (none when not found), put whole, or
/// deleted when the spec has no rules.
enum SigningSteps: KindSteps {
    static let kind = ResourceKind.signing

    static func read(_ ecr: ECRClient, scope: ReadScope, into live: inout LiveRegistry) async throws {
        let shape = try await ecr.getSigningConfiguration()
        live.signing = SigningConfiguration(rules: (shape?.rules ?? []).map { rule in
            SigningConfiguration.Rule(signingProfileARN: rule.signingProfileArn, repositoryFilters: (rule.repositoryFilters ?? []).map(\.filter))
        })
    }

    static func apply(_ change: ResourceChange, _ context: StepContext) async throws {
        let planned = try SigningPlanner.planned(change)
        guard !planned.rules.isEmpty else {
            try await alreadyGone { try await context.ecr.deleteSigningConfiguration() }
            return
        }
        try await context.ecr.putSigningConfiguration(SigningConfigurationShape(rules: planned.rules.map { rule in
            .init(signingProfileArn: rule.signingProfileARN,
                  repositoryFilters: rule.repositoryFilters.isEmpty ? nil : rule.repositoryFilters.map { .init(filter: $0) })
        }))
    }
}
