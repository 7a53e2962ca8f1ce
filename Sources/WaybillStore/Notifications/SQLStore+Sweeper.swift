import Foundation
import SQLKit
import WaybillCore

/// Time-based triggers: no movement for N hours (stale) and ETA passed without delivery. One
/// instance at a time runs the sweep (a leased row of the job table), and each condition fires
/// once per shipment (a marker keyed by the shipment, the condition and its last event or ETA).
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

    public func sweepNotificationTriggers(staleAfterHours: Int, now: Date, limit: Int) async throws -> Int {
        var thresholds: Set<Int> = [staleAfterHours]
        for rule in try await backend.read({ db in
            try await db.raw("SELECT * FROM alert_rules WHERE enabled = 1").all().map(Self.alertRule)
        }) where rule.trigger.kind == .stale {
            if let hours = rule.trigger.hours { thresholds.insert(hours) }
        }
        var fired = 0
        for hours in thresholds.sorted() {
            let cutoff = Column.time(now.addingTimeInterval(-Double(hours) * 3600))
            let condition = "stale:\(hours)"
            let candidates = try await backend.read { db in
                try await db.raw("""
                    SELECT s.id, s.tenant_id, COALESCE(s.last_event_id, 'none') AS marker FROM shipments s
                    WHERE s.status NOT IN ('delivered', 'returned_to_sender', 'expired') AND s.tracking_stopped_at IS NULL
                    AND COALESCE(s.last_event_at, s.created_at) < \(bind: cutoff)
                    AND NOT EXISTS (SELECT 1 FROM notification_markers k WHERE k.subject_id = s.id
                                    AND k.condition = \(bind: condition) AND k.marker = COALESCE(s.last_event_id, 'none'))
                    ORDER BY s.id LIMIT \(literal: limit)
                    """).all().map { (try $0.text("id"), try $0.text("tenant_id"), try $0.text("marker")) }
            }
            for (shipmentID, tenantID, marker) in candidates {
                if try await fireTimed(shipmentID: shipmentID, tenantID: tenantID, condition: condition, marker: marker,
                                       trigger: .stale(hours: hours), webhooks: hours == staleAfterHours, now: now) {
                    fired += 1
                }
            }
        }
        let nowText = Column.time(now)
        let missed = try await backend.read { db in
            try await db.raw("""
                SELECT s.id, s.tenant_id, COALESCE(s.eta_latest, s.eta_earliest) AS marker FROM shipments s
                WHERE s.status NOT IN ('delivered', 'returned_to_sender', 'expired') AND s.tracking_stopped_at IS NULL
                AND COALESCE(s.eta_latest, s.eta_earliest) < \(bind: nowText)
                AND NOT EXISTS (SELECT 1 FROM notification_markers k WHERE k.subject_id = s.id
                                AND k.condition = 'eta_missed' AND k.marker = COALESCE(s.eta_latest, s.eta_earliest))
                ORDER BY s.id LIMIT \(literal: limit)
                """).all().map { (try $0.text("id"), try $0.text("tenant_id"), try $0.text("marker")) }
        }
        for (shipmentID, tenantID, marker) in missed {
            if try await fireTimed(shipmentID: shipmentID, tenantID: tenantID, condition: "eta_missed", marker: marker,
                                   trigger: .etaMissed, webhooks: true, now: now) {
                fired += 1
            }
        }
        return fired
    }

    /// Marks the condition and writes its messages in one transaction; false if it had fired.
    private func fireTimed(shipmentID: String, tenantID: String, condition: String, marker: String, trigger: ShipmentTrigger,
                           webhooks: Bool, now: Date) async throws -> Bool {
        try await backend.transaction { db in
            _ = try await self.lockShipments(db, ids: [shipmentID], tenantID: tenantID)
            guard try await Self.mark(db, tenantID: tenantID, subjectID: shipmentID, condition: condition, marker: marker,
                                      now: now) else { return false }
            try await self.writeTimedNotifications(db, tenantID: tenantID, shipmentID: shipmentID, triggers: [trigger],
                                                   webhooks: webhooks, now: now)
            return true
        }
    }
}
