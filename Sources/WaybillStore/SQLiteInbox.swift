import Foundation
import Logging
import NIOPosix
import SQLKit
import SQLiteKit
import WaybillCore

/// Where webhook bodies acknowledged on SQLite wait until they are moved into `raw_payloads`
/// with their parse jobs: a database file of its own beside the main one (`PATH-inbox`), with a
/// writer of its own. An acknowledgement then commits without waiting for the main database's
/// single writer, which parse transactions hold for milliseconds at a time.
///
/// A body is durable once its inbox commit returns: WAL with `synchronous = FULL`, so the commit
/// waits for an fsync and a power loss after the 202 loses nothing (group commit shares the
/// fsync among the receives of a batch). The ingest worker's drain moves what waits here into
/// the main database first (`SQLStore.moveInbox`), then deletes it here, so a crash in between
/// only repeats a move, which inserts nothing twice.
final class SQLiteInbox: Sendable {
    let database: SQLiteBackend
    /// A read connection to the main database of the inbox's own, for the duplicate look-ups of
    /// acknowledgements, so they never queue behind the worker's or the API's reads.
    private let mainReader: SQLiteConnection
    /// Receives that arrive while a batch is being written go together into the next one.
    let queue = GroupCommitQueue<PendingReceive, ReceivedPayload>(maxBatch: 256)
    /// How many waiting bodies one move takes.
    static let moveLimit = 500

    static func path(forMainDatabase path: String) -> String { path + "-inbox" }

    static func open(mainDatabasePath: String, logger: Logger) async throws -> SQLiteInbox {
        // A 202 promises the carrier its body is kept: its commit waits for the disk.
        let database = try await SQLiteBackend.open(path: path(forMainDatabase: mainDatabasePath), readers: 1,
                                                    withInbox: false, durableCommits: true, logger: logger)
        var mainReader: SQLiteConnection?
        do {
            try await database.transaction { db in
                try await db.raw("""
                    CREATE TABLE IF NOT EXISTS inbox (
                        seq INTEGER PRIMARY KEY AUTOINCREMENT,
                        id TEXT NOT NULL UNIQUE,
                        tenant_id TEXT NOT NULL,
                        source TEXT NOT NULL,
                        carrier TEXT,
                        content_type TEXT NOT NULL,
                        body BLOB NOT NULL,
                        sha256 TEXT NOT NULL,
                        received_at TEXT NOT NULL,
                        parse_job_kind TEXT NOT NULL,
                        move_error TEXT,
                        UNIQUE (tenant_id, sha256)
                    )
                    """).run()
            }
            // On the inbox writer's thread: it is used only inside inbox write transactions, so it
            // never waits for a thread the worker's and the API's reads keep busy.
            let reader = try await SQLiteConnection.open(storage: .file(path: mainDatabasePath), threadPool: database.writerThread,
                                                         logger: logger, on: MultiThreadedEventLoopGroup.singleton.any())
            mainReader = reader
            try await reader.sql(queryLogLevel: nil).raw("PRAGMA busy_timeout = 10000").run()
            try await reader.sql(queryLogLevel: nil).raw("PRAGMA query_only = ON").run()
            return SQLiteInbox(database: database, mainReader: reader)
        } catch {
            try? await mainReader?.close()
            await database.shutdown()
            throw error
        }
    }

    private init(database: SQLiteBackend, mainReader: SQLiteConnection) {
        self.database = database
        self.mainReader = mainReader
    }

    /// Runs `body` on the inbox's read connection to the main database. Called only inside an
    /// inbox write transaction, so the connection has one user at a time.
    func readMain<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await body(mainReader.sql(queryLogLevel: nil))
    }

    func shutdown() async {
        try? await mainReader.close()
        await database.shutdown()
    }

    /// The oldest waiting bodies, with their position to delete them by once moved.
    func waiting(limit: Int = moveLimit) async throws -> [(seq: Int, receive: PendingReceive)] {
        try await database.read { db in
            try await db.raw("SELECT * FROM inbox WHERE move_error IS NULL ORDER BY seq LIMIT \(literal: limit)").all().map { row in
                let raw = NewRawPayload(source: try row.enumValue("source", as: EventSource.self), carrier: try row.optionalText("carrier"),
                                        contentType: try row.text("content_type"), body: try row.decode(column: "body", as: Data.self),
                                        receivedAt: try row.date("received_at"))
                let receive = PendingReceive(id: try row.text("id"), raw: raw, tenantID: try row.text("tenant_id"),
                                             parseJobKind: try row.text("parse_job_kind"), sha256: try row.text("sha256"))
                return (try row.int("seq"), receive)
            }
        }
    }

    /// Deletes moved bodies (those set aside stay).
    func remove(seqs: [Int]) async throws {
        guard !seqs.isEmpty else { return }
        try await database.transaction { db in
            for chunk in seqs.chunked(SQLStore.insertChunk) {
                try await db.raw("DELETE FROM inbox WHERE move_error IS NULL AND seq IN (\(binds: Array(chunk)))").run()
            }
        }
    }

    /// Whether moving a body failed for its data (a constraint, a value SQLite refuses) rather
    /// than for the moment (busy, disk full, I/O), so that trying again would fail again.
    static func wouldFailAgain(_ error: any Error) -> Bool {
        guard let error = error as? SQLiteError else { return true }
        switch error.reason {
        case .constraint, .tooBig, .mismatch, .range: return true
        default: return "\(error.reason)".hasPrefix("constraint")
        }
    }

    /// Keeps a body that cannot be moved out of the way of the others, with the reason.
    func setAside(seq: Int, reason: String) async throws {
        try await database.transaction { db in
            try await db.raw("UPDATE inbox SET move_error = \(bind: String(reason.prefix(2000))) WHERE seq = \(bind: seq)").run()
        }
    }

    /// Stores the candidates that `knownInMain` does not name, once per tenant and body, inside
    /// the caller's inbox transaction; returns every candidate's id (in the main database, or
    /// here) and which were inserted now.
    static func store(_ db: any SQLDatabase, tenantID: String, candidates: [PendingReceive],
                      knownInMain: [String: String]) async throws -> StoredReceives {
        var stored = StoredReceives(idBySHA: knownInMain)
        let unknown = candidates.filter { knownInMain[$0.sha256] == nil }
        for chunk in unknown.chunked(SQLStore.insertChunk) {
            let values: [SQLQueryString] = chunk.map { item in
                """
                (\(bind: item.id), \(bind: tenantID), \(bind: item.raw.source.rawValue), \(bind: item.raw.carrier),
                 \(bind: item.raw.contentType), \(bind: item.raw.body), \(bind: item.sha256), \(bind: Column.time(item.raw.receivedAt)),
                 \(bind: item.parseJobKind))
                """
            }
            let rows = try await db.raw("""
                INSERT INTO inbox (id, tenant_id, source, carrier, content_type, body, sha256, received_at, parse_job_kind)
                VALUES \(values.joined(separator: ", "))
                ON CONFLICT DO NOTHING
                RETURNING id, sha256
                """).all()
            try stored.insert(rows)
        }
        let waitingBefore = unknown.map(\.sha256).filter { !stored.inserted.contains($0) }
        stored.idBySHA.merge(try await SQLStore.storedIDs(db, table: "inbox", tenantID: tenantID, shas: waitingBefore)) { $1 }
        return stored
    }
}
