import Foundation
import Logging
import SQLKit
import SQLiteKit

/// A consistent copy of a SQLite database file taken while `waybill serve` keeps writing to it:
/// `VACUUM INTO` reads the database in one read transaction (WAL included) and writes a compact
/// copy, without holding the writer.
public enum SQLiteSnapshot {
    public static func copy(_ source: String, to destination: String, logger: Logger) async throws {
        guard FileManager.default.fileExists(atPath: source) else { throw BackupError.noDatabase(source) }
        let connection = try await SQLiteConnection.open(storage: .file(path: source), logger: logger)
        do {
            let db = connection.sql(queryLogLevel: nil)
            try await db.raw("PRAGMA busy_timeout = 10000").run()
            try await db.raw("VACUUM INTO \(bind: destination)").run()
            try await connection.close()
        } catch {
            try? await connection.close()
            throw BackupError.io(path: source, reason: "could not copy the database: \(error)")
        }
    }

    /// The webhook inbox file of the main database at `path` (acknowledged bodies not yet moved).
    public static func inboxPath(forMainDatabase path: String) -> String {
        SQLiteInbox.path(forMainDatabase: path)
    }
}
