import Foundation

/// How far this machine's clock is from AWS's, learned from the `Date` header of an answer
/// that refused a request for its time (`RequestTimeTooSkewed`, "Signature expired"). Requests
/// are then signed with AWS's time. Shared by the clients of one run.
public final class ClockSkew: @unchecked Sendable {
    private let lock = NSLock()
    private var offset: TimeInterval = 0
    private let onCorrection: (@Sendable (TimeInterval) -> Void)?

    /// `onCorrection` hears the offset (server minus local, in seconds) when one is learned.
    public init(onCorrection: (@Sendable (TimeInterval) -> Void)? = nil) {
        self.onCorrection = onCorrection
    }

    public var seconds: TimeInterval { lock.withLock { offset } }

    /// Learns the offset from a refusal; returns whether it changed (and the request is worth retrying).
    func learn(serverDate: Date, localDate: Date) -> Bool {
        let measured = serverDate.timeIntervalSince(localDate)
        let changed: Bool = lock.withLock {
            guard abs(measured - offset) > 60 else { return false }
            offset = measured
            return true
        }
        if changed { onCorrection?(measured) }
        return changed
    }

    /// Whether an error is AWS refusing the request's time.
    static func isSkewError(_ error: AWSError) -> Bool {
        ["RequestTimeTooSkewed", "RequestExpired", "SignatureExpired"].contains(error.code)
            || (["InvalidSignatureException", "SignatureDoesNotMatch"].contains(error.code)
                && error.message.localizedCaseInsensitiveContains("signature expired"))
    }

    /// An HTTP `Date` header (`Thu, 26 Nov 2026 17:20:00 GMT`).
    static func parseHTTPDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: text)
    }
}
