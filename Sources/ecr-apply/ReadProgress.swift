import AWSClient
import Foundation
import Planner

/// One line on stderr while ECR is read, so a plan of 10,000 repositories is not minutes of
/// silence: live (redrawn in place) on a terminal, one line every 10 seconds otherwise (CI
/// logs), nothing with `--quiet`. The plan itself, on stdout, never changes.
final class ReadProgress: @unchecked Sendable {
    private let lock = NSLock()
    private var read = 0, total = 0
    private var drewOnTerminal = false
    private let started = Date()
    private let statistics: CallStatistics
    private let adaptive: AdaptiveRateLimiter?
    private let terminal: Bool
    private var task: Task<Void, Never>?

    init(statistics: CallStatistics, adaptive: AdaptiveRateLimiter?, terminal: Bool = isatty(FileHandle.standardError.fileDescriptor) == 1) {
        self.statistics = statistics
        self.adaptive = adaptive
        self.terminal = terminal
    }

    /// Starts reporting (every half second on a terminal, every ten otherwise).
    func start() {
        let interval: UInt64 = terminal ? 500_000_000 : 10_000_000_000
        task = Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(nanoseconds: interval)
                guard !Task.isCancelled, let self else { return }
                await self.draw()
            }
        }
    }

    /// Hears the reader: (repositories read, repositories listed).
    func update(_ done: Int, _ listed: Int) {
        lock.withLock { (read, total) = (done, listed) }
    }

    /// `update` as the reader's callback.
    var listener: @Sendable (Int, Int) -> Void { { [self] done, listed in update(done, listed) } }

    /// Stops; on a terminal, the live line is cleared so the plan starts on a clean line.
    func finish() {
        task?.cancel()
        if terminal, lock.withLock({ drewOnTerminal }) { FileHandle.standardError.write(Data(Paint.clearLine.utf8)) }
    }

    private func draw() async {
        let (done, listed) = lock.withLock { (read, total) }
        let calls = statistics.total
        let seconds = max(Date().timeIntervalSince(started), 0.001)
        let throttles = await adaptive?.throttles ?? 0
        let settled = await adaptive?.settledRate
        var line = "reading ECR: \(done) of \(listed) repositories, \(calls) calls (\(Int((Double(calls) / seconds).rounded()))/s)"
        line += ", \(throttles) throttled, rate " + (settled.map { "settled at \(Int($0.rounded()))/s" } ?? "not limited")
        if terminal {
            lock.withLock { drewOnTerminal = true }
            FileHandle.standardError.write(Data((Paint.clearLine + line).utf8))
        } else {
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
    }
}
