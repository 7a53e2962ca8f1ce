import Foundation
import SQLKit
import Testing
import WaybillCore
@testable import WaybillStore
import WaybillTestSupport

/// Events and raw payloads by month on PostgreSQL (migration 15): partitions made ahead, a
/// default partition that loses nothing, retention that drops whole months, and dedupe that
/// holds across partitions without a unique index.
@Suite("Event partitions and retention")
struct EventPartitionTests {
    typealias Month = MonthlyPartitions.Month

    @Test(.enabled(if: TestDatabase.postgresURL != nil, Comment(rawValue: TestDatabase.skipReason)))
    func retentionDropsExactlyTheMonthsBeforeTheCutoff() async throws {
        try await TestDatabase.postgres.withStore { store in
            let (tenant, shipment) = try await StoreConformanceTests.setUp(store)
            let now = Month(containing: Date())
            let months = [now.adding(-2), now.adding(-1), now]
            for month in months {
                try await store.preparePartitions(now: month.startDate)
                try await Self.insertRows(store, tenantID: tenant.id, shipmentID: shipment.id, at: month.startDate.addingTimeInterval(86_400))
            }
            #expect(try await Self.count(store, "events") == 3)
            #expect(try await Self.count(store, "raw_payloads") == 3)

            let purge = try await store.purgeEvents(before: months[1].startDate, limit: 400)

            #expect(purge.droppedPartitions == ["raw_payloads_p\(months[0])", "events_p\(months[0])"])
            #expect(purge.events == 0 && purge.rawPayloads == 0)
            for table in ["events", "raw_payloads"] {
                #expect(try await Self.count(store, table) == 2)
                #expect(try await Self.exists(store, "\(table)_p\(months[0])") == false)
                #expect(try await Self.exists(store, "\(table)_p\(months[1])") == true)
                #expect(try await Self.exists(store, "\(table)_p\(now)") == true)
            }
        }
    }

    @Test(.enabled(if: TestDatabase.postgresURL != nil, Comment(rawValue: TestDatabase.skipReason)))
    func aRowForAMonthWithoutPartitionWaitsInTheDefaultAndMovesIntoItsMonth() async throws {
        try await TestDatabase.postgres.withStore { store in
            let (tenant, shipment) = try await StoreConformanceTests.setUp(store)
            let far = Month(containing: Date()).adding(40)
            #expect(try await Self.exists(store, "events_p\(far)") == false)
            try await Self.insertRows(store, tenantID: tenant.id, shipmentID: shipment.id, at: far.startDate.addingTimeInterval(3600))
            #expect(try await Self.count(store, "events_default") == 1)
            #expect(try await Self.count(store, "raw_payloads_default") == 1)

            try await store.preparePartitions(now: far.startDate)

            #expect(try await Self.count(store, "events_default") == 0)
            #expect(try await Self.count(store, "raw_payloads_default") == 0)
            #expect(try await Self.count(store, "events_p\(far)") == 1)
            #expect(try await Self.count(store, "raw_payloads_p\(far)") == 1)
            #expect(try await Self.count(store, "events") == 1)
            #expect(try await Self.count(store, "raw_payloads") == 1)
        }
    }

