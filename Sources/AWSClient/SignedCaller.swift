import Foundation

/// Sends one operation: encode, sign with fresh credentials, send, retry what may be retried,
/// decode or turn the answer into an error. Shared by every service client.
struct SignedCaller: Sendable {
    let service: String
    let region: String
    let endpoint: Endpoint
    let `protocol`: JSONProtocol
    let credentials: any CredentialProvider
    let transport: any HTTPTransport
    let retry: RetryPolicy
    let sleeper: Sleeper
    let clock: @Sendable () -> Date
    let statistics: CallStatistics

    func call<Input: Encodable, Output: Decodable>(_ operation: String, _ input: Input, repository: String? = nil) async throws -> Output {
        let unsigned = try `protocol`.request(operation: operation, input: input, endpoint: endpoint)
        var attempt = 1
        while true {
            statistics.record(operation, retry: attempt > 1)
            do {
                let signer = SigV4Signer(credentials: try await credentials.credentials(), region: region, service: service)
                let response = try await transport.send(signer.sign(unsigned, at: clock()))
                guard (200..<300).contains(response.status) else {
                    throw `protocol`.error(from: response, operation: operation)
                }
                return try `protocol`.decode(Output.self, from: response, operation: operation)
            } catch var error as AWSError {
                error.repository = error.repository ?? repository
                try await backOff(after: error, attempt: &attempt)
            } catch {
                try await backOff(after: error, attempt: &attempt)
            }
        }
    }

    private func backOff(after error: Error, attempt: inout Int) async throws {
        switch retry.decide(error: error, attempt: attempt, random: Double.random(in: 0..<1)) {
        case .fail: throw error
        case .retry(let delay):
            try await sleeper.sleep(delay)
            attempt += 1
        }
    }

    /// Follows `nextToken` until the last page.
    func paginate<Item>(_ page: (_ token: String?) async throws -> ([Item], String?)) async throws -> [Item] {
        var items: [Item] = []
        var token: String?
        repeat {
            let (pageItems, next) = try await page(token)
            items += pageItems
            token = next.flatMap { $0.isEmpty ? nil : $0 }
        } while token != nil
        return items
    }

    /// `nil` for the not-found answers that mean "there is none".
    func absentIfNotFound<T>(_ body: () async throws -> T?) async throws -> T? {
        do {
            return try await body()
        } catch let error as AWSError where error.isNotFound && error.code != "RepositoryNotFoundException" {
            return nil
        }
    }
}

/// Counts API calls by operation (and retries), for `--debug`, stats lines and tests that
/// check a plan makes the minimum of calls.
public final class CallStatistics: @unchecked Sendable {
    private let lock = NSLock()
    private var calls: [String: Int] = [:]
    private var retryCount = 0

    public init() {}

    func record(_ operation: String, retry: Bool) {
        lock.lock()
        defer { lock.unlock() }
        calls[operation, default: 0] += 1
        if retry { retryCount += 1 }
    }

    /// Requests sent, including retries, by operation.
    public var byOperation: [String: Int] {
        lock.lock()
        defer { lock.unlock() }
        return calls
    }

    public var total: Int { byOperation.values.reduce(0, +) }

    public var retries: Int {
        lock.lock()
        defer { lock.unlock() }
        return retryCount
    }
}
