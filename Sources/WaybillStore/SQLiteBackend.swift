import Foundation
import Logging
import NIOCore
import NIOPosix
import SQLKit
import SQLiteKit

/// The embedded engine: one writer connection, used by one transaction at a time, and a few
/// read connections beside it. In WAL mode a reader sees the last commit and never waits for
/// the writer, so a read (a webhook endpoint lookup) does not queue behind a parse transaction.
///
/// The writer has a thread of its own (SQLite calls block a thread), so its statements never
/// queue behind reads; and while `run()` runs, WAL checkpoints (copying committed pages into
/// the database file, with an fsync) are done by a connection of their own every
/// `checkpointInterval` instead of by whichever commit fills the WAL, so an acknowledgement's
/// commit never pays for one.
///
/// Webhook receives go to an inbox of their own (`SQLiteInbox`), so an acknowledgement never
/// waits for this writer.
final class SQLiteBackend: DatabaseBackend {
    let dialect = StoreDialect(engine: .sqlite)
    let inbox: SQLiteInbox?
    private let writer: SQLiteConnection
    private let readers: SQLiteReaderPool
    private let checkpointer: SQLiteConnection
    /// The writer's thread (SQLite calls block it, so the writer has it to itself).
    let writerThread: NIOThreadPool
    /// The writer's thread and the checkpointer's.
    private let threads: [NIOThreadPool]
    private let lock = AsyncLock()
    private let logger: Logger
    static let checkpointInterval = Duration.milliseconds(500)
    /// WAL pages after which a commit checkpoints by itself: the background checkpoints keep
    /// the WAL far below this, so it only applies when `run()` is not running (one-shot commands).
    static let walAutocheckpointPages = 10_000

    /// `durableCommits`: every commit waits for an fsync (`synchronous = FULL`), for a database
    /// whose commits acknowledge something to the outside (the webhook inbox). Otherwise commits
    /// survive a crash of the process but not a power loss (`NORMAL`, with WAL).
    static func open(path: String, readers readerCount: Int = 2, withInbox: Bool = true, durableCommits: Bool = false,
                     logger: Logger) async throws -> SQLiteBackend {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        let writerThread = NIOThreadPool(numberOfThreads: 1)
        let checkpointerThread = NIOThreadPool(numberOfThreads: 1)
        let threads = [writerThread, checkpointerThread]
        for pool in threads { pool.start() }
        func connect(on pool: NIOThreadPool) async throws -> SQLiteConnection {
            try await SQLiteConnection.open(storage: .file(path: path), threadPool: pool, logger: logger,
                                            on: MultiThreadedEventLoopGroup.singleton.any())
        }
        let writer: SQLiteConnection
        let checkpointer: SQLiteConnection
        do {
            writer = try await connect(on: writerThread)
            checkpointer = try await connect(on: checkpointerThread)
        } catch {
            for pool in threads { try? await pool.shutdownGracefully() }
            throw error
        }
        let db = writer.sql(queryLogLevel: nil)
        _ = try await db.raw("PRAGMA journal_mode = WAL").all()
        try await db.raw("PRAGMA busy_timeout = 10000").run()
        try await db.raw("PRAGMA synchronous = \(unsafeRaw: durableCommits ? "FULL" : "NORMAL")").run()
        try await db.raw("PRAGMA foreign_keys = ON").run()
        // Deleted and overwritten content is zeroed, not left in free pages: erased personal data
        // (retention, `DELETE /v1/customers`) must not be readable from the file afterwards.
        try await db.raw("PRAGMA secure_delete = ON").run()
        _ = try await db.raw("PRAGMA wal_autocheckpoint = \(unsafeRaw: String(walAutocheckpointPages))").all()
        try await checkpointer.sql(queryLogLevel: nil).raw("PRAGMA busy_timeout = 10000").run()
        var readers: [SQLiteConnection] = []
        var inbox: SQLiteInbox?
        do {
            for _ in 0..<max(1, readerCount) {
                let reader = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
                readers.append(reader)
                let rdb = reader.sql(queryLogLevel: nil)
                try await rdb.raw("PRAGMA busy_timeout = 10000").run()
                // A read connection never writes: a write through `read` fails loudly instead
                // of committing outside the writer's lock.
                try await rdb.raw("PRAGMA query_only = ON").run()
            }
            if withInbox { inbox = try await SQLiteInbox.open(mainDatabasePath: path, logger: logger) }
        } catch {
            for reader in readers { try? await reader.close() }
            try? await writer.close()
            try? await checkpointer.close()
            for pool in threads { try? await pool.shutdownGracefully() }
            throw error
        }
        return SQLiteBackend(writer: writer, readers: SQLiteReaderPool(readers), checkpointer: checkpointer,
                             writerThread: writerThread, threads: threads, inbox: inbox, logger: logger)
    }

    private init(writer: SQLiteConnection, readers: SQLiteReaderPool, checkpointer: SQLiteConnection, writerThread: NIOThreadPool,
                 threads: [NIOThreadPool], inbox: SQLiteInbox?, logger: Logger) {
        self.inbox = inbox
        self.writerThread = writerThread
        self.writer = writer
        self.readers = readers
        self.checkpointer = checkpointer
        self.threads = threads
        self.logger = logger
    }

