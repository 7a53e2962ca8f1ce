import Foundation
import SQLKit
import WaybillCore

/// The polling schedule on the shipment rows (migration 5).
extension SQLStore {
    public func claimDuePolls(carrier: String, limit: Int, owner: String, leaseDuration: Duration, now: Date) async throws -> [PollTarget] {
        guard limit > 0 else { return [] }
        let nowText = Column.time(now)
        let leaseSeconds = leaseDuration.timeInterval
        let expires = Column.time(now.addingTimeInterval(leaseSeconds))
        // A lease runs out, or is void once its instance is silent (crashed), whichever comes first.
        let silent = silentInstances(now: now)
        return try await backend.transaction { db in
            // SKIP LOCKED (PostgreSQL) lets concurrent claimers pass over each other's rows; the
            // lease written below keeps them apart once this transaction commits.
            let due = try await db.raw("""
                SELECT id FROM shipments
                WHERE carrier = \(bind: carrier) AND poll_state = \(bind: PollState.active.rawValue)
                  AND tracking_stopped_at IS NULL
                  AND (next_check_at IS NULL OR next_check_at <= \(bind: nowText))
                  AND (poll_lease_expires_at IS NULL OR poll_lease_expires_at < \(bind: nowText)
                       OR poll_lease_instance IN (\(silent)))
                ORDER BY COALESCE(next_check_at, created_at), id LIMIT \(literal: limit)\(unsafeRaw: self.dialect.skipLocked)
                """).all()
            let ids = try due.map { try $0.text("id") }
            var targets: [PollTarget] = []
            if !ids.isEmpty {
                try await db.raw("""
                    UPDATE shipments SET poll_lease_owner = \(bind: owner), poll_lease_expires_at = \(bind: expires),
                        poll_lease_instance = \(bind: self.instanceID)
                    WHERE id IN (\(binds: ids))
                    """).run()
                targets = try await db.raw("""
                SELECT s.*,
                    (SELECT e.utc_offset FROM events e WHERE e.tenant_id = s.tenant_id AND e.id = s.last_event_id) AS last_event_utc_offset,
                    (SELECT MAX(e.recorded_at) FROM events e
                     WHERE e.tenant_id = s.tenant_id AND e.shipment_id = s.id AND e.source = 'webhook') AS last_webhook_event_at,
                    (SELECT COUNT(*) FROM webhook_endpoints w
                     WHERE w.tenant_id = s.tenant_id AND w.carrier = s.carrier AND w.deleted_at IS NULL) AS webhook_endpoint_count
                FROM shipments s WHERE s.id IN (\(binds: ids))
                ORDER BY COALESCE(s.next_check_at, s.created_at), s.id
                """).all().map(Self.pollTarget)
            }
            return targets + (try await self.claimDueLegs(db, carrier: carrier, limit: limit - targets.count, owner: owner,
                                                          now: nowText, silent: silent, expires: expires))
        }
    }

    /// Legs are claimed like shipments; the target carries the leg's number, carrier and
    /// schedule with the shipment's state.
    private func claimDueLegs(_ db: any SQLDatabase, carrier: String, limit: Int, owner: String, now: String,
                              silent: SQLQueryString, expires: String) async throws -> [PollTarget] {
        guard limit > 0 else { return [] }
        let due = try await db.raw("""
            SELECT l.id FROM shipment_legs l JOIN shipments s ON s.tenant_id = l.tenant_id AND s.id = l.shipment_id
            WHERE l.carrier = \(bind: carrier) AND l.poll_state = \(bind: PollState.active.rawValue)
              AND s.tracking_stopped_at IS NULL
              AND (l.next_check_at IS NULL OR l.next_check_at <= \(bind: now))
              AND (l.poll_lease_expires_at IS NULL OR l.poll_lease_expires_at < \(bind: now)
                   OR l.poll_lease_instance IN (\(silent)))
            ORDER BY COALESCE(l.next_check_at, l.created_at), l.id LIMIT \(literal: limit)\(unsafeRaw: dialect.skipLocked(of: "l"))
            """).all()
        let ids = try due.map { try $0.text("id") }
        guard !ids.isEmpty else { return [] }
        try await db.raw("""
            UPDATE shipment_legs SET poll_lease_owner = \(bind: owner), poll_lease_expires_at = \(bind: expires),
                poll_lease_instance = \(bind: instanceID)
            WHERE id IN (\(binds: ids))
            """).run()
        return try await db.raw("""
            SELECT l.id AS leg_id, l.tracking_number, l.carrier, l.next_check_at, l.last_checked_at, l.poll_state, l.poll_outcome,
                l.poll_not_found_count, l.poll_failure_count, l.poll_etag, l.poll_last_modified,
                s.id, s.tenant_id, s.status, s.substatus, s.eta_earliest, s.eta_latest, s.delivered_at, s.last_event_at,
                s.created_at, s.updated_at,
                (SELECT e.utc_offset FROM events e WHERE e.tenant_id = s.tenant_id AND e.id = s.last_event_id) AS last_event_utc_offset,
                (SELECT MAX(e.recorded_at) FROM events e
                 WHERE e.tenant_id = s.tenant_id AND e.shipment_id = s.id AND e.source = 'webhook' AND e.carrier = l.carrier) AS last_webhook_event_at,
                (SELECT COUNT(*) FROM webhook_endpoints w
                 WHERE w.tenant_id = s.tenant_id AND w.carrier = l.carrier AND w.deleted_at IS NULL) AS webhook_endpoint_count
            FROM shipment_legs l JOIN shipments s ON s.tenant_id = l.tenant_id AND s.id = l.shipment_id WHERE l.id IN (\(binds: ids))
            ORDER BY COALESCE(l.next_check_at, l.created_at), l.id
            """).all().map(Self.pollTarget)
    }

