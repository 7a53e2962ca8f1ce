import Foundation
import SQLKit

/// The running instances of a database, so that a crashed one's claimed jobs are not held for
/// their whole lease (two minutes for parse jobs): the jobs of an instance silent for longer than
/// `instanceSilence` are claimed again by the others, and on SQLite, where one process owns a
/// database file, a process that starts knows every instance before it is dead.
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
            try await Self.upsertInstance(instance, seen: Column.time(now), db: db)
        }
    }

    public func heartbeat(now: Date) async throws {
        let instance = instanceID
        try await backend.transaction { db in try await Self.upsertInstance(instance, seen: Column.time(now), db: db) }
    }

    public func retireInstance() async throws {
        let instance = instanceID
        try await backend.transaction { db in
            try await db.raw("UPDATE instances SET last_seen_at = \(bind: Self.longAgo) WHERE id = \(bind: instance)").run()
        }
    }

    private static func upsertInstance(_ id: String, seen: String, db: any SQLDatabase) async throws {
        try await db.raw("""
            INSERT INTO instances (id, started_at, last_seen_at) VALUES (\(bind: id), \(bind: seen), \(bind: seen))
            ON CONFLICT (id) DO UPDATE SET last_seen_at = excluded.last_seen_at
            """).run()
    }
}
