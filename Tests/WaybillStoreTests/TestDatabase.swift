import Foundation
import Logging
import PostgresNIO
import Testing
import WaybillStore

/// A fresh, real database per test: a new SQLite file, or a new PostgreSQL database on the
/// server named by `WAYBILL_TEST_POSTGRES_URL` (PostgreSQL cases are skipped without it).
enum TestDatabase: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite
    case postgres

    static let postgresURL = ProcessInfo.processInfo.environment["WAYBILL_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }

    /// The engines this run can test.
    static var available: [TestDatabase] { postgresURL == nil ? [.sqlite] : [.sqlite, .postgres] }

    static let skipReason: Comment = "WAYBILL_TEST_POSTGRES_URL is not set, so the PostgreSQL cases are skipped (scripts/start-postgres starts a server)"

    var testDescription: String { rawValue }

    /// Runs `body` with a migrated store on a database of its own, then drops the database.
    func withStore<T: Sendable>(migrate: Bool = true, _ body: @Sendable (SQLStore) async throws -> T) async throws -> T {
        var logger = Logger(label: "test.store")
        logger.logLevel = .error
        let url: DatabaseURL
        var dropDatabase: (@Sendable () async throws -> Void)?
        switch self {
        case .sqlite:
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("waybill-test-\(UUID()).sqlite").path
            url = .sqlite(path: path)
            dropDatabase = {
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            }
        case .postgres:
            guard let base = Self.postgresURL else { throw TestDatabaseError.notConfigured }
            let name = "waybill_test_\(UUID().uuidString.prefix(8).lowercased())"
            try await Self.admin(base) { try await $0.query("CREATE DATABASE \(unescaped: name)") }
            guard case .postgres(var settings) = try DatabaseURL(parsing: base) else { throw TestDatabaseError.notConfigured }
            settings.database = name
            url = .postgres(settings)
            dropDatabase = { try await Self.admin(base) { try await $0.query("DROP DATABASE \(unescaped: name) WITH (FORCE)") } }
        }
        let store = try await SQLStore.open(url, logger: logger)
        let result: Result<T, any Error> = await withTaskGroup(of: Void.self) { group in
            group.addTask { await store.run() }
            defer { group.cancelAll() }
            do {
                if migrate { try await store.migrate() }
                return .success(try await body(store))
            } catch {
                return .failure(error)
            }
        }
        await store.shutdown()
        try await dropDatabase?()
        return try result.get()
    }

    /// Runs SQL on the server's maintenance database.
    private static func admin(_ url: String, _ body: @Sendable (PostgresClient) async throws -> Void) async throws {
        guard case .postgres(let settings) = try DatabaseURL(parsing: url) else { throw TestDatabaseError.notConfigured }
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

enum TestDatabaseError: Error {
    case notConfigured
}

@Test(.enabled(if: TestDatabase.postgresURL != nil, TestDatabase.skipReason))
func postgresConformanceCasesAreEnabled() {
    #expect(TestDatabase.available.contains(.postgres))
}
