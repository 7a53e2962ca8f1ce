import Foundation
import Logging
import Metrics
import ServiceLifecycle
import WaybillStore

/// Applies every tenant's retention policy (`PUT /v1/retention`) in `waybill serve`: a pass a
/// minute after start, then every `WAYBILL_RETENTION_INTERVAL_SECONDS` (default 3600). Each pass
/// works tenant by tenant in bounded transactions; its deletes are idempotent, so several
/// instances may run it at once. Progress goes to `/metrics`, each tenant's removals to its
/// audit log (`retention.purged`). `waybill retention run` runs one pass by hand.
public struct RetentionService: Service {
    public static let intervalVariable = "WAYBILL_RETENTION_INTERVAL_SECONDS"
    public static let batch = 500

    private let store: any Store
    private let interval: Duration
    private let payloadCapDays: Int?
    private let logger: Logger

    /// - Parameter payloadCapDays: the installation's `WAYBILL_EVENT_RETENTION_DAYS`, an upper
    ///   bound on every tenant's payload days.
    public init(store: any Store, interval: Duration = .seconds(3600), payloadCapDays: Int? = nil, logger: Logger) {
        self.store = store
        self.interval = interval
        self.payloadCapDays = payloadCapDays
        self.logger = logger
    }

    /// The interval from `WAYBILL_RETENTION_INTERVAL_SECONDS` when it is a positive number, else an hour.
    public static func interval(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> Duration {
        guard let seconds = environment[intervalVariable].flatMap(Double.init), seconds > 0 else { return .seconds(3600) }
        return .seconds(seconds)
    }

    /// `WAYBILL_EVENT_RETENTION_DAYS` in whole days (rounded up), when set.
    public static func payloadCapDays(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> Int? {
        JobRetention.eventRetention(environment).map { Int(($0.timeInterval / 86_400).rounded(.up)) }
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            var pause = min(interval, .seconds(60))
            while !Task.isCancelled {
                do {
                    try await Task.sleep(for: pause)
                    pause = interval
                    _ = try await runOnce(now: Date())
                } catch is CancellationError {
                    return
                } catch {
                    logger.warning("retention pass failed", metadata: ["error": "\(ErrorText.of(error))"])
                }
            }
        }
    }

    /// One pass over `tenantIDs` (every tenant when nil); returns what it removed per tenant.
    /// A tenant that fails is logged and skipped; the others go on.
    @discardableResult
    public func runOnce(now: Date, tenantIDs: [String]? = nil) async throws -> [String: RetentionCounts] {
        let start = ContinuousClock.now
        let tenants: [String]
        if let tenantIDs { tenants = tenantIDs } else { tenants = try await store.tenants().map(\.id) }
        var results: [String: RetentionCounts] = [:]
        var refused = false
        for tenantID in tenants {
            try Task.checkCancellation()
            do {
                let counts = try await store.runRetention(tenantID: tenantID, now: now, payloadCapDays: payloadCapDays, batch: Self.batch)
                results[tenantID] = counts
                for (kind, rows) in counts.byKind where rows > 0 {
                    Counter(label: "waybill_retention_rows_purged_total", dimensions: [("kind", kind)]).increment(by: rows)
                }
                if counts.auditPurgeRefused {
                    refused = true
                    Counter(label: "waybill_retention_audit_purge_refused_total").increment()
                }
                if !counts.isEmpty {
                    logger.info("retention applied", metadata: Dictionary(uniqueKeysWithValues:
                        [("tenant", Logger.MetadataValue.string(tenantID))] + counts.byKind.map { ($0.kind, .string(String($0.rows))) }))
                }
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                Counter(label: "waybill_retention_failures_total").increment()
                logger.warning("retention failed for a tenant", metadata: ["tenant": "\(tenantID)", "error": "\(ErrorText.of(error))"])
            }
        }
        if refused {
            logger.warning("the audit log was not purged: the database role may not delete from audit_log; run `waybill retention run` as its owner",
                           metadata: ["see": "docs/security.md#retention-and-erasure"])
        }
        let elapsed = ContinuousClock.now - start
        Gauge(label: "waybill_retention_run_duration_seconds")
            .record(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        Gauge(label: "waybill_retention_last_run_timestamp_seconds").record(now.timeIntervalSince1970)
        return results
    }
}
