import Foundation
import SQLKit
@testable import WaybillStore

/// What the SQLite database of a load test holds, read beside the server that writes it.
struct LoadDatabase: Sendable {
    var rawPayloads = 0
    var unparsed = 0
    /// Acknowledged bodies not yet moved from the inbox into the database.
    var inInbox = 0
    var claimedJobs = 0
    var shipments = 0
    var events = 0
    var eventsByTrackingNumber: [String: Int] = [:]

    static func read(_ path: String) async throws -> LoadDatabase {
        try await WebhookLoadTests.withStore(path) { store in
            var counts = try await store.backend.read { db in
                var counts = LoadDatabase()
                func count(_ sql: SQLQueryString) async throws -> Int {
                    try await db.raw(sql).first().map { try $0.decode(column: "n", as: Int.self) } ?? 0
                }
                counts.rawPayloads = try await count("SELECT COUNT(*) AS n FROM raw_payloads")
                counts.unparsed = try await count("SELECT COUNT(*) AS n FROM raw_payloads WHERE status = 'received'")
                counts.claimedJobs = try await count("SELECT COUNT(*) AS n FROM jobs WHERE state = 'running'")
                counts.shipments = try await count("SELECT COUNT(*) AS n FROM shipments")
                counts.events = try await count("SELECT COUNT(*) AS n FROM events")
                for row in try await db.raw("""
                    SELECT s.tracking_number AS t, COUNT(*) AS n FROM events e JOIN shipments s ON s.id = e.shipment_id
                    GROUP BY s.tracking_number
                    """).all() {
                    counts.eventsByTrackingNumber[try row.decode(column: "t", as: String.self)] = try row.decode(column: "n", as: Int.self)
                }
                return counts
            }
            if let inbox = store.backend.inbox {
                counts.inInbox = try await inbox.database.read { db in
                    try await db.raw("SELECT COUNT(*) AS n FROM inbox").first().map { try $0.decode(column: "n", as: Int.self) } ?? 0
                }
            }
            return counts
        }
    }

    /// Whether every one of these acknowledged posts is parsed into its event (each post is one
    /// event of its tracking number; repeats are the same event), and nothing waits.
    func hasParsed(_ acknowledged: Set<Int>, of posts: [WebhookLoadTests.Post]) -> Bool {
        guard unparsed == 0, inInbox == 0 else { return false }
        var expected: [String: Set<Int>] = [:]
        for index in acknowledged { expected[posts[index].trackingNumber, default: []].insert(posts[index].event) }
        return expected.allSatisfy { (eventsByTrackingNumber[$0.key] ?? 0) >= $0.value.count }
    }
}
