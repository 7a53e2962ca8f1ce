import Foundation
import SQLKit
import Testing
@testable import WaybillStore
import WaybillTestSupport

/// Migration 14 rebuilds most tables (create, copy, drop, rename): it must keep every row, give
/// `event_reports` its tenant, and keep numbering rows after the ones it copied.
@Suite("Tenant keys migration")
struct TenantKeyMigrationTests {
    @Test(arguments: TestDatabase.available)
    func everyRowSurvivesAndNumberingContinues(database: TestDatabase) async throws {
        try await database.withStore(migrate: false) { store in
            try await store.migrate(through: 13)
            try await store.backend.transaction { db in
                for statement in Self.rowsAtVersion13 { try await db.raw(statement).run() }
            }
            let before = try await Self.rowCounts(store)
            let lastSeq = try await Self.maxSeq(store)

            try await store.migrate()

            // Tables of later migrations (e.g. oauth_clients, 19) are new and empty; the others keep every row.
            let after = try await Self.rowCounts(store)
            #expect(after.filter { before[$0.key] != nil } == before)
            #expect(after.filter { before[$0.key] == nil }.values.allSatisfy { $0 == 0 }, "\(after)")
            #expect(before["event_reports"] == 1 && before["events"] == 2)
            let events = try await store.events(shipmentID: "shp_a", tenantID: "ten_a", includingSuperseded: true)
            #expect(events.first { $0.id == "evt_a" }?.rawPayloadIDs == ["raw_a", "raw_b"])
            try await store.backend.transaction { db in
                try await db.raw("""
                    INSERT INTO audit_log (id, tenant_id, actor, action, subject_type, subject_id, details, at)
                    VALUES ('aud_new', 'ten_a', 'test', 'test', 'shipment', 'shp_a', '{}', \(bind: Self.time))
                    """).run()
            }
            let numbered = try await store.backend.read { db in
                try await db.raw("SELECT seq FROM audit_log WHERE id = 'aud_new'").first()?.decode(column: "seq", as: Int.self)
            }
            #expect(numbered.map { $0 > lastSeq } == true, "new seq \(String(describing: numbered)) after \(lastSeq)")
        }
    }

    static let time = "2026-01-01T00:00:00Z"

