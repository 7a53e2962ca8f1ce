import Crypto
import Foundation
import SQLKit
import Testing
import WaybillCore
@testable import WaybillStore
import WaybillTestSupport

/// Retention removes exactly what a tenant's policy says, a data-subject request erases one
/// person and nobody else, and `eraseTenant` leaves no row of the tenant anywhere.
@Suite("Retention and erasure")
struct RetentionTests {
    static let day: TimeInterval = 86_400

    /// Rows written with explicit past times, as years of use would leave them.
    struct Planter {
        let store: SQLStore
        let tenantID: String
        let now = Date()

        func time(daysAgo: Double) -> String { Column.time(now.addingTimeInterval(-daysAgo * RetentionTests.day)) }

        func order(_ id: String, email: String?, phone: String? = nil, daysAgo: Double) async throws {
            try await store.backend.transaction { db in
                try await db.raw("""
                    INSERT INTO orders (id, tenant_id, merchant_order_id, customer_email, customer_phone, customer_postal_code,
                        line_items, metadata, created_at, updated_at)
                    VALUES (\(bind: id), \(bind: tenantID), \(bind: "M-" + id), \(bind: email), \(bind: phone), '75001', '[]',
                        '{"customer_name":"Ada Lovelace","channel":"web"}', \(bind: time(daysAgo: daysAgo)), \(bind: time(daysAgo: daysAgo)))
                    """).run()
            }
        }

        func shipment(_ id: String, order: String?, email: String?, phone: String? = nil, deliveredDaysAgo: Double) async throws {
            try await store.backend.transaction { db in
                try await db.raw("""
                    INSERT INTO shipments (id, tenant_id, order_ref, tracking_number, carrier, status, delivered_at, signed_by,
                        last_event_at, public_token, customer_email, customer_phone, metadata, created_at, updated_at)
                    VALUES (\(bind: id), \(bind: tenantID), \(bind: order), \(bind: "1Z" + id), 'ups', 'delivered',
                        \(bind: time(daysAgo: deliveredDaysAgo)), 'A. Lovelace', \(bind: time(daysAgo: deliveredDaysAgo)),
                        \(bind: "tok_" + id + tenantID), \(bind: email), \(bind: phone), '{"customer_name":"Ada Lovelace"}',
                        \(bind: time(daysAgo: 500)), \(bind: time(daysAgo: deliveredDaysAgo)))
                    """).run()
            }
        }

        func payload(_ id: String, daysAgo: Double) async throws {
            try await store.backend.transaction { db in
                let body = Data("{\"payload\":\"\(id)\",\"recipient\":\"Ada Lovelace\"}".utf8)
                try await db.raw("""
                    INSERT INTO raw_payloads (id, tenant_id, source, carrier, content_type, body, sha256, received_at, status)
                    VALUES (\(bind: id), \(bind: tenantID), 'webhook', 'ups', 'application/json', \(bind: body),
                        \(bind: SHA256.hex(body) + tenantID), \(bind: time(daysAgo: daysAgo)), 'parsed')
                    """).run()
            }
        }

        func event(_ id: String, shipment: String, payload: String, daysAgo: Double) async throws {
            try await store.backend.transaction { db in
                try await db.raw("""
                    INSERT INTO events (id, tenant_id, shipment_id, fingerprint, status, action_required, zone_source,
                        carrier_sequence, informational, signed_by, source, raw_payload_id, recorded_at)
                    VALUES (\(bind: id), \(bind: tenantID), \(bind: shipment), \(bind: "fp-" + id), 'delivered', 0, 'unknown', 0, 0,
                        'A. Lovelace', 'webhook', \(bind: payload), \(bind: time(daysAgo: daysAgo)))
                    """).run()
                try await db.raw("""
                    INSERT INTO event_reports (tenant_id, event_id, raw_payload_id) VALUES (\(bind: tenantID), \(bind: id), \(bind: payload))
                    """).run()
            }
        }

