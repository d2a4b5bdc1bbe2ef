import AWSClient
import Planner

/// Account settings: each named one read with GetAccountSetting and set with PutAccountSetting.
enum AccountSettingSteps: KindSteps {
    static let kind = ResourceKind.accountSetting

    static func read(_ ecr: ECRClient, scope: ReadScope, into live: inout LiveRegistry) async throws {
        for name in scope.accountSettings.sorted() {
            if let value = try await ecr.getAccountSetting(name: name) { live.accountSettings[name] = value }
        }
    }

    static func apply(_ change: ResourceChange, _ context: StepContext) async throws {
        guard change.action != .noOp, change.action != .delete else { return }
        let setting = try AccountSettingPlanner.planned(change)
        try await context.ecr.putAccountSetting(name: setting.name, value: setting.value)
    }
}
