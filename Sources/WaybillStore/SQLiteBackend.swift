import Foundation
import Logging
import NIOCore
import NIOPosix
import SQLKit
import SQLiteKit

/// The embedded engine: one connection to one file, owned here and used by one transaction at a
/// time (WAL journal, so readers of the file from other processes are not blocked).
final class SQLiteBackend: DatabaseBackend {
    let dialect = StoreDialect(engine: .sqlite)
    private let connection: SQLiteConnection
    private let lock = AsyncLock()

    static func open(path: String, logger: Logger) async throws -> SQLiteBackend {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        let connection = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
        let backend = SQLiteBackend(connection: connection)
        let db = connection.sql(queryLogLevel: nil)
        _ = try await db.raw("PRAGMA journal_mode = WAL").all()
        try await db.raw("PRAGMA busy_timeout = 10000").run()
        try await db.raw("PRAGMA synchronous = NORMAL").run()
        try await db.raw("PRAGMA foreign_keys = ON").run()
        return backend
    }

    private init(connection: SQLiteConnection) {
        self.connection = connection
    }

    func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let db = connection.sql(queryLogLevel: nil)
        return try await DatabaseTimer.measure("read") {
            try await lock.withLock { try await body(db) }
        }
    }

    func transaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let db = connection.sql(queryLogLevel: nil)
        return try await DatabaseTimer.measure("transaction") {
            try await transactionLocked(db, body)
        }
    }

    private func transactionLocked<T: Sendable>(_ db: any SQLDatabase, _ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await lock.withLock {
            try await db.raw("BEGIN IMMEDIATE").run()
            do {
                let result = try await body(db)
                try await db.raw("COMMIT").run()
                return result
            } catch {
                try? await db.raw("ROLLBACK").run()
                throw error
            }
        }
    }

    func run() async {
        while !Task.isCancelled {
            try? await Task.sleep(for: .seconds(3600))
        }
    }

    func shutdown() async {
        try? await connection.close()
    }
}
