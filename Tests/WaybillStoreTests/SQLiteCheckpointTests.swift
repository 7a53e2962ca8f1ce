import Foundation
import Logging
import SQLKit
import Testing
@testable import WaybillStore

/// While a SQLite store runs, committed pages are copied from the WAL into the database file
/// in the background, not by whichever commit fills the WAL (a webhook acknowledgement's).
@Suite("SQLite checkpoints in the background")
struct SQLiteCheckpointTests {
    /// Whether the database file alone (without its WAL) holds the tenant.
    static func databaseFileHolds(tenantID: String, path: String, in directory: URL) async throws -> Bool {
        let copy = directory.appendingPathComponent("copy-\(UUID()).sqlite").path
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        let store = try await SQLStore.open(.sqlite(path: copy), logger: Logger(label: "test.copy"))
        let found = (try? await store.backend.read { db in
            try await db.raw("SELECT id FROM tenants WHERE id = \(bind: tenantID)").first() != nil
        }) ?? false
        await store.shutdown()
        return found
    }

    @Test func committedPagesReachTheDatabaseFileWhileTheStoreRuns() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("waybill-checkpoint-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("waybill.sqlite").path
        let store = try await SQLStore.open(.sqlite(path: path), logger: Logger(label: "test.store"))
        try await store.migrate()
        let tenant = try await store.ensureTenant(named: "acme")
        #expect(try await !Self.databaseFileHolds(tenantID: tenant.id, path: path, in: directory),
                "a commit does not checkpoint a small WAL by itself")

        let running = Task { await store.run() }
        var checkpointed = false
        for _ in 0..<50 where !checkpointed {
            try await Task.sleep(for: .milliseconds(100))
            checkpointed = try await Self.databaseFileHolds(tenantID: tenant.id, path: path, in: directory)
        }
        running.cancel()
        await running.value
        await store.shutdown()
        #expect(checkpointed, "the background checkpoint copied the commit into the database file")
    }
}