    /// One or two rows in every table migration 14 rebuilds, in the columns of version 13.
    static let rowsAtVersion13: [SQLQueryString] = [
        "INSERT INTO tenants (id, name, created_at) VALUES ('ten_a', 'acme', \(bind: time))",
        "INSERT INTO api_keys (id, tenant_id, prefix, secret_hash, role, created_at) VALUES ('key_a', 'ten_a', 'wb_', 'hash_a', 'admin', \(bind: time))",
        """
        INSERT INTO orders (id, tenant_id, merchant_order_id, line_items, metadata, created_at, updated_at)
        VALUES ('ord_a', 'ten_a', '1001', '[]', '{}', \(bind: time), \(bind: time))
        """,
        """
        INSERT INTO shipments (id, tenant_id, order_ref, tracking_number, carrier, status, public_token, metadata, created_at, updated_at)
        VALUES ('shp_a', 'ten_a', 'ord_a', '1Z1', 'ups', 'in_transit', 'tok_a', '{}', \(bind: time), \(bind: time))
        """,
        """
        INSERT INTO raw_payloads (id, tenant_id, source, content_type, body, sha256, received_at, status)
        VALUES ('raw_a', 'ten_a', 'webhook', 'application/json', \(bind: Data("{}".utf8)), 'sha_a', \(bind: time), 'parsed'),
               ('raw_b', 'ten_a', 'poll', 'application/json', \(bind: Data("[]".utf8)), 'sha_b', \(bind: time), 'parsed')
        """,
        """
        INSERT INTO events (id, tenant_id, shipment_id, fingerprint, status, action_required, zone_source, carrier_sequence,
            informational, source, raw_payload_id, recorded_at)
        VALUES ('evt_a', 'ten_a', 'shp_a', 'fp_a', 'in_transit', 0, 'unknown', 0, 0, 'webhook', 'raw_a', \(bind: time)),
               ('evt_b', 'ten_a', 'shp_a', 'fp_b', 'in_transit', 0, 'unknown', 1, 0, 'webhook', 'raw_a', \(bind: time))
        """,
        "INSERT INTO event_reports (event_id, raw_payload_id) VALUES ('evt_a', 'raw_b')",
        """
        INSERT INTO audit_log (id, tenant_id, actor, action, subject_type, subject_id, details, at)
        VALUES ('aud_a', 'ten_a', 'test', 'test', 'shipment', 'shp_a', '{}', \(bind: time))
        """,
        "INSERT INTO webhook_endpoints (id, tenant_id, carrier, secret, created_at) VALUES ('whe_a', 'ten_a', 'ups', 's', \(bind: time))",
        """
        INSERT INTO webhook_subscriptions (id, tenant_id, url, event_types, secret, created_at, updated_at)
        VALUES ('whs_a', 'ten_a', 'https://example.com/hook', '[]', 's', \(bind: time), \(bind: time))
        """,
        "INSERT INTO alert_rules (id, tenant_id, definition, enabled, created_at, updated_at) VALUES ('rul_a', 'ten_a', '{}', 1, \(bind: time), \(bind: time))",
        """
        INSERT INTO notification_shipment_state (shipment_id, tenant_id, status, sequence, updated_at)
        VALUES ('shp_a', 'ten_a', 'in_transit', 1, \(bind: time))
        """,
        """
        INSERT INTO notification_messages (id, tenant_id, channel, target_id, event_type, sequence, body, state, next_attempt_at,
            retry_window_start, created_at, updated_at)
        VALUES ('msg_a', 'ten_a', 'webhook', 'whs_a', 'shipment.updated', 1, '{}', 'delivered', \(bind: time), \(bind: time),
                \(bind: time), \(bind: time))
        """,
        """
        INSERT INTO notification_attempts (message_id, tenant_id, attempt, started_at, latency_ms, outcome, worker)
        VALUES ('msg_a', 'ten_a', 1, \(bind: time), 1.5, 'delivered', 'test')
        """,
        """
        INSERT INTO notification_feed (id, tenant_id, message_id, event_type, title, text, created_at)
        VALUES ('ntf_a', 'ten_a', 'msg_a', 'shipment.updated', 'title', 'text', \(bind: time))
        """,
        """
        INSERT INTO notification_markers (subject_id, condition, marker, tenant_id, fired_at)
        VALUES ('shp_a', 'stale:72', 'evt_b', 'ten_a', \(bind: time))
        """,
        """
        INSERT INTO file_imports (id, tenant_id, raw_payload_id, file_name, status, created_at, updated_at)
        VALUES ('imp_a', 'ten_a', 'raw_b', 'a.csv', 'done', \(bind: time), \(bind: time))
        """,
        """
        INSERT INTO shipment_legs (id, tenant_id, shipment_id, tracking_number, carrier, role, linked_by, created_at)
        VALUES ('leg_a', 'ten_a', 'shp_a', 'LX1', 'dhl', 'last_mile', 'test', \(bind: time))
        """,
        """
        INSERT INTO support_sessions (id_hash, api_key_id, tenant_id, created_at, expires_at)
        VALUES ('ses_a', 'key_a', 'ten_a', \(bind: time), \(bind: time))
        """,
    ]

    static func rowCounts(_ store: SQLStore) async throws -> [String: Int] {
        let tables = try await SchemaCatalog.read(store).tables.keys.filter { $0 != "schema_migrations" }
        return try await store.backend.read { db in
            var counts: [String: Int] = [:]
            for table in tables {
                counts[table] = try await db.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first()?.decode(column: "n", as: Int.self)
            }
            return counts
        }
    }

    static func maxSeq(_ store: SQLStore) async throws -> Int {
        try await store.backend.read { db in
            try await db.raw("SELECT MAX(seq) AS seq FROM audit_log").first()?.decode(column: "seq", as: Int.self) ?? 0
        }
    }
}
