import Foundation
import SQLKit
import WaybillCore

/// Time-based triggers: no movement for N hours (stale) and ETA passed without delivery. One
/// instance at a time runs the sweep (a leased row of the job table), and each condition fires
/// once per shipment (a marker keyed by the shipment, the condition and its last event or ETA;
/// WaybillNotify's `TimedTriggerSweep` marks and writes each in a transaction).
extension SQLStore {
    static let sweepJobID = "job_notify_sweep"

    public func claimNotificationSweep(owner: String, interval: TimeInterval, now: Date) async throws -> Bool {
        let nowText = Column.time(now)
        return try await backend.transaction { db in
            try await db.raw("""
                INSERT INTO jobs (id, tenant_id, kind, payload, state, run_at, attempts, max_attempts, created_at, updated_at)
                VALUES (\(bind: Self.sweepJobID), NULL, 'notify_sweep', '{}', 'queued', \(bind: nowText), 0, 1, \(bind: nowText),
                        \(bind: nowText))
                ON CONFLICT (id) DO NOTHING
                """).run()
            let next = Column.time(now.addingTimeInterval(interval))
            return try await !db.raw("""
                UPDATE jobs SET state = 'running', lease_owner = \(bind: owner), lease_expires_at = \(bind: next),
                    run_at = \(bind: next), attempts = attempts + 1, updated_at = \(bind: nowText)
                WHERE id = \(bind: Self.sweepJobID) AND run_at <= \(bind: nowText)
                RETURNING id
                """).all().isEmpty
        }
    }

    public func timedTriggers(staleAfterHours: Int, now: Date, limit: Int) async throws -> [TimedTrigger] {
        var thresholds: Set<Int> = [staleAfterHours]
        for rule in try await backend.read({ db in
            try await db.raw("SELECT * FROM alert_rules WHERE enabled = 1").all().map(Self.alertRule)
        }) where rule.trigger.kind == .stale {
            if let hours = rule.trigger.hours { thresholds.insert(hours) }
        }
        var due: [TimedTrigger] = []
        for hours in thresholds.sorted() {
            let cutoff = Column.time(now.addingTimeInterval(-Double(hours) * 3600))
            let condition = "stale:\(hours)"
            due += try await backend.read { db in
                try await db.raw("""
                    SELECT s.id, s.tenant_id, COALESCE(s.last_event_id, 'none') AS marker FROM shipments s
                    WHERE s.status NOT IN ('delivered', 'returned_to_sender', 'expired') AND s.tracking_stopped_at IS NULL
                    AND COALESCE(s.last_event_at, s.created_at) < \(bind: cutoff)
                    AND NOT EXISTS (SELECT 1 FROM notification_markers k WHERE k.tenant_id = s.tenant_id AND k.subject_id = s.id
                                    AND k.condition = \(bind: condition) AND k.marker = COALESCE(s.last_event_id, 'none'))
                    ORDER BY s.id LIMIT \(literal: limit)
                    """).all().map { row in
                    TimedTrigger(shipmentID: try row.text("id"), tenantID: try row.text("tenant_id"), condition: condition,
                                 marker: try row.text("marker"), trigger: .stale(hours: hours), webhooks: hours == staleAfterHours)
                }
            }
        }
        let nowText = Column.time(now)
        due += try await backend.read { db in
            try await db.raw("""
                SELECT s.id, s.tenant_id, COALESCE(s.eta_latest, s.eta_earliest) AS marker FROM shipments s
                WHERE s.status NOT IN ('delivered', 'returned_to_sender', 'expired') AND s.tracking_stopped_at IS NULL
                AND COALESCE(s.eta_latest, s.eta_earliest) < \(bind: nowText)
                AND NOT EXISTS (SELECT 1 FROM notification_markers k WHERE k.tenant_id = s.tenant_id AND k.subject_id = s.id
                                AND k.condition = 'eta_missed' AND k.marker = COALESCE(s.eta_latest, s.eta_earliest))
                ORDER BY s.id LIMIT \(literal: limit)
                """).all().map { row in
                TimedTrigger(shipmentID: try row.text("id"), tenantID: try row.text("tenant_id"), condition: "eta_missed",
                             marker: try row.text("marker"), trigger: .etaMissed, webhooks: true)
            }
        }
        return due
    }
}

/// A time-based trigger due for a shipment: no movement for N hours, or its ETA passed.
public struct TimedTrigger: Sendable, Hashable {
    public var shipmentID: String
    public var tenantID: String
    /// What fires once per shipment and marker: `stale:48`, `eta_missed`.
    public var condition: String
    /// The shipment's last event (stale) or ETA (missed) the condition fires at.
    public var marker: String
    public var trigger: ShipmentTrigger
    /// Whether webhook subscribers hear of it (the tenant-wide stale threshold only), or only alert rules.
    public var webhooks: Bool
}