        func storedResponse(_ key: String, body: String, daysAgo: Double) async throws {
            try await store.backend.transaction { db in
                try await db.raw("""
                    INSERT INTO idempotency_keys (tenant_id, key, request_hash, status_code, response_body, created_at)
                    VALUES (\(bind: tenantID), \(bind: key), 'h', 201, \(bind: body), \(bind: time(daysAgo: daysAgo)))
                    """).run()
            }
        }

        func feedItem(_ id: String, shipment: String) async throws {
            try await store.backend.transaction { db in
                try await db.raw("""
                    INSERT INTO notification_feed (id, tenant_id, message_id, shipment_id, event_type, title, text, created_at)
                    VALUES (\(bind: id), \(bind: tenantID), \(bind: "msg_" + id), \(bind: shipment), 'shipment.delivered',
                        'Delivered', 'Signed by A. Lovelace', \(bind: time(daysAgo: 1)))
                    """).run()
            }
        }

        func auditEntries(_ count: Int, daysAgo: Double) async throws {
            let at = time(daysAgo: daysAgo)
            try await store.backend.transaction { db in
                try await AuditChain.append(db, tenantID: tenantID, entries: (0..<count).map { n in
                    (SQLStore.NewAuditEntry(actor: "test", action: "test.old", subjectType: "test", subjectID: "\(n)", details: [:]), at)
                })
            }
        }

        func value(_ sql: SQLQueryString) async throws -> String? {
            try await store.backend.read { db in try await db.raw(sql).first()?.decode(column: "v", as: String?.self) }
        }

        func count(_ sql: SQLQueryString) async throws -> Int {
            try await store.backend.read { db in try await db.raw(sql).first()?.decode(column: "n", as: Int.self) ?? -1 }
        }
    }

