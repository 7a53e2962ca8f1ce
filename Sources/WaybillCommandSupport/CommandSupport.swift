import ArgumentParser
import Foundation
import Logging
import OTel
import WaybillServer
import WaybillStore

/// `--database`, shared by every command that touches data.
public struct DatabaseOptions: ParsableArguments, Sendable {
    public init() {}

    @Option(name: .long, help: ArgumentHelp(
        "sqlite:PATH or postgres://USER:PASSWORD@HOST:PORT/DB.",
        discussion: "Default: $WAYBILL_DATABASE_URL, else sqlite:waybill-data/waybill.sqlite. PostgreSQL TLS as libpq: ?sslmode=disable, prefer (the default), require, verify-ca or verify-full, and &sslrootcert=FILE for the CA to trust."))
    public var database: String?

    public func url() throws -> DatabaseURL {
        if let text = database ?? ProcessInfo.processInfo.environment["WAYBILL_DATABASE_URL"], !text.isEmpty {
            do {
                return try DatabaseURL(parsing: text)
            } catch {
                throw ValidationError("\(error)")
            }
        }
        return .defaultSQLite
    }
}

public enum CommandSupport {
    /// JSON log lines on standard error, at `WAYBILL_LOG_LEVEL` (or `level`); lines written inside
    /// a traced span carry its `trace_id` and `span_id`.
    public static func bootstrapLogging(default level: Logger.Level = .info) -> Logger {
        let configured = ProcessInfo.processInfo.environment["WAYBILL_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? level
        LoggingSystem.bootstrap({ JSONLogHandler(label: $0, level: configured, metadataProvider: $1) },
                                metadataProvider: OTel.makeLoggingMetadataProvider())
        return Logger(label: "waybill")
    }

    /// Opens the store, keeps it running while `body` uses it, then closes it.
    public static func withStore<T: Sendable>(_ url: DatabaseURL, logger: Logger, migrate: Bool = true,
                                       _ body: @Sendable (any Store) async throws -> T) async throws -> T {
        let store = try await SQLStore.open(url, logger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await store.run() }
            do {
                if migrate { try await store.migrate() }
                let result = try await body(store)
                group.cancelAll()
                await store.shutdown()
                return result
            } catch {
                group.cancelAll()
                await store.shutdown()
                throw error
            }
        }
    }
}
