import Foundation
import Logging
import PostgresNIO
import WaybillStore

/// A fresh, real database per test: a new SQLite file, or a new PostgreSQL database on the
/// server named by `WAYBILL_TEST_POSTGRES_URL` (PostgreSQL cases are skipped without it).
public enum TestDatabase: String, CaseIterable, CustomStringConvertible, Sendable {
    case sqlite
    case postgres

    public static let postgresURL = ProcessInfo.processInfo.environment["WAYBILL_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }

    /// The engines this run can test.
    public static var available: [TestDatabase] { postgresURL == nil ? [.sqlite] : [.sqlite, .postgres] }

    public static let skipReason =
        "WAYBILL_TEST_POSTGRES_URL is not set, so the PostgreSQL cases are skipped (scripts/start-postgres starts a server)"

    public var description: String { rawValue }

    /// Runs `body` with a store on a database of its own, then drops the database. With
    /// `runStore` false the caller runs the store itself (e.g. inside an application).
    public func withStore<T: Sendable>(
        migrate: Bool = true, runStore: Bool = true, _ body: @Sendable (SQLStore) async throws -> T
    ) async throws -> T {
        try await withStores(1, migrate: migrate, runStore: runStore) { try await body($0[0]) }
    }

    /// Like `withStore`, with `count` stores (connection pools, as separate instances have) on
    /// the same fresh database.
    public func withStores<T: Sendable>(
        _ count: Int, migrate: Bool = true, runStore: Bool = true, _ body: @Sendable ([SQLStore]) async throws -> T
    ) async throws -> T {
        var logger = Logger(label: "test.store")
        logger.logLevel = .error
        let url: DatabaseURL
        let dropDatabase: @Sendable () async throws -> Void
        switch self {
        case .sqlite:
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("waybill-test-\(UUID()).sqlite").path
            url = .sqlite(path: path)
            dropDatabase = {
                for file in DatabaseURL.sqliteFiles(at: path) { try? FileManager.default.removeItem(atPath: file) }
            }
        case .postgres:
            guard let base = Self.postgresURL, case .postgres(var settings) = try DatabaseURL(parsing: base) else {
                throw TestDatabaseError.notConfigured
            }
            let name = "waybill_test_\(UUID().uuidString.prefix(8).lowercased())"
            try await Self.admin(settings) { try await $0.query("CREATE DATABASE \(unescaped: name)") }
            let adminSettings = settings
            settings.database = name
            url = .postgres(settings)
            dropDatabase = { try await Self.admin(adminSettings) { try await $0.query("DROP DATABASE \(unescaped: name) WITH (FORCE)") } }
        }
        var stores: [SQLStore] = []
        for _ in 0..<max(1, count) { stores.append(try await SQLStore.open(url, logger: logger)) }
        let opened = stores
        let result: Result<T, any Error> = await withTaskGroup(of: Void.self) { group in
            if runStore { for store in opened { group.addTask { await store.run() } } }
            defer { group.cancelAll() }
            do {
                if migrate { try await opened[0].migrate() }
                return .success(try await body(opened))
            } catch {
                return .failure(error)
            }
        }
        for store in stores { await store.shutdown() }
        try await dropDatabase()
        return try result.get()
    }

    /// Runs `body` with the URL of a new, empty PostgreSQL database on the server of
    /// `WAYBILL_TEST_POSTGRES_URL` (for processes that open it themselves), then drops it.
    public static func withPostgresDatabase<T: Sendable>(_ body: @Sendable (String) async throws -> T) async throws -> T {
        guard let base = postgresURL, case .postgres(let settings) = try DatabaseURL(parsing: base),
              var components = URLComponents(string: base) else {
            throw TestDatabaseError.notConfigured
        }
        let name = "waybill_test_\(UUID().uuidString.prefix(8).lowercased())"
        try await admin(settings) { try await $0.query("CREATE DATABASE \(unescaped: name)") }
        components.path = "/" + name
        let result: Result<T, any Error>
        do { result = .success(try await body(components.string ?? base)) } catch { result = .failure(error) }
        try await admin(settings) { try await $0.query("DROP DATABASE \(unescaped: name) WITH (FORCE)") }
        return try result.get()
    }

    /// Runs SQL on the server's maintenance database.
    private static func admin(_ settings: DatabaseURL.PostgresSettings, _ body: @Sendable (PostgresClient) async throws -> Void) async throws {
        let client = PostgresClient(configuration: .init(
            host: settings.host, port: settings.port, username: settings.username, password: settings.password,
            database: settings.database, tls: .disable))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            try await body(client)
        }
    }
}

public enum TestDatabaseError: Error {
    case notConfigured
}
