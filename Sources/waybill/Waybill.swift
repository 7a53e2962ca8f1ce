import ArgumentParser
import Foundation
import Logging
import WaybillCore
import WaybillServer
import WaybillStore

@main
struct Waybill: AsyncParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "waybill",
        abstract: "Self-hosted order and shipment tracking.",
        discussion: """
            Environment:
              WAYBILL_DATABASE_URL  sqlite:PATH or postgres://USER:PASSWORD@HOST:PORT/DB
                                    (default sqlite:waybill-data/waybill.sqlite)
              WAYBILL_LOG_LEVEL     trace, debug, info, notice, warning, error or critical (default info)
            """,
        version: version,
        subcommands: [Serve.self, Migrate.self, Keys.self, Demo.self, Normalize.self, Detect.self, Import.self, Reprocess.self, Backfill.self, Bench.self, Simulate.self, Version.self]
    )
}

struct Version: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the version of Waybill and of its taxonomy.")

    func run() {
        print("waybill \(Waybill.version) (taxonomy v\(Taxonomy.version))")
    }
}

/// `--database`, shared by every command that touches data.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "sqlite:PATH or postgres://USER:PASSWORD@HOST:PORT/DB.",
        discussion: "Default: $WAYBILL_DATABASE_URL, else sqlite:waybill-data/waybill.sqlite."))
    var database: String?

    func url() throws -> DatabaseURL {
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

enum CommandSupport {
    /// JSON log lines on standard error, at `WAYBILL_LOG_LEVEL` (or `level`).
    static func bootstrapLogging(default level: Logger.Level = .info) -> Logger {
        let configured = ProcessInfo.processInfo.environment["WAYBILL_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? level
        LoggingSystem.bootstrap { JSONLogHandler(label: $0, level: configured) }
        return Logger(label: "waybill")
    }

    /// Opens the store, keeps it running while `body` uses it, then closes it.
    static func withStore<T: Sendable>(_ url: DatabaseURL, logger: Logger, migrate: Bool = true,
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
