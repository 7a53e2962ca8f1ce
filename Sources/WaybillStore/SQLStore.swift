import Crypto
import Foundation
import Logging
import SQLKit
import WaybillCore

/// The one implementation of `Store`, written once in SQLKit for SQLite and PostgreSQL.
public final class SQLStore: Store {
    let backend: any DatabaseBackend
    let logger: Logger
    /// This store's process among the instances sharing the database: the jobs it claims name it,
    /// and its heartbeat (`InstanceHeartbeat`) tells the others it is alive.
    public let instanceID = "instance-" + UUID().uuidString.lowercased()

    public var engine: StoreDialect.Engine { backend.dialect.engine }
    var dialect: StoreDialect { backend.dialect }

    init(backend: any DatabaseBackend, logger: Logger) {
        self.backend = backend
        self.logger = logger
    }

    /// Opens the database at `url`. For PostgreSQL, `run()` must be running before queries return.
    public static func open(_ url: DatabaseURL, logger: Logger = Logger(label: "waybill.store")) async throws -> SQLStore {
        switch url {
        case .sqlite(let path):
            return SQLStore(backend: try await SQLiteBackend.open(path: path, logger: logger), logger: logger)
        case .postgres(let settings):
            return SQLStore(backend: try await PostgresBackend.open(settings: settings, logger: logger), logger: logger)
        }
    }

    public func run() async {
        await backend.run()
    }

    public func shutdown() async {
        await backend.shutdown()
    }

    // MARK: Schema and health

    @discardableResult
    public func migrate() async throws -> [Int] {
        try await migrate(through: Int.max)
    }

    /// Applies the migrations up to and including `version` (tests upgrade a database from an older schema).
    @discardableResult
    func migrate(through version: Int) async throws -> [Int] {
        try await backend.transaction { db in
            try await db.raw("""
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version \(unsafeRaw: self.dialect.bigint) PRIMARY KEY,
                    name TEXT NOT NULL,
                    applied_at TEXT NOT NULL
                )
                """).run()
        }
        var applied: [Int] = []
        for migration in Migration.all where migration.version <= version {
            let apply: @Sendable (any SQLDatabase) async throws -> Bool = { db in
                if let lock = self.dialect.migrationLock { try await db.raw("\(unsafeRaw: lock)").run() }
                let existing = try await db.raw("SELECT version FROM schema_migrations WHERE version = \(bind: migration.version)").all()
                guard existing.isEmpty else { return false }
                for statement in migration.statements(self.dialect) {
                    try await db.raw("\(unsafeRaw: statement)").run()
                }
                try await migration.afterStatements?(db)
                if migration.rebuildsTables { try await Self.checkForeignKeys(db, dialect: self.dialect) }
                try await db.raw("""
                    INSERT INTO schema_migrations (version, name, applied_at)
                    VALUES (\(bind: migration.version), \(bind: migration.name), \(bind: Column.time(Date())))
                    """).run()
                return true
            }
            let ran = try await Self.retryingDeadlocks {
                migration.rebuildsTables
                    ? try await self.backend.transactionWithoutForeignKeys(apply) : try await self.backend.transaction(apply)
            }
            if ran {
                applied.append(migration.version)
                logger.info("migration applied", metadata: ["version": "\(migration.version)", "name": "\(migration.name)"])
            }
        }
        return applied
    }

