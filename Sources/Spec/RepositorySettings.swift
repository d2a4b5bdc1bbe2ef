import Yams

/// The settings one entry of `repositories` (or `defaults`) gives, before merging.
/// `nil` / `.unmanaged` means "not given here".
struct RepositorySettings {
    var tagMutability: TagMutability?
    var scanOnPush: Bool?
    var encryption: Encryption?
    /// A `nil` value removes a tag that `defaults` would add.
    var tags: [String: String?]?
    /// `tags: null`: no tags at all, whatever `defaults` says.
    var tagsCleared = false
    var lifecyclePolicy: Managed<PolicyDocument> = .unmanaged
    /// Whether `lifecycle_policy` was written at all (even if it could not be read).
    var mentionsLifecyclePolicy = false
    var repositoryPolicy: Managed<PolicyDocument> = .unmanaged
    var pullAccounts: [String]?
    /// Keys written as `unmanaged`: this repository leaves them to whoever else manages
    /// them (the console, another tool), whatever `defaults` says. Never set, never compared.
    var unmanaged: Set<String> = []

    /// The word that leaves an attribute unmanaged: `lifecycle_policy: unmanaged`.
    static let unmanagedWord = "unmanaged"

    /// Whether this entry gives the key a value of its own.
    private func writes(_ key: String) -> Bool {
        switch key {
        case "image_tag_mutability": tagMutability != nil
        case "scan_on_push": scanOnPush != nil
        case "encryption": encryption != nil
        case "tags": tags != nil || tagsCleared
        case "lifecycle_policy": mentionsLifecyclePolicy
        case "repository_policy": repositoryPolicy.isManaged
        case "pull_accounts": pullAccounts != nil
        default: false
        }
    }

    /// Per key, what the repository says wins over `defaults`; tags merge key by key.
    func merged(over defaults: RepositorySettings) -> RepositorySettings {
        var result = self
        result.tagMutability = tagMutability ?? defaults.tagMutability
        result.scanOnPush = scanOnPush ?? defaults.scanOnPush
        result.encryption = encryption ?? defaults.encryption
        if !tagsCleared, let defaultTags = defaults.tags {
            result.tags = defaultTags.merging(tags ?? [:]) { _, own in own }
        }
        if case .unmanaged = lifecyclePolicy { result.lifecyclePolicy = defaults.lifecyclePolicy }
        result.mentionsLifecyclePolicy = mentionsLifecyclePolicy || defaults.mentionsLifecyclePolicy
        if case .unmanaged = repositoryPolicy { result.repositoryPolicy = defaults.repositoryPolicy }
        result.pullAccounts = pullAccounts ?? defaults.pullAccounts
        // `key: unmanaged` in defaults holds for every repository that does not write the key itself.
        let inherited = defaults.unmanaged.filter { !writes($0) }
        for key in unmanaged.union(inherited) {
            switch key {
            case "image_tag_mutability": result.tagMutability = nil
            case "scan_on_push": result.scanOnPush = nil
            case "encryption": result.encryption = nil
            case "tags": result.tags = nil
            case "lifecycle_policy":
                result.lifecyclePolicy = .unmanaged
                result.mentionsLifecyclePolicy = true
            case "repository_policy": result.repositoryPolicy = .unmanaged
            case "pull_accounts": result.pullAccounts = nil
            default: break
            }
        }
        return result
    }
}

/// The statement `pull_accounts` stands for: the three read actions an image pull needs.
public enum PullAccess {
    public static let statementID = "AllowCrossAccountPull"
    public static let actions = ["ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage", "ecr:BatchCheckLayerAvailability"]

    /// `arn:PARTITION:iam::ACCOUNT:root` for an account id; `*` stays `*`.
    public static func principal(for account: String, partition: String) -> String {
        account == "*" ? "*" : "arn:\(partition):iam::\(account):root"
    }

    public static func statement(accounts: [String], partition: String) -> JSONValue {
        let principals = accounts.map { JSONValue.string(principal(for: $0, partition: partition)) }
        return .object([
            "Sid": .string(statementID),
            "Effect": .string("Allow"),
            "Principal": .object(["AWS": principals.count == 1 ? principals[0] : .array(principals)]),
            "Action": .array(actions.map(JSONValue.string)),
        ])
    }

    /// `policy` with the pull statement added (a new policy when there is none).
    public static func merge(accounts: [String], into policy: JSONValue?, partition: String) -> JSONValue {
        let statement = statement(accounts: accounts, partition: partition)
        guard case .object(var document)? = policy else {
            return .object(["Version": .string("2012-10-17"), "Statement": .array([statement])])
        }
        switch document["Statement"] {
        case .array(let list)?: document["Statement"] = .array(list + [statement])
        case let single?: document["Statement"] = .array([single, statement])
        case nil: document["Statement"] = .array([statement])
        }
        return .object(document)
    }
}
