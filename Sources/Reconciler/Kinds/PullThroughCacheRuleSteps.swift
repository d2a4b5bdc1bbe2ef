import AWSClient
import Planner

/// Pull-through cache rules: read with DescribePullThroughCacheRules; created, updated (the
/// credential and custom role), replaced (delete, then create) and deleted.
enum PullThroughCacheRuleSteps: KindSteps {
    static let kind = ResourceKind.pullThroughCacheRule

    static func read(_ ecr: ECRClient, scope: ReadScope, into live: inout LiveRegistry) async throws {
        let rules = try await ecr.describePullThroughCacheRules()
        live.pullThroughCacheRules = Dictionary(rules.map { shape in
            (shape.ecrRepositoryPrefix, PullThroughCacheRule(
                upstreamRegistryURL: shape.upstreamRegistryUrl ?? "", upstreamRegistry: shape.upstreamRegistry.flatMap(PullThroughCacheRule.Upstream.init),
                credentialARN: shape.credentialArn, upstreamRepositoryPrefix: shape.upstreamRepositoryPrefix, customRoleARN: shape.customRoleArn))
        }) { first, _ in first }
    }

    static func apply(_ change: ResourceChange, _ context: StepContext) async throws {
        let prefix = change.address.key ?? ""
        switch change.action {
        case .create: try await create(prefix, try PullThroughCacheRulePlanner.planned(change), context)
        case .update:
            let rule = try PullThroughCacheRulePlanner.planned(change)
            try await context.ecr.updatePullThroughCacheRule(prefix: prefix, credentialArn: rule.credentialARN, customRoleArn: rule.customRoleARN)
        case .replace:
            try await alreadyGone { try await context.ecr.deletePullThroughCacheRule(prefix: prefix) }
            try await create(prefix, try PullThroughCacheRulePlanner.planned(change), context)
        case .delete: try await alreadyGone { try await context.ecr.deletePullThroughCacheRule(prefix: prefix) }
        case .noOp: break
        }
    }

    /// "Already exists" (a retried create whose first answer was lost, or another apply) is
    /// the success it is: what can be set in place is set.
    private static func create(_ prefix: String, _ rule: PullThroughCacheRule, _ context: StepContext) async throws {
        do {
            try await context.ecr.createPullThroughCacheRule(PullThroughCacheRuleShape(
                ecrRepositoryPrefix: prefix, upstreamRegistryUrl: rule.upstreamRegistryURL, upstreamRegistry: rule.upstreamRegistry?.rawValue,
                credentialArn: rule.credentialARN, customRoleArn: rule.customRoleARN, upstreamRepositoryPrefix: rule.upstreamRepositoryPrefix))
        } catch let error as AWSError where error.code == "PullThroughCacheRuleAlreadyExistsException" {
            guard rule.credentialARN != nil || rule.customRoleARN != nil else { return }
            try await context.ecr.updatePullThroughCacheRule(prefix: prefix, credentialArn: rule.credentialARN, customRoleArn: rule.customRoleARN)
        }
    }
}