    /// Runs a migration again when PostgreSQL chose it as the victim of a deadlock: the server's
    /// workers start beside the migration and may hold a table it rebuilds while waiting for one
    /// it holds. The rolled-back migration left nothing behind, so running it again is safe.
    private static func retryingDeadlocks<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        var attempt = 1
        while true {
            do {
                return try await body()
            } catch where ErrorText.isDeadlock(error) && attempt < 5 {
                attempt += 1
                try await Task.sleep(for: .milliseconds(100 * attempt))
            }
        }
    }

    /// Fails if a row references a row that does not exist (SQLite, after a rebuild with foreign
    /// keys off; PostgreSQL checked each statement already).
    private static func checkForeignKeys(_ db: any SQLDatabase, dialect: StoreDialect) async throws {
        guard dialect.engine == .sqlite else { return }
        let violations = try await db.raw("PRAGMA foreign_key_check").all()
        if let first = violations.first {
            let table = (try? first.decode(column: "table", as: String.self)) ?? "?"
            let parent = (try? first.decode(column: "parent", as: String.self)) ?? "?"
            throw StoreError.corrupt("\(violations.count) rows violate foreign keys (first: \(table) references a missing \(parent) row)")
        }
    }

    public func schemaVersion() async throws -> Int {
        try await backend.read { db in
            let row = try await db.raw("SELECT MAX(version) AS version FROM schema_migrations").first()
            return try row?.decode(column: "version", as: Int?.self) ?? 0
        }
    }

    public func checkReady() async throws {
        let version: Int
        do {
            version = try await schemaVersion()
        } catch {
            throw StoreError.migrationsPending(applied: 0, expected: Migration.all.last?.version ?? 0)
        }
        let expected = Migration.all.last?.version ?? 0
        guard version >= expected else { throw StoreError.migrationsPending(applied: version, expected: expected) }
    }

    // MARK: Tenants

    public func tenant(named name: String) async throws -> Tenant? {
        try await backend.read { db in
            try await db.raw("SELECT id, name, created_at FROM tenants WHERE name = \(bind: name)").first().map(Self.tenant)
        }
    }

    public func tenants() async throws -> [Tenant] {
        try await backend.read { db in
            try await db.raw("SELECT id, name, created_at FROM tenants ORDER BY name").all().map(Self.tenant)
        }
    }

    public func ensureTenant(named name: String) async throws -> Tenant {
        let trimmed = name.trimmed
        guard !trimmed.isEmpty, trimmed.count <= 100 else { throw StoreError.invalid("tenant name must be 1 to 100 characters") }
        return try await backend.transaction { db in
            let now = Date()
            try await db.raw("""
                INSERT INTO tenants (id, name, created_at)
                VALUES (\(bind: Identifier.make(.tenant)), \(bind: trimmed), \(bind: Column.time(now)))
                ON CONFLICT (name) DO NOTHING
                """).run()
            guard let row = try await db.raw("SELECT id, name, created_at FROM tenants WHERE name = \(bind: trimmed)").first() else {
                throw StoreError.notFound(kind: "tenant", id: trimmed)
            }
            return try Self.tenant(row)
        }
    }

    static func tenant(_ row: any SQLRow) throws -> Tenant {
        Tenant(id: try row.text("id"), name: try row.text("name"), createdAt: try row.date("created_at"))
    }

    // MARK: Idempotency

    public func idempotentResponse(tenantID: String, key: String) async throws -> StoredResponse? {
        try await backend.read { db in
            guard let row = try await db.raw("""
                SELECT request_hash, status_code, response_body FROM idempotency_keys
                WHERE tenant_id = \(bind: tenantID) AND key = \(bind: key)
                """).first() else { return nil }
            return StoredResponse(requestHash: try row.text("request_hash"), statusCode: try row.int("status_code"),
                                  body: try row.text("response_body"))
        }
    }

    public func saveIdempotentResponse(tenantID: String, key: String, response: StoredResponse) async throws {
        try await backend.transaction { db in
            try await db.raw("""
                INSERT INTO idempotency_keys (tenant_id, key, request_hash, status_code, response_body, created_at)
                VALUES (\(bind: tenantID), \(bind: key), \(bind: response.requestHash), \(bind: response.statusCode),
                        \(bind: response.body), \(bind: Column.time(Date())))
                ON CONFLICT (tenant_id, key) DO NOTHING
                """).run()
        }
    }
}

extension SHA256 {
    static func hex(_ data: Data) -> String { Hex.encode(SHA256.hash(data: data)) }
}
