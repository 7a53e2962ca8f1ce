import Foundation
import SQLKit

/// The running instances of a database, so that a crashed one's claims are not held for their
/// whole lease (two minutes for parse jobs and polls, one for deliveries): the parse jobs, outbox
/// deliveries and poll leases of an instance silent for longer than `instanceSilence` are claimed
/// again by the others, and on SQLite, where one process owns a database file, a process that
/// starts knows every instance before it is dead.
///
/// On PostgreSQL liveness is judged by the database's clock alone (`now()` writes the heartbeat
/// and measures the silence), so an instance whose own clock runs ahead cannot declare the others
/// dead and one whose clock lags cannot look alive. SQLite has one process: its clock is the
/// `now` passed in.
extension SQLStore {
    /// How long an instance may go without a heartbeat before its claims are void.
    public static let instanceSilence = Duration.seconds(15)
    /// How long the row of an instance that holds nothing is kept after it was last seen.
    static let instanceRetention: TimeInterval = 86_400
    private static let longAgo = Column.time(Date(timeIntervalSince1970: 0))

    public func registerInstance(now: Date) async throws {
        let instance = instanceID
        let forgottenBefore = Column.time(now.addingTimeInterval(-Self.instanceRetention))
        let sqlite = engine == .sqlite
        try await backend.transaction { db in
            if sqlite {
                try await db.raw("UPDATE instances SET last_seen_at = \(bind: Self.longAgo) WHERE id <> \(bind: instance)").run()
            }
            try await db.raw("""
                DELETE FROM instances WHERE last_seen_at < \(bind: forgottenBefore) AND id NOT IN (
                    SELECT lease_instance FROM jobs WHERE state = 'running' AND lease_instance IS NOT NULL)
                """).run()
            try await Self.upsertInstance(instance, seen: self.currentTime(now), db: db)
        }
    }

    public func heartbeat(now: Date) async throws {
        let instance = instanceID
        let seen = currentTime(now)
        try await backend.transaction { db in try await Self.upsertInstance(instance, seen: seen, db: db) }
    }

    /// The ids of the instances silent for longer than `instanceSilence`, as a subquery: claims
    /// naming one of them are void (`lease_instance IN (...)`). A claim by a process that never
    /// registered (a CLI command) names no row here and waits for its lease.
    func silentInstances(now: Date) -> SQLQueryString {
        "SELECT id FROM instances WHERE last_seen_at < \(currentTime(now, minus: Self.instanceSilence))"
    }

    /// The current time (less `minus`) as stored text: the database's clock on PostgreSQL, `now` on SQLite.
    private func currentTime(_ now: Date, minus: Duration = .zero) -> SQLQueryString {
        switch engine {
        case .sqlite:
            return "\(bind: Column.time(now.addingTimeInterval(-minus.timeInterval)))"
        case .postgres:
            let milliseconds = minus.components.seconds * 1000 + minus.components.attoseconds / 1_000_000_000_000_000
            return "to_char((now() AT TIME ZONE 'UTC') - \(literal: Int(milliseconds)) * interval '1 millisecond', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')"
        }
    }

    public func retireInstance() async throws {
        let instance = instanceID
        try await backend.transaction { db in
            try await db.raw("UPDATE instances SET last_seen_at = \(bind: Self.longAgo) WHERE id = \(bind: instance)").run()
        }
    }

    private static func upsertInstance(_ id: String, seen: SQLQueryString, db: any SQLDatabase) async throws {
        try await db.raw("""
            INSERT INTO instances (id, started_at, last_seen_at) VALUES (\(bind: id), \(seen), \(seen))
            ON CONFLICT (id) DO UPDATE SET last_seen_at = excluded.last_seen_at
            """).run()
    }
}
