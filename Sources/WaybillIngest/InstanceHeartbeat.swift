import Foundation
import Logging
import ServiceLifecycle
import WaybillStore

/// Tells the other instances of the database that this one is alive (every `interval`), so that
/// they leave its claimed jobs alone, and that it is gone when it stops, so that they need not
/// wait: a crashed instance's jobs are claimed again once it has been silent for
/// `SQLStore.instanceSilence`, or at once by the next process on a SQLite file.
public struct InstanceHeartbeat: Service {
    public static let interval = Duration.seconds(5)
    private let store: any Store
    private let logger: Logger

    public init(store: any Store, logger: Logger) {
        self.store = store
        self.logger = logger
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            var registered = false
            while !Task.isCancelled {
                do {
                    if registered {
                        try await store.heartbeat(now: Date())
                    } else {
                        try await store.registerInstance(now: Date())
                        registered = true
                    }
                } catch {
                    // Before the migrations have run (on a new database) registering fails; it is tried again.
                    logger.log(level: registered ? .warning : .debug, "instance heartbeat failed", metadata: ["error": "\(ErrorText.of(error))"])
                }
                try? await Task.sleep(for: registered ? Self.interval : .seconds(1))
            }
        }
        try? await store.retireInstance()
    }
}