    @Test(arguments: TestDatabase.available)
    func aPassRemovesExactlyWhatThePolicySaysAndASecondNothing(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let acme = try await store.ensureTenant(named: "acme")
            let globex = try await store.ensureTenant(named: "globex")
            let plant = Planter(store: store, tenantID: acme.id)
            try await plant.auditEntries(3, daysAgo: 500)
            try await plant.auditEntries(2, daysAgo: 10)
            #expect(try await store.retentionPolicy(tenantID: acme.id) == RetentionPolicy(personalDataDays: 90, payloadDays: 400))
            _ = try await store.setRetentionPolicy(RetentionPolicy(personalDataDays: 90, payloadDays: 400, auditLogDays: 400),
                                                   tenantID: acme.id, actor: "test")

            try await plant.order("ord_old", email: "old@example.com", daysAgo: 91)
            try await plant.order("ord_new", email: "new@example.com", daysAgo: 89)
            try await plant.shipment("shp_old", order: "ord_old", email: "old@example.com", deliveredDaysAgo: 91)
            try await plant.shipment("shp_new", order: "ord_new", email: "new@example.com", deliveredDaysAgo: 89)
            for (id, days) in [("raw_401", 401.0), ("raw_399", 399), ("raw_89", 89)] { try await plant.payload(id, daysAgo: days) }
            try await plant.event("evt_401", shipment: "shp_old", payload: "raw_401", daysAgo: 401)
            try await plant.event("evt_91", shipment: "shp_old", payload: "raw_399", daysAgo: 91)
            try await plant.event("evt_89", shipment: "shp_new", payload: "raw_89", daysAgo: 89)
            try await plant.storedResponse("idem_old", body: #"{"customer":{"email":"old@example.com"}}"#, daysAgo: 91)
            try await plant.storedResponse("idem_new", body: "{}", daysAgo: 1)
            try await plant.feedItem("ntf_old", shipment: "shp_old")
            try await plant.feedItem("ntf_new", shipment: "shp_new")
            // Another tenant with the same old data: untouched by acme's pass.
            let other = Planter(store: store, tenantID: globex.id)
            try await other.shipment("shp_glx", order: nil, email: "glx@example.com", deliveredDaysAgo: 91)
            try await other.payload("raw_glx", daysAgo: 401)

            let counts = try await store.runRetention(tenantID: acme.id, now: Date(), payloadCapDays: nil, batch: 2)
            var expected = RetentionCounts()
            expected.shipmentsErased = 1
            expected.ordersErased = 1
            expected.eventsAnonymized = 2
            expected.notificationsDeleted = 1
            expected.idempotencyKeysDeleted = 1
            expected.eventsDeleted = 1
            expected.rawPayloadsDeleted = 1
            expected.auditEntriesDeleted = 3
            #expect(counts == expected)

            let t = acme.id
            #expect(try await plant.count("""
                SELECT COUNT(*) AS n FROM shipments WHERE tenant_id = \(bind: t) AND customer_email IS NULL AND customer_phone IS NULL
                AND signed_by IS NULL AND personal_data_erased_at IS NOT NULL AND metadata NOT LIKE '%Ada%'
                """) == 1)
            #expect(try await plant.value("SELECT customer_email AS v FROM shipments WHERE id = 'shp_old'") == nil)
            #expect(try await plant.value("SELECT customer_email AS v FROM shipments WHERE id = 'shp_new'") == "new@example.com")
            #expect(try await plant.value("SELECT customer_email AS v FROM orders WHERE id = 'ord_old'") == nil)
            #expect(try await plant.value("SELECT customer_postal_code AS v FROM orders WHERE id = 'ord_old'") == nil)
            #expect(try await plant.value("SELECT metadata AS v FROM orders WHERE id = 'ord_old'") == #"{"channel":"web"}"#)
            #expect(try await plant.value("SELECT customer_email AS v FROM orders WHERE id = 'ord_new'") == "new@example.com")
            #expect(try await plant.value("SELECT signed_by AS v FROM events WHERE id = 'evt_91'") == nil)
            #expect(try await plant.value("SELECT signed_by AS v FROM events WHERE id = 'evt_89'") == "A. Lovelace")
            #expect(try await plant.count("SELECT COUNT(*) AS n FROM events WHERE tenant_id = \(bind: t)") == 2, "only evt_401 is gone")
            #expect(try await plant.count("SELECT COUNT(*) AS n FROM events WHERE id = 'evt_401'") == 0)
            #expect(try await plant.count("SELECT COUNT(*) AS n FROM event_reports WHERE event_id = 'evt_401'") == 0)
            let payloads = try await store.backend.read { db in
                try await db.raw("SELECT id FROM raw_payloads WHERE tenant_id = \(bind: t) ORDER BY id").all().map { try $0.text("id") }
            }
            #expect(payloads == ["raw_399", "raw_89"])
            #expect(try await plant.count("SELECT COUNT(*) AS n FROM idempotency_keys WHERE tenant_id = \(bind: t)") == 1)
            #expect(try await plant.value("SELECT id AS v FROM notification_feed WHERE tenant_id = \(bind: t)") == "ntf_new")
            #expect(try await other.value("SELECT customer_email AS v FROM shipments WHERE id = 'shp_glx'") == "glx@example.com")
            #expect(try await other.count("SELECT COUNT(*) AS n FROM raw_payloads WHERE id = 'raw_glx'") == 1)

            let verification = try await store.verifyAuditChain(tenantID: t, anchor: nil)
            #expect(verification.problem == nil && verification.firstChainSeq == 4)
            let purged = try await store.auditLog(AuditLogQuery(tenantID: t)).filter { $0.action == "retention.purged" }
            #expect(purged.count == 1)
            let details = try JSONValue.parse(Data(try #require(purged.first).details.utf8))
            #expect(details["shipments_erased"]?.stringValue == "1" && details["events_deleted"]?.stringValue == "1"
                    && details["raw_payloads_deleted"]?.stringValue == "1" && details["audit_entries_deleted"]?.stringValue == "3")
            #expect(purged.first?.details.contains("example.com") == false, "no personal data in the audit log")

            let again = try await store.runRetention(tenantID: acme.id, now: Date(), payloadCapDays: nil, batch: 2)
            #expect(again.isEmpty, "a second pass removes nothing more")
            #expect(try await store.auditLog(AuditLogQuery(tenantID: t)).filter { $0.action == "retention.purged" }.count == 1)
            #expect(try await store.verifyAuditChain(tenantID: t, anchor: nil).problem == nil)

            // The installation's cap is an upper bound: 390 days removes raw_399 now.
            let capped = try await store.runRetention(tenantID: acme.id, now: Date(), payloadCapDays: 390, batch: 2)
            #expect(capped.rawPayloadsDeleted == 1 && capped.eventsDeleted == 0 && capped.auditEntriesDeleted == 0,
                    "the cap never shortens the audit log below the tenant's payload days")
        }
    }

    @Test(arguments: TestDatabase.available)
    func aDataSubjectRequestErasesOnePersonAcrossShipmentsAndOrders(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let acme = try await store.ensureTenant(named: "acme")
            let plant = Planter(store: store, tenantID: acme.id)
            try await plant.order("ord_a1", email: "Ada@Example.com", phone: "+44 20 7946-0001", daysAgo: 5)
            try await plant.order("ord_a2", email: nil, phone: "+44 (20) 7946 0001", daysAgo: 4)
            try await plant.order("ord_b", email: "bob@example.com", phone: "+1 415 555 0199", daysAgo: 3)
            try await plant.shipment("shp_a1", order: "ord_a1", email: "ada@example.com", phone: "+44 20 7946-0001", deliveredDaysAgo: 2)
            try await plant.shipment("shp_a2", order: "ord_a2", email: nil, phone: nil, deliveredDaysAgo: 2)
            try await plant.shipment("shp_b", order: "ord_b", email: "bob@example.com", phone: "+1 415 555 0199", deliveredDaysAgo: 2)
            for id in ["raw_a1", "raw_a2", "raw_b", "raw_shared"] { try await plant.payload(id, daysAgo: 2) }
            try await plant.event("evt_a1", shipment: "shp_a1", payload: "raw_a1", daysAgo: 2)
            try await plant.event("evt_a2", shipment: "shp_a2", payload: "raw_a2", daysAgo: 2)
            try await plant.event("evt_b", shipment: "shp_b", payload: "raw_b", daysAgo: 2)
            try await store.backend.transaction { db in
                for event in ["evt_a1", "evt_b"] {
                    try await db.raw("""
                        INSERT INTO event_reports (tenant_id, event_id, raw_payload_id) VALUES (\(bind: acme.id), \(bind: event), 'raw_shared')
                        """).run()
                }
            }
            try await plant.storedResponse("idem_a", body: #"{"customer":{"email":"ada@example.com","phone":"+44 20 7946-0001"}}"#,
                                           daysAgo: 0)

            let byPhone = try await store.eraseCustomer(.phone("+442079460001"), tenantID: acme.id, actor: "api_key:test")
            #expect(byPhone.shipments == 2 && byPhone.orders == 2, "both orders match the phone, and their shipments go with them")
            #expect(byPhone.eventsAnonymized == 2 && byPhone.rawPayloadsDeleted == 2 && byPhone.rawPayloadsKept == 1)
            #expect(byPhone.idempotencyKeys == 1)
            let byEmail = try await store.eraseCustomer(.email("ADA@example.com"), tenantID: acme.id, actor: "api_key:test")
            #expect(byEmail.shipments == 0 && byEmail.orders == 0, "nothing left to match")

            for table in ["orders", "shipments"] {
                #expect(try await plant.count("""
                    SELECT COUNT(*) AS n FROM \(ident: table) WHERE tenant_id = \(bind: acme.id)
                    AND (customer_email IS NOT NULL OR customer_phone IS NOT NULL)
                    """) == 1, "only Bob's \(table) keep contact details")
            }
            #expect(try await plant.value("SELECT customer_email AS v FROM shipments WHERE id = 'shp_b'") == "bob@example.com")
            #expect(try await plant.value("SELECT signed_by AS v FROM events WHERE id = 'evt_b'") == "A. Lovelace")
            #expect(try await plant.count("SELECT COUNT(*) AS n FROM events WHERE tenant_id = \(bind: acme.id)") == 3,
                    "events are kept, anonymized")
            #expect(try await plant.count("SELECT COUNT(*) AS n FROM raw_payloads WHERE id IN ('raw_a1', 'raw_a2')") == 0)
            #expect(try await plant.count("SELECT COUNT(*) AS n FROM raw_payloads WHERE id IN ('raw_b', 'raw_shared')") == 2)

            let entry = try #require(try await store.auditLog(AuditLogQuery(tenantID: acme.id)).first { $0.action == "customer.erased" })
            #expect(entry.subjectID == "sha256:" + SHA256.hex(Data("+442079460001".utf8)))
            #expect(!entry.details.contains("7946") && !entry.subjectID.contains("7946"))

            if database == .sqlite {
                let bytes = try await Self.databaseBytes(store)
                for secret in ["ada@example.com", "Ada@Example.com", "7946-0001", "7946 0001"] {
                    #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(secret) is gone from the file")
                }
                #expect(bytes.range(of: Data("bob@example.com".utf8)) != nil)
            }
        }
    }

    /// The database file and its WAL after a checkpoint: what a copy of the disk would show.
    static func databaseBytes(_ store: SQLStore) async throws -> Data {
        let path = try await store.backend.read { db in
            try await db.raw("PRAGMA database_list").all().first { (try? $0.text("name")) == "main" }.map { try $0.text("file") }
        }
        let file = try #require(path)
        try await store.checkpointForTests()
        var bytes = Data()
        for name in [file, file + "-wal"] { bytes.append((try? Data(contentsOf: URL(fileURLWithPath: name))) ?? Data()) }
        return bytes
    }

    @Test(arguments: TestDatabase.available)
    func erasingATenantLeavesNoRowOfItAndOthersUntouched(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            var counts: [String: [String: Int]] = [:]
            var tenants: [Tenant] = []
            for name in ["acme", "globex"] {
                let tenant = try await AuditChainTests.seed(store, named: name)
                tenants.append(tenant)
                let plant = Planter(store: store, tenantID: tenant.id)
                try await plant.order("ord_\(name)", email: "\(name)@example.com", daysAgo: 1)
                try await plant.shipment("shp_\(name)", order: "ord_\(name)", email: "\(name)@example.com", deliveredDaysAgo: 1)
                try await plant.payload("raw_\(name)", daysAgo: 1)
                try await plant.event("evt_\(name)", shipment: "shp_\(name)", payload: "raw_\(name)", daysAgo: 1)
                try await plant.storedResponse("idem", body: "{}", daysAgo: 1)
                try await plant.feedItem("ntf_\(name)", shipment: "shp_\(name)")
                _ = try await store.setRetentionPolicy(RetentionPolicy(), tenantID: tenant.id, actor: "test")
            }
            let tables = try await store.tablesWithTenantColumn()
            func rows(_ tenantID: String) async throws -> [String: Int] {
                var rows: [String: Int] = [:]
                for table in tables {
                    rows[table] = try await store.backend.read { db in
                        try await db.raw("SELECT COUNT(*) AS n FROM \(ident: table) WHERE tenant_id = \(bind: tenantID)").first()?
                            .decode(column: "n", as: Int.self) ?? -1
                    }
                }
                return rows
            }
            for tenant in tenants { counts[tenant.id] = try await rows(tenant.id) }
            #expect(counts[tenants[0].id]?.values.reduce(0, +) ?? 0 > 15)

            let erasure = try await store.eraseTenant(id: tenants[0].id, batch: 2)
            #expect(erasure.rowsByTable["tenants"] == 1 && erasure.rowsByTable["events"] == 1 && erasure.rowsByTable["audit_log"] ?? 0 > 5)
            #expect(try await rows(tenants[0].id).values.allSatisfy { $0 == 0 }, "no row of the erased tenant in any table")
            #expect(try await rows(tenants[1].id) == counts[tenants[1].id], "the other tenant is untouched")
            #expect(try await store.tenants().map(\.name) == ["globex"])
            #expect(try await store.verifyAuditChain(tenantID: tenants[1].id, anchor: nil).problem == nil)
        }
    }

    /// Under docs/security.md's grants the application's role may not delete from `audit_log`:
    /// its pass removes everything else and reports the refusal; the owner's pass then purges the log.
    @Test(.enabled(if: TestDatabase.postgresURL != nil, "\(TestDatabase.skipReason)"))
    func underTheAuditGrantsTheLogIsPurgedByItsOwnerOnly() async throws {
        try await AuditLogGrants.withStores { admin, store in
            let tenant = try await admin.ensureTenant(named: "acme")
            let plant = Planter(store: admin, tenantID: tenant.id)
            try await plant.auditEntries(3, daysAgo: 500)
            try await plant.auditEntries(1, daysAgo: 1)
            try await plant.payload("raw_old", daysAgo: 401)
            let refused = try await store.runRetention(tenantID: tenant.id, now: Date(), payloadCapDays: nil, batch: 500)
            #expect(refused.auditPurgeRefused && refused.auditEntriesDeleted == 0 && refused.rawPayloadsDeleted == 1)
            #expect(try await store.verifyAuditChain(tenantID: tenant.id, anchor: nil).firstChainSeq == 1)
            let byOwner = try await admin.runRetention(tenantID: tenant.id, now: Date(), payloadCapDays: nil, batch: 500)
            #expect(!byOwner.auditPurgeRefused && byOwner.auditEntriesDeleted == 3)
            let verification = try await store.verifyAuditChain(tenantID: tenant.id, anchor: nil)
            #expect(verification.problem == nil && verification.firstChainSeq == 4)
        }
    }

    /// Two instances running the pass at once remove each due row once and keep the chain whole.
    @Test(arguments: TestDatabase.available)
    func twoInstancesAtOnceLeaveTheSameResult(_ database: TestDatabase) async throws {
        try await database.withStores(2) { stores in
            let acme = try await stores[0].ensureTenant(named: "acme")
            let plant = Planter(store: stores[0], tenantID: acme.id)
            try await plant.auditEntries(7, daysAgo: 500)
            try await plant.auditEntries(1, daysAgo: 1)
            for n in 0..<7 {
                try await plant.shipment("shp_\(n)", order: nil, email: "p\(n)@example.com", deliveredDaysAgo: 100)
                try await plant.payload("raw_\(n)", daysAgo: 450)
                try await plant.event("evt_\(n)", shipment: "shp_\(n)", payload: "raw_\(n)", daysAgo: 450)
            }
            let results = try await withThrowingTaskGroup(of: RetentionCounts.self) { group in
                for store in stores {
                    group.addTask { try await store.runRetention(tenantID: acme.id, now: Date(), payloadCapDays: nil, batch: 3) }
                }
                return try await group.reduce(into: [RetentionCounts]()) { $0.append($1) }
            }
            let sum = results.reduce(RetentionCounts(), +)
            #expect(sum.eventsDeleted == 7 && sum.rawPayloadsDeleted == 7 && sum.auditEntriesDeleted == 7)
            #expect(try await plant.count("SELECT COUNT(*) AS n FROM shipments WHERE customer_email IS NOT NULL") == 0)
            #expect(try await plant.count("SELECT COUNT(*) AS n FROM events") == 0)
            let verification = try await stores[1].verifyAuditChain(tenantID: acme.id, anchor: nil)
            #expect(verification.problem == nil && verification.firstChainSeq == 8)
        }
    }
}
