import AWSClient
import Foundation
import JSON

/// Real ECR and IAM are eventually consistent: for a short while after a repository is
/// created, calls on it may answer `RepositoryNotFoundException`; a policy naming a principal
/// created moments ago is refused as invalid until IAM knows it. These answers are retried
/// for a bounded window, and only where they are expected.
public struct Settling: Sendable {
    /// How long to keep trying a repository we have just created.
    public var newRepositoryWindow: TimeInterval
    /// How long to keep trying a policy IAM does not accept yet.
    public var principalWindow: TimeInterval
    public var firstDelay: TimeInterval
    public var sleeper: Sleeper
    public var clock: @Sendable () -> Date

    public init(newRepositoryWindow: TimeInterval = 30, principalWindow: TimeInterval = 60, firstDelay: TimeInterval = 0.25,
                sleeper: Sleeper = .real, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.newRepositoryWindow = newRepositoryWindow
        self.principalWindow = principalWindow
        self.firstDelay = firstDelay
        self.sleeper = sleeper
        self.clock = clock
    }

    /// A call on a repository this run has just created.
    func onNewRepository<T>(_ body: () async throws -> T) async throws -> T {
        try await retrying(for: newRepositoryWindow, when: { $0.code == "RepositoryNotFoundException" }, body)
    }

    /// Which policy a refusal concerns: the advice differs.
    public enum PolicyKind: Sendable { case repository, registry }

    /// SetRepositoryPolicy / PutRegistryPolicy. Retried only where IAM propagation can be the
    /// cause: the policy names a user or role (which may have been created moments ago). An
    /// account, `*` or a service principal never propagates: a refusal is final at once.
    func onPolicy<T>(_ text: String, kind: PolicyKind, _ body: () async throws -> T) async throws -> T {
        guard Self.namesPropagatingPrincipal(text) else {
            do {
                return try await body()
            } catch let error as AWSError where Self.isUnknownPrincipal(error) {
                throw RefusedPolicy(underlying: error, kind: kind)
            }
        }
        do {
            return try await retrying(for: principalWindow, when: Self.isUnknownPrincipal, body)
        } catch let error as AWSError where Self.isUnknownPrincipal(error) {
            throw UnknownPrincipal(underlying: error, window: principalWindow)
        }
    }

    /// Whether a policy names an IAM user or role (`arn:…:iam::123456789012:role/x`): the
    /// only principals IAM may not know yet.
    static func namesPropagatingPrincipal(_ text: String) -> Bool {
        guard let (document, _) = try? JSONParser.parse(text) else { return true }
        let statements = document["Statement"].map { $0.arrayValue ?? [$0] } ?? []
        for statement in statements {
            for key in ["Principal", "NotPrincipal"] {
                guard case .object(let kinds)? = statement[key], let aws = kinds["AWS"] else { continue }
                for principal in (aws.arrayValue ?? [aws]).compactMap(\.stringValue) {
                    let resource = principal.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false).last ?? ""
                    if principal.hasPrefix("arn:"), resource != "root" { return true }
                }
            }
        }
        return false
    }

    static func isUnknownPrincipal(_ error: AWSError) -> Bool {
        error.code == "InvalidParameterException" && error.message.localizedCaseInsensitiveContains("invalid")
            && error.message.localizedCaseInsensitiveContains("policy")
    }

    private func retrying<T>(for window: TimeInterval, when expected: (AWSError) -> Bool, _ body: () async throws -> T) async throws -> T {
        let deadline = clock().addingTimeInterval(window)
        var delay = firstDelay
        while true {
            do {
                return try await body()
            } catch let error as AWSError where expected(error) && clock().addingTimeInterval(delay) < deadline {
                try await sleeper.sleep(delay)
                delay = min(delay * 2, 4)
            }
        }
    }

    /// A policy refused although every principal it names exists at once (accounts, `*`,
    /// services): not propagation, so not retried. Says what ECR accepts.
    public struct RefusedPolicy: Error, CustomStringConvertible {
        public var underlying: AWSError
        public var kind: PolicyKind

        public var description: String {
            switch kind {
            case .registry:
                "\(underlying); its principals are accounts, which need no propagation, so this is the policy itself: "
                    + "registry permissions allow only ecr:ReplicateImage, ecr:CreateRepository and ecr:BatchImportUpstreamImage "
                    + "(V1), or any ecr: action once the account setting REGISTRY_POLICY_SCOPE is V2 (ECR User Guide, "
                    + "\"Private registry permissions\")"
            case .repository:
                "\(underlying); its principals are accounts or services, which need no propagation, so this is the policy itself: "
                    + "check that every statement names a Principal and that its actions are ecr: actions"
            }
        }
    }

    /// A policy still refused when the window closed: most likely a principal that does not exist.
    public struct UnknownPrincipal: Error, CustomStringConvertible {
        public var underlying: AWSError
        public var window: TimeInterval

        public var description: String {
            "\(underlying); retried for \(Int(window)) s: a principal the policy names may not exist (or IAM has not caught up "
                + "with a new role or user): check the ARNs and account ids in the policy"
        }
    }
}