    /// On SQLite (and in PostgreSQL's default partition) retention deletes rows, with the
    /// reports of them, and keeps what is newer.
    @Test(arguments: TestDatabase.available)
    func retentionDeletesOlderRowsAndTheirReports(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let (tenant, shipment) = try await StoreConformanceTests.setUp(store)
            let old = Date(timeIntervalSince1970: 946_771_200)  // 2000-01-02, in the default partition on PostgreSQL
            for index in 0..<5 {
                try await Self.insertRows(store, tenantID: tenant.id, shipmentID: shipment.id, at: old.addingTimeInterval(Double(index)))
            }
            let recent = try await Self.insertRows(store, tenantID: tenant.id, shipmentID: shipment.id, at: Date())
            try await store.backend.transaction { db in
                try await db.raw("""
                    INSERT INTO event_reports (tenant_id, event_id, raw_payload_id)
                    SELECT tenant_id, id, \(bind: recent.rawID) FROM events WHERE recorded_at < '2001'
                    """).run()
            }
            #expect(try await Self.count(store, "event_reports") == 5)

            let purge = try await store.purgeEvents(before: Date(timeIntervalSince1970: 978_307_200), limit: 2)  // 2001-01-01

            #expect(purge.events == 5 && purge.rawPayloads == 5)
            #expect(try await Self.count(store, "events") == 1)
            #expect(try await Self.count(store, "raw_payloads") == 1)
            #expect(try await Self.count(store, "event_reports") == 0)
            let kept = try await store.events(shipmentID: shipment.id, tenantID: tenant.id, includingSuperseded: true)
            #expect(kept.map(\.id) == [recent.eventID])
        }
    }

    /// No unique index holds a fingerprint or a body across months on PostgreSQL: appends of the
    /// same event and receives of the same body, at once from two instances, still store each once.
    @Test(arguments: TestDatabase.available)
    func concurrentAppendsOfTheSameEventStoreItOnce(_ database: TestDatabase) async throws {
        try await database.withStores(2) { stores in
            let (tenant, shipment) = try await StoreConformanceTests.setUp(stores[0])
            let rounds = 10
            try await withThrowingTaskGroup(of: Void.self) { group in
                for round in 0..<rounds {
                    let event = StoreConformanceTests.event(.inTransit, hours: Double(round))
                    for copy in 0..<4 {
                        group.addTask {
                            // Half the copies repeat one body, half come in bodies of their own.
                            let body = copy % 2 == 0 ? "{\"round\":\(round)}" : "{\"round\":\(round),\"copy\":\(copy)}"
                            try await stores[copy % 2].ingest(StoreConformanceTests.batch(tenant.id, shipment.id, [event], body: body))
                        }
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await Self.count(stores[0], "events") == rounds)
            #expect(try await Self.count(stores[0], "raw_payloads") == rounds * 3)
            let events = try await stores[0].events(shipmentID: shipment.id, tenantID: tenant.id, includingSuperseded: true)
            #expect(events.allSatisfy { $0.rawPayloadIDs.count == 3 }, "every body that reported the event is remembered")
        }
    }

    /// A raw payload and one event of it, received and recorded at `date`.
    @discardableResult
    static func insertRows(_ store: SQLStore, tenantID: String, shipmentID: String, at date: Date) async throws -> (rawID: String, eventID: String) {
        let rawID = "raw_\(UUID().uuidString.prefix(12))"
        let eventID = "evt_\(UUID().uuidString.prefix(12))"
        let time = Timestamp.utcString(date)
        try await store.backend.transaction { db in
            try await db.raw("""
                INSERT INTO raw_payloads (id, tenant_id, source, content_type, body, sha256, received_at, status)
                VALUES (\(bind: rawID), \(bind: tenantID), 'webhook', 'application/json', \(bind: Data("{}".utf8)),
                        \(bind: rawID), \(bind: time), 'parsed')
                """).run()
            try await db.raw("""
                INSERT INTO events (id, tenant_id, shipment_id, fingerprint, status, action_required, zone_source, carrier_sequence,
                    informational, source, raw_payload_id, recorded_at)
                VALUES (\(bind: eventID), \(bind: tenantID), \(bind: shipmentID), \(bind: eventID), 'in_transit', 0, 'unknown', 0, 0,
                        'webhook', \(bind: rawID), \(bind: time))
                """).run()
        }
        return (rawID, eventID)
    }

    static func count(_ store: SQLStore, _ table: String) async throws -> Int {
        try await store.backend.read { db in
            try await db.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first()?.decode(column: "n", as: Int.self) ?? -1
        }
    }

    static func exists(_ store: SQLStore, _ table: String) async throws -> Bool {
        try await store.backend.read { db in
            try await db.raw("SELECT to_regclass(\(bind: table)) IS NOT NULL AS found").first()?.decode(column: "found", as: Bool.self) ?? false
        }
    }
}
