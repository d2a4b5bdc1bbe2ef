import Foundation

/// What Ctrl-C (SIGINT, and SIGTERM from a CI runner) does. Reading commands stop at once:
/// they have changed nothing. `apply` stops starting new steps, lets the calls in flight
/// finish, reports what was done, and exits 130.
final class Interrupts: @unchecked Sendable {
    static let shared = Interrupts()

    private let lock = NSLock()
    private var requested = false
    private var graceful = false
    private var sources: [DispatchSourceSignal] = []

    /// Whether an interrupt arrived while in graceful mode.
    var stopRequested: Bool { lock.withLock { requested } }

    /// From now on an interrupt exits the process at once with 130.
    func exitImmediately() { install(graceful: false) }

    /// From now on an interrupt only sets `stopRequested` (a second one exits at once).
    func stopGracefully() { install(graceful: true) }

    private func install(graceful: Bool) {
        lock.withLock { self.graceful = graceful }
        guard lock.withLock({ sources.isEmpty }) else { return }
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [self] in received() }
            source.resume()
            lock.withLock { sources.append(source) }
        }
    }

    private func received() {
        let exitNow: Bool = lock.withLock {
            defer { requested = true }
            return !graceful || requested
        }
        if exitNow {
            FileHandle.standardError.write(Data("\nInterrupted.\n".utf8))
            _exit(ExitStatus.interruptedCode)
        }
        FileHandle.standardError.write(Data("\nInterrupted: no new steps will start; waiting for the calls in flight (Ctrl-C again to quit at once).\n".utf8))
    }
}
