import Foundation
import Logging
import SQLKit
@testable import WaybillStore

/// The cluster test's own connection to the PostgreSQL database the instances share: what they
/// claimed, stored, parsed and delivered, read beside them.
struct ClusterDatabase: Sendable {
    let store: SQLStore

    /// Opens the database at `url` for `body`, then closes it.
    static func with<T: Sendable>(_ url: String, _ body: @Sendable (ClusterDatabase) async throws -> T) async throws -> T {
        var logger = Logger(label: "test.cluster")
        logger.logLevel = .critical
        let store = try await SQLStore.open(try DatabaseURL(parsing: url), logger: logger)
        let result: Result<T, any Error> = await withTaskGroup(of: Void.self) { group in
            group.addTask { await store.run() }
            defer { group.cancelAll() }
            do { return .success(try await body(ClusterDatabase(store: store))) } catch { return .failure(error) }
        }
        await store.shutdown()
        return try result.get()
    }

    func texts(_ sql: SQLQueryString) async throws -> [String] {
        try await store.backend.read { db in try await db.raw(sql).all().map { try $0.decode(column: "v", as: String.self) } }
    }

    func count(_ sql: SQLQueryString) async throws -> Int {
        try await store.backend.read { db in try await db.raw(sql).first().map { try $0.decode(column: "n", as: Int.self) } ?? 0 }
    }

    var instanceIDs: [String] {
        get async throws { try await texts("SELECT id AS v FROM instances") }
    }

    /// What an instance held when it died: parse jobs, deliveries and poll leases claimed in its name.
    func claims(of instance: String) async throws -> Claims {
        Claims(
            jobs: try await texts("SELECT id AS v FROM jobs WHERE state = 'running' AND lease_instance = \(bind: instance)"),
            deliveries: try await texts("""
                SELECT id AS v FROM notification_messages WHERE state = 'delivering' AND lease_instance = \(bind: instance)
                """),
            polls: try await texts("""
                SELECT tracking_number AS v FROM shipments WHERE poll_lease_owner IS NOT NULL AND poll_lease_instance = \(bind: instance)
                """))
    }

    struct Claims: Sendable {
        var jobs: [String]
        var deliveries: [String]
        /// Tracking numbers of the shipments it was polling or about to poll.
        var polls: [String]
    }

    /// Of these jobs, how many are not done yet.
    func unfinishedJobs(_ ids: [String]) async throws -> Int {
        guard !ids.isEmpty else { return 0 }
        return try await count("SELECT COUNT(*) AS n FROM jobs WHERE id IN (\(binds: ids)) AND state <> 'done'")
    }

    /// Of these messages, how many are not delivered yet.
    func undelivered(_ ids: [String]) async throws -> Int {
        guard !ids.isEmpty else { return 0 }
        return try await count("SELECT COUNT(*) AS n FROM notification_messages WHERE id IN (\(binds: ids)) AND state <> 'delivered'")
    }

    /// Webhook payloads stored but not parsed yet, or failed.
    var unparsedWebhooks: Int {
        get async throws { try await count("SELECT COUNT(*) AS n FROM raw_payloads WHERE source = 'webhook' AND status <> 'parsed'") }
    }

    /// Outbound webhook messages not delivered yet (pending or in flight).
    var openWebhookMessages: Int {
        get async throws {
            try await count("SELECT COUNT(*) AS n FROM notification_messages WHERE channel = 'webhook' AND state IN ('pending', 'delivering')")
        }
    }

    var webhookMessages: [(id: String, state: String)] {
        get async throws {
            try await store.backend.read { db in
                try await db.raw("SELECT id, state FROM notification_messages WHERE channel = 'webhook'").all()
                    .map { (id: try $0.decode(column: "id", as: String.self), state: try $0.decode(column: "state", as: String.self)) }
            }
        }
    }

    /// How many times each SHA-256 of a webhook body is stored.
    var storedWebhookBodies: [String: Int] {
        get async throws {
            try await store.backend.read { db in
                try await db.raw("SELECT sha256, COUNT(*) AS n FROM raw_payloads WHERE source = 'webhook' GROUP BY sha256").all()
                    .reduce(into: [:]) { $0[try $1.decode(column: "sha256", as: String.self)] = try $1.decode(column: "n", as: Int.self) }
            }
        }
    }

    /// How many events each tracking number has, and the most times one fingerprint occurs in a shipment.
    func eventsByTrackingNumber(carrier: String) async throws -> (events: [String: Int], mostPerFingerprint: Int) {
        try await store.backend.read { db in
            var events: [String: Int] = [:]
            var most = 0
            for row in try await db.raw("""
                SELECT s.tracking_number AS t, e.fingerprint AS f, COUNT(*) AS n FROM events e JOIN shipments s ON s.id = e.shipment_id
                WHERE s.carrier = \(bind: carrier) GROUP BY s.tracking_number, e.fingerprint
                """).all() {
                events[try row.decode(column: "t", as: String.self), default: 0] += 1
                most = max(most, try row.decode(column: "n", as: Int.self))
            }
            return (events: events, mostPerFingerprint: most)
        }
    }

    /// The sweep's leased row: how many times it was claimed, and when last.
    var sweep: (claims: Int, claimedAt: String)? {
        get async throws {
            try await store.backend.read { db in
                try await db.raw("SELECT attempts, updated_at FROM jobs WHERE id = \(bind: SQLStore.sweepJobID)").first()
                    .map { (claims: try $0.decode(column: "attempts", as: Int.self), claimedAt: try $0.decode(column: "updated_at", as: String.self)) }
            }
        }
    }
}