    @discardableResult
    public func recordPoll(_ record: PollRecord, owner: String) async throws -> Bool {
        let state = record.state
        let table = record.legID == nil ? "shipments" : "shipment_legs"
        let id = record.legID ?? record.shipmentID
        return try await backend.transaction { db in
            let updated = try await db.raw("""
                UPDATE \(unsafeRaw: table) SET
                    next_check_at = \(bind: Column.time(state.nextCheckAt)),
                    last_checked_at = COALESCE(\(bind: Column.time(record.checkedAt)), last_checked_at),
                    poll_state = \(bind: state.state.rawValue),
                    poll_outcome = \(bind: state.outcome?.rawValue),
                    poll_not_found_count = \(bind: state.consecutiveNotFound),
                    poll_failure_count = \(bind: state.consecutiveFailures),
                    poll_etag = \(bind: state.etag),
                    poll_last_modified = \(bind: state.lastModified),
                    poll_lease_owner = NULL, poll_lease_expires_at = NULL, poll_lease_instance = NULL
                WHERE id = \(bind: id) AND tenant_id = \(bind: record.tenantID)
                  AND poll_lease_owner = \(bind: owner)
                RETURNING id
                """).all()
            return !updated.isEmpty
        }
    }

    public func pollingState(shipmentID: String, tenantID: String) async throws -> PollingState? {
        try await backend.read { db in
            try await db.raw("""
                SELECT * FROM shipments WHERE id = \(bind: shipmentID) AND tenant_id = \(bind: tenantID)
                """).first().map(Self.pollingState)
        }
    }

    static func pollingState(_ row: any SQLRow) throws -> PollingState {
        PollingState(
            state: try row.enumValue("poll_state", as: PollState.self), nextCheckAt: try row.optionalDate("next_check_at"),
            lastCheckedAt: try row.optionalDate("last_checked_at"), outcome: try row.optionalEnum("poll_outcome", as: PollOutcome.self),
            consecutiveNotFound: try row.int("poll_not_found_count"), consecutiveFailures: try row.int("poll_failure_count"),
            etag: try row.optionalText("poll_etag"), lastModified: try row.optionalText("poll_last_modified"))
    }

    static func pollTarget(_ row: any SQLRow) throws -> PollTarget {
        PollTarget(
            shipmentID: try row.text("id"), tenantID: try row.text("tenant_id"), trackingNumber: try row.text("tracking_number"),
            carrier: try row.text("carrier"), status: try row.enumValue("status", as: ShipmentStatus.self),
            substatus: try row.optionalEnum("substatus", as: Substatus.self), etaEarliest: try row.optionalDate("eta_earliest"),
            etaLatest: try row.optionalDate("eta_latest"), deliveredAt: try row.optionalDate("delivered_at"),
            lastEventAt: try row.optionalDate("last_event_at"),
            lastEventUTCOffset: try row.optionalText("last_event_utc_offset").flatMap(UTCOffset.init(parsing:)),
            createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"), state: try pollingState(row),
            lastWebhookEventAt: try row.optionalDate("last_webhook_event_at"),
            hasWebhookEndpoint: try row.int("webhook_endpoint_count") > 0, legID: row.contains(column: "leg_id") ? try row.optionalText("leg_id") : nil)
    }

    public func scheduleBackfill(since: Date, until: Date?, tenantID: String?, carrier: String?, now: Date) async throws -> Int {
        try await backend.transaction { db in
            var sql = SQLQueryString("""
                UPDATE shipments SET next_check_at = \(bind: Column.time(now)), poll_state = 'active',
                    poll_not_found_count = 0, poll_failure_count = 0
                WHERE tracking_stopped_at IS NULL AND carrier <> '' AND created_at >= \(bind: Column.time(since))
                """)
            if let until { sql.appendInterpolation(unsafeRaw: " AND created_at < "); sql.appendInterpolation(bind: Column.time(until)) }
            if let tenantID { sql.appendInterpolation(unsafeRaw: " AND tenant_id = "); sql.appendInterpolation(bind: tenantID) }
            if let carrier { sql.appendInterpolation(unsafeRaw: " AND carrier = "); sql.appendInterpolation(bind: carrier) }
            sql.appendInterpolation(unsafeRaw: " RETURNING id")
            let shipments = try await db.raw(sql).all().count
            // Their legs are re-read too.
            var legs = SQLQueryString("""
                UPDATE shipment_legs SET next_check_at = \(bind: Column.time(now)), poll_state = 'active',
                    poll_not_found_count = 0, poll_failure_count = 0
                WHERE shipment_id IN (SELECT id FROM shipments WHERE tracking_stopped_at IS NULL
                    AND created_at >= \(bind: Column.time(since))
                """)
            if let until { legs.appendInterpolation(unsafeRaw: " AND created_at < "); legs.appendInterpolation(bind: Column.time(until)) }
            if let tenantID { legs.appendInterpolation(unsafeRaw: " AND tenant_id = "); legs.appendInterpolation(bind: tenantID) }
            if let carrier { legs.appendInterpolation(unsafeRaw: " AND carrier = "); legs.appendInterpolation(bind: carrier) }
            legs.appendInterpolation(unsafeRaw: ")")
            try await db.raw(legs).run()
            return shipments
        }
    }
}
