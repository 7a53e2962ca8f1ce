import Foundation
import SQLKit
import WaybillCore

/// Push subscriptions (migration 8).
extension SQLStore {
    public func dueSubscriptions(carrier: String, limit: Int, now: Date) async throws -> [SubscriptionTarget] {
        guard limit > 0 else { return [] }
        let terminal = ShipmentStatus.allCases.filter(\.isTerminal).map(\.rawValue)
        return try await backend.read { db in
            try await db.raw("""
                SELECT t.tenant_id, t.tracking_number, w.id AS endpoint_id, w.secret
                FROM (SELECT tenant_id, tracking_number FROM shipments
                      WHERE carrier = \(bind: carrier) AND tracking_stopped_at IS NULL AND status NOT IN (\(binds: terminal))
                      UNION
                      SELECT l.tenant_id, l.tracking_number FROM shipment_legs l JOIN shipments s ON s.tenant_id = l.tenant_id AND s.id = l.shipment_id
                      WHERE l.carrier = \(bind: carrier) AND s.tracking_stopped_at IS NULL AND s.status NOT IN (\(binds: terminal))) t
                JOIN webhook_endpoints w ON w.tenant_id = t.tenant_id AND w.id = (
                    SELECT MIN(e.id) FROM webhook_endpoints e
                    WHERE e.tenant_id = t.tenant_id AND e.carrier = \(bind: carrier) AND e.deleted_at IS NULL)
                LEFT JOIN push_subscriptions p
                    ON p.tenant_id = t.tenant_id AND p.carrier = \(bind: carrier) AND p.tracking_number = t.tracking_number
                WHERE p.tracking_number IS NULL OR p.renew_at <= \(bind: Column.time(now)) OR p.endpoint_id <> w.id
                   OR p.subscribed_at < w.secret_rotated_at
                ORDER BY t.tenant_id, t.tracking_number LIMIT \(literal: limit)
                """).all().map { row in
                let endpointID = try row.text("endpoint_id")
                return SubscriptionTarget(tenantID: try row.text("tenant_id"), trackingNumber: try row.text("tracking_number"),
                                          endpointID: endpointID,
                                          credential: try StoredSecret.open(try row.text("secret"), row: StoredSecret.endpointRow(endpointID)))
            }
        }
    }

    public func recordSubscriptions(_ records: [SubscriptionRecord]) async throws {
        guard !records.isEmpty else { return }
        try await backend.transaction { db in
            for chunk in records.chunked(Self.insertChunk / 8) {
                var values: [SQLQueryString] = []
                for record in chunk {
                    values.append("""
                        (\(bind: record.tenantID), \(bind: record.carrier), \(bind: record.trackingNumber), \(bind: record.endpointID),
                         \(bind: Column.time(record.subscribedAt)), \(bind: Column.time(record.renewAt)), \(bind: record.error))
                        """)
                }
                try await db.raw("""
                    INSERT INTO push_subscriptions (tenant_id, carrier, tracking_number, endpoint_id, subscribed_at, renew_at, error)
                    VALUES \(values.joined(separator: ", "))
                    ON CONFLICT (tenant_id, carrier, tracking_number) DO UPDATE SET endpoint_id = excluded.endpoint_id,
                        subscribed_at = excluded.subscribed_at, renew_at = excluded.renew_at, error = excluded.error
                    """).run()
            }
        }
    }
}
