import ArgumentParser

/// Where and as whom to talk to AWS; each falls back as the AWS CLI does.
struct AWSOptions: ParsableArguments {
    @Option(help: "The AWS region when the spec names none (else AWS_REGION, AWS_DEFAULT_REGION, the profile's). Refused if it contradicts registry.region.")
    var region: String?

    @Option(help: "A profile from the shared config and credentials files (else AWS_PROFILE).")
    var profile: String?

    @Option(name: .customLong("endpoint-url"), help: "Send ECR and STS requests here (else AWS_ENDPOINT_URL_ECR, AWS_ENDPOINT_URL).")
    var endpointURL: String?

    @Option(help: "How many repositories are read or changed at once.")
    var parallelism: Int = 8

    @Option(name: .customLong("max-rate"),
            help: "A fixed ceiling of ECR requests per second, in bursts of up to twice that (default: none; the rate follows what AWS allows, slowing down when throttled).")
    var maxRate: Double = 0

    @Option(name: .customLong("max-attempts"), help: "Attempts per request, the first included (else AWS_MAX_ATTEMPTS, else 5).")
    var maxAttempts: Int?

    @Option(help: "Seconds a request may take before it is abandoned (and retried).")
    var timeout: Double = 30

    @Option(name: .customLong("settle-timeout"),
            help: "Seconds to keep retrying ECR's and IAM's eventually consistent answers (a repository just created, a new principal).")
    var settleTimeout: Double = 60

    @Flag(help: "Print one line with the number of API calls made, by operation, to stderr.")
    var stats = false

    @Flag(help: "Print the API calls made, by operation, to stderr. Credentials and signatures are never printed.")
    var debug = false

    func validate() throws {
        guard (1...64).contains(parallelism) else { throw ValidationError("--parallelism must be between 1 and 64") }
        if let maxAttempts, !(1...20).contains(maxAttempts) { throw ValidationError("--max-attempts must be between 1 and 20") }
        guard timeout > 0 else { throw ValidationError("--timeout must be more than 0 seconds") }
        guard maxRate >= 0 else { throw ValidationError("--max-rate must be 0 (no limit) or more") }
    }
}
