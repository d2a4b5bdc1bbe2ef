/// Whether a saved plan still describes ECR: every resource it touches must look as it did
/// when the plan was made. Applying a plan made against another state could undo someone
/// else's change, so any difference refuses the whole plan.
public enum StaleCheck {
    /// The differences, in words; empty when the plan may be applied.
    public static func differences(_ plan: Plan, live: LiveRegistry) -> [String] {
        let partition = Identifiers.partition(forRegion: live.region)
        var differences: [String] = []
        for change in plan.actions {
            if change.kind.isKeyed, let problem = existence(change, live: live) {
                differences.append("\(change.address): \(problem)")
                continue
            }
            let planner = PlannerKinds.planner(for: change.kind)
            differences += planner.staleAttributes(of: change, live: live, partition: partition)
                .map { "\(change.address): \($0) changed since the plan was made" }
        }
        return differences
    }

    /// A keyed object created or deleted by someone else, or (holding images) refilled.
    private static func existence(_ change: ResourceChange, live: LiveRegistry) -> String? {
        guard let name = change.repositoryName else { return nil }
        switch (change.action, live.repositories[name]) {
        case (.create, nil): return nil
        case (.create, _?): return "created by someone else since the plan was made"
        case (_, nil): return "deleted by someone else since the plan was made"
        case (_, let repository?):
            if change.action == .delete || change.action == .replace, let images = change.images, let now = repository.images, images != now {
                return "holds \(now.count) images now, \(images.count) when the plan was made"
            }
            return nil
        }
    }
}
