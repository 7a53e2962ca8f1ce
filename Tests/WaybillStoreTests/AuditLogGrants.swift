import Foundation
import SQLKit
import Testing
@testable import WaybillStore
import WaybillTestSupport

/// docs/security.md's PostgreSQL grants for the audit log, on a new database: `audit_log` owned
/// by a role of its own, the application's role reading and inserting it only (it keeps every
/// other right). `body` gets the migrated store of the server's superuser and the application's.
enum AuditLogGrants {
    static func withStores(_ body: @Sendable (_ admin: SQLStore, _ app: SQLStore) async throws -> Void) async throws {
        try await TestDatabase.withPostgresDatabase { url in
            let suffix = UUID().uuidString.prefix(8).lowercased()
            let (owner, app) = ("waybill_audit_owner_\(suffix)", "waybill_app_\(suffix)")
            let admin = try await SQLStore.open(try DatabaseURL(parsing: url))
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await admin.run() }
                defer { group.cancelAll() }
                try await admin.migrate()
                try await run(admin, [
                    "CREATE ROLE \(owner) NOLOGIN", "CREATE ROLE \(app) LOGIN PASSWORD 'app'",
                    "GRANT USAGE ON SCHEMA public TO \(app)",
                    "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO \(app)",
                    "GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO \(app)",
                    // The statements of docs/security.md:
                    "ALTER TABLE audit_log OWNER TO \(owner)",
                    "REVOKE ALL ON audit_log FROM \(app)",
                    "GRANT SELECT, INSERT ON audit_log TO \(app)",
                ])
                var components = try #require(URLComponents(string: url))
                (components.user, components.password) = (app, "app")
                let store = try await SQLStore.open(try DatabaseURL(parsing: try #require(components.string)))
                group.addTask { await store.run() }
                let result = await Result { try await body(admin, store) }
                await store.shutdown()
                try await run(admin, ["DROP OWNED BY \(app), \(owner) CASCADE"])
                try await run(admin, ["DROP ROLE \(app)", "DROP ROLE \(owner)"])
                await admin.shutdown()
                try result.get()
            }
        }
    }

    private static func run(_ store: SQLStore, _ statements: [String]) async throws {
        try await store.backend.transaction { db in
            for statement in statements { try await db.raw("\(unsafeRaw: statement)").run() }
        }
    }
}

extension Result where Failure == any Error {
    init(catching body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}
