import Foundation

/// What AWS answered when a call failed: its error code and message, the HTTP status, the
/// request id, and the operation (and repository, when one was named) it concerned.
public struct AWSError: Error, Sendable, Equatable, CustomStringConvertible {
    public var code: String
    public var message: String
    public var status: Int
    public var requestID: String?
    public var operation: String
    public var repository: String?
    /// How many times the call was sent before this answer was final.
    public var attempts = 1
    /// The answer's `Date` header: AWS's clock, for correcting a skewed local one.
    public var serverDate: Date?

    public init(code: String, message: String, status: Int, requestID: String? = nil, operation: String, repository: String? = nil) {
        self.code = code
        self.message = message
        self.status = status
        self.requestID = requestID
        self.operation = operation
        self.repository = repository
    }

    public var description: String {
        var text = "\(operation)"
        if let repository { text += " (\(repository))" }
        text += ": \(code): \(message) [HTTP \(status)"
        if let requestID { text += ", request id \(requestID)" }
        if attempts > 1 { text += ", after \(attempts) attempts" }
        return text + "]"
    }

    /// The not-found answers that mean "there is none", not "something broke".
    public var isNotFound: Bool {
        [
            "RepositoryNotFoundException", "LifecyclePolicyNotFoundException", "RepositoryPolicyNotFoundException",
            "RegistryPolicyNotFoundException", "ImageNotFoundException", "PullThroughCacheRuleNotFoundException",
            "TemplateNotFoundException", "SigningConfigurationNotFoundException", "ExclusionNotFoundException",
        ].contains(code)
    }

    public var isThrottling: Bool {
        status == 429 || [
            "ThrottlingException", "ThrottledException", "Throttling", "TooManyRequestsException", "RequestLimitExceeded",
            "RequestThrottled", "RequestThrottledException", "SlowDown", "ProvisionedThroughputExceededException",
        ].contains(code) || message.localizedCaseInsensitiveContains("rate exceeded")
    }
}

/// An answer that is not the JSON the operation defines (an HTML error page, S3's XML,
/// moto's XML auth errors): says what came back instead.
public struct UnexpectedResponse: Error, Sendable, CustomStringConvertible {
    public var operation: String
    public var status: Int
    public var contentType: String?
    public var snippet: String
    /// What the operation should have answered: "JSON", "XML".
    public var expected: String = "JSON"

    public var description: String {
        "\(operation): expected a\(expected == "XML" ? "n" : "") \(expected) answer, got HTTP \(status) \(contentType ?? "without a content type"): \(snippet)"
    }
}