    func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await DatabaseTimer.measure("read") {
            // No read transaction around `body`: each statement sees the last commit, as each
            // does on PostgreSQL (`read` there runs without a transaction, READ COMMITTED), so
            // read code already allows for it; a BEGIN and COMMIT would cost two more hops.
            try await readers.withConnection { connection in
                try await body(connection.sql(queryLogLevel: nil))
            }
        }
    }

    func transaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await transaction(priority: .normal, body)
    }

    func transaction<T: Sendable>(priority: WritePriority, _ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let db = writer.sql(queryLogLevel: nil)
        return try await DatabaseTimer.measure("transaction") {
            try await lock.withLock(priority: priority) { try await transactionBody(db, body) }
        }
    }

    /// BEGIN, `body`, COMMIT (ROLLBACK if it throws) on the writer, which the caller holds.
    private func transactionBody<T: Sendable>(_ db: any SQLDatabase, _ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        // A statement of a cancelled task is not run at all (NIOThreadPool drops it), so
        // BEGIN either ran or threw; COMMIT and ROLLBACK must run whatever happens.
        try await db.raw("BEGIN IMMEDIATE").run()
        do {
            let result = try await AuditChain.collecting(db) { try await body(db) }
            try await Self.runEvenIfCancelled(db, "COMMIT")
            return result
        } catch {
            try? await Self.runEvenIfCancelled(db, "ROLLBACK")
            throw error
        }
    }

    /// A transaction with foreign key enforcement off, for a migration that rebuilds tables:
    /// SQLite cannot alter a primary key, so a table is created anew, filled, the old one dropped
    /// and the new one renamed, and references point nowhere in between. The pragma has no effect
    /// inside a transaction, hence around it; `body` checks the foreign keys before it returns.
    func transactionWithoutForeignKeys<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let db = writer.sql(queryLogLevel: nil)
        return try await lock.withLock {
            try await db.raw("PRAGMA foreign_keys = OFF").run()
            do {
                let result = try await transactionBody(db, body)
                try await Self.runEvenIfCancelled(db, "PRAGMA foreign_keys = ON")
                return result
            } catch {
                try? await Self.runEvenIfCancelled(db, "PRAGMA foreign_keys = ON")
                throw error
            }
        }
    }

    /// Ends a transaction from a task that may be cancelled (a request whose client left, a
    /// service shutting down): skipped, it would leave the one writer inside the transaction and
    /// every later BEGIN would fail with "cannot start a transaction within a transaction". The
    /// future-returning `execute` submits the statement to the writer's thread unconditionally
    /// (the async one drops it for a cancelled task), and waiting on a future ignores cancellation.
    private static func runEvenIfCancelled(_ db: any SQLDatabase, _ statement: String) async throws {
        let done: EventLoopFuture<Void> = db.execute(sql: SQLRaw(statement)) { _ in }
        try await done.get()
    }

    /// Checkpoints the WAL (and the inbox's) in the background until the task is cancelled. A
    /// passive checkpoint copies what no reader still needs and never blocks the writer.
    func run() async {
        async let inboxCheckpoints: Void = inbox?.database.run() ?? ()
        await checkpoint()
        await inboxCheckpoints
    }

    /// Copies the whole WAL into the database file and empties it, between transactions (tests
    /// that read the file's bytes, e.g. to prove erased data is gone).
    func checkpointFully() async throws {
        let db = writer.sql(queryLogLevel: nil)
        // A checkpoint running on the background connection makes this one busy: try again.
        for _ in 0..<100 {
            let busy = try await lock.withLock {
                try await db.raw("PRAGMA wal_checkpoint(TRUNCATE)").first()?.decode(column: "busy", as: Int.self) ?? 0
            }
            if busy == 0 { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw StoreError.invalid("the WAL could not be checkpointed: readers kept it busy")
    }

    private func checkpoint() async {
        let db = checkpointer.sql(queryLogLevel: nil)
        while !Task.isCancelled {
            do {
                try await Task.sleep(for: Self.checkpointInterval)
                _ = try await db.raw("PRAGMA wal_checkpoint(PASSIVE)").all()
            } catch is CancellationError {
                return
            } catch {
                logger.warning("WAL checkpoint failed", metadata: ["error": "\(error)"])
            }
        }
    }

    func shutdown() async {
        await inbox?.shutdown()
        await readers.close()
        try? await writer.close()
        try? await checkpointer.close()
        for pool in threads { try? await pool.shutdownGracefully() }
    }
}

/// Read connections handed out one caller at a time; callers wait in order when all are busy.
actor SQLiteReaderPool {
    private var idle: [SQLiteConnection]
    private let all: [SQLiteConnection]
    private var waiters: [CheckedContinuation<SQLiteConnection, Never>] = []

    init(_ connections: [SQLiteConnection]) {
        idle = connections
        all = connections
    }

    nonisolated func withConnection<T: Sendable>(_ body: @Sendable (SQLiteConnection) async throws -> T) async throws -> T {
        let connection = await checkOut()
        do {
            let result = try await body(connection)
            await checkIn(connection)
            return result
        } catch {
            await checkIn(connection)
            throw error
        }
    }

    private func checkOut() async -> SQLiteConnection {
        if let connection = idle.popLast() { return connection }
        return await withCheckedContinuation { waiters.append($0) }
    }

    private func checkIn(_ connection: SQLiteConnection) {
        if waiters.isEmpty {
            idle.append(connection)
        } else {
            waiters.removeFirst().resume(returning: connection)
        }
    }

    func close() async {
        for connection in all { try? await connection.close() }
    }
}
