import Foundation
import ServiceLifecycle

/// Wakes a background worker when there is work (`nudge()`) and at a fixed interval anyway (so
/// work left by a restart or another instance is found), until graceful shutdown.
final class WorkerWakeup: Sendable {
    private let stream: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation

    init() {
        (stream, continuation) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    func nudge() {
        continuation.yield()
    }

    /// Calls `drain` on each wake-up until it reports no more work.
    func run(every interval: Duration, drain: @escaping @Sendable () async throws -> Bool) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { [continuation] in
                while !Task.isCancelled {
                    try? await Task.sleep(for: interval)
                    continuation.yield()
                }
            }
            await cancelWhenGracefulShutdown {
                for await _ in self.stream {
                    while (try? await drain()) == true {}
                }
            }
            group.cancelAll()
        }
    }
}
