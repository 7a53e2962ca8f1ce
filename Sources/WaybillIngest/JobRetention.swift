import Foundation
import Logging
import ServiceLifecycle
import WaybillStore

/// Deletes finished jobs once they are older than the retention, every hour, in batches. Every
/// received payload leaves a done parse job behind; without this the job table would grow by
/// one row per webhook for ever and every claim would scan more of it. Failed jobs stay, for
/// inspection. Several instances may run it at once: deleting is idempotent.
///
/// On the same beat it keeps the monthly partitions of events and raw payloads made ahead
/// (PostgreSQL) and, when an event retention is set, removes events and raw payloads older than
/// it (whole months on PostgreSQL, rows on SQLite). Without one, everything is kept.
public struct JobRetention: Service {
    /// `WAYBILL_JOB_RETENTION_HOURS`: how long a done job is kept (default 24).
    public static let environmentVariable = "WAYBILL_JOB_RETENTION_HOURS"
    /// `WAYBILL_EVENT_RETENTION_DAYS`: how long events and raw payloads are kept (default: for ever).
    public static let eventRetentionVariable = "WAYBILL_EVENT_RETENTION_DAYS"
    static let batch = 5_000

    private let store: any Store
    private let retention: Duration
    private let eventRetention: Duration?
    private let interval: Duration
    private let logger: Logger

    public init(store: any Store, retention: Duration = .seconds(24 * 3600), eventRetention: Duration? = nil,
                interval: Duration = .seconds(3600), logger: Logger) {
        self.store = store
        self.retention = retention
        self.eventRetention = eventRetention
        self.interval = interval
        self.logger = logger
    }

    /// The event retention from `WAYBILL_EVENT_RETENTION_DAYS` when it is a positive number, else nil (keep everything).
    public static func eventRetention(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> Duration? {
        guard let days = environment[eventRetentionVariable].flatMap(Double.init), days > 0 else { return nil }
        return .seconds(days * 86_400)
    }

    /// The retention from `WAYBILL_JOB_RETENTION_HOURS` when it is a positive number, else 24 hours.
    public static func retention(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> Duration {
        guard let hours = environment[environmentVariable].flatMap(Double.init), hours > 0 else { return .seconds(24 * 3600) }
        return .seconds(hours * 3600)
    }

    /// Purges a minute after start (once migrations have run), then every `interval`.
    public func run() async throws {
        await cancelWhenGracefulShutdown {
            var pause = min(interval, .seconds(60))
            while !Task.isCancelled {
                do {
                    try await Task.sleep(for: pause)
                    pause = interval
                    let deleted = try await purge(now: Date())
                    if deleted > 0 { logger.info("finished jobs deleted", metadata: ["count": "\(deleted)"]) }
                } catch is CancellationError {
                    return
                } catch {
                    logger.warning("finished jobs could not be deleted", metadata: ["error": "\(ErrorText.of(error))"])
                }
                do {
                    if let purge = try await maintainEvents(now: Date()), purge != EventPurge() {
                        logger.info("events and raw payloads removed by retention", metadata: [
                            "partitions": "\(purge.droppedPartitions.joined(separator: ","))",
                            "events": "\(purge.events)", "raw_payloads": "\(purge.rawPayloads)"])
                    }
                } catch is CancellationError {
                    return
                } catch {
                    logger.warning("event partitions or retention failed", metadata: ["error": "\(ErrorText.of(error))"])
                }
            }
        }
    }

    /// Makes the partitions of this month and the next few, then, with an event retention,
    /// removes what is older than `now` minus it; nil without one.
    @discardableResult
    public func maintainEvents(now: Date) async throws -> EventPurge? {
        try await store.preparePartitions(now: now)
        guard let eventRetention else { return nil }
        return try await store.purgeEvents(before: now.addingTimeInterval(-eventRetention.timeInterval), limit: 400)
    }

    /// Deletes every job done before `now` minus the retention; returns how many.
    @discardableResult
    public func purge(now: Date) async throws -> Int {
        let cutoff = now.addingTimeInterval(-retention.timeInterval)
        var total = 0
        while true {
            let deleted = try await store.purgeFinishedJobs(finishedBefore: cutoff, limit: Self.batch)
            total += deleted
            guard deleted == Self.batch else { return total }
        }
    }
}
