import ArgumentParser
import Foundation
import Hummingbird
import WaybillServer
import WaybillStore

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the Waybill server (migrations run first).",
        discussion: """
            Environment:
              WAYBILL_DATABASE_URL  the database (see --database)
              WAYBILL_HOST          address to listen on (default 127.0.0.1; 0.0.0.0 for all interfaces)
              WAYBILL_PORT          port to listen on (default 8080)
              WAYBILL_PUBLIC_URL    base URL of customer tracking links (default http://HOST:PORT)
              WAYBILL_LOG_LEVEL     log level (default info)
            """)

    @OptionGroup var databaseOptions: DatabaseOptions

    @Option(help: "Port to listen on (default $WAYBILL_PORT, else 8080).")
    var port: Int?

    @Option(help: "Address to listen on (default $WAYBILL_HOST, else 127.0.0.1).")
    var host: String?

    @Option(name: .customLong("public-url"), help: "Base URL of customer tracking links (default $WAYBILL_PUBLIC_URL).")
    var publicURL: String?

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let logger = CommandSupport.bootstrapLogging()
        let url = try databaseOptions.url()
        guard let port = port ?? environment["WAYBILL_PORT"].flatMap(Int.init) ?? Optional(8080), (0...65535).contains(port) else {
            throw ValidationError("WAYBILL_PORT must be a port number")
        }
        let configuration = ServerConfiguration(
            host: host ?? environment["WAYBILL_HOST"] ?? "127.0.0.1", port: port,
            publicBaseURL: publicURL ?? environment["WAYBILL_PUBLIC_URL"])
        let store = try await SQLStore.open(url, logger: logger)
        logger.info("starting", metadata: ["database": "\(url)", "port": "\(port)"])
        let app = buildApplication(store: store, configuration: configuration, logger: logger)
        try await CommandSupport.serve(app, store: store)
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply pending database migrations and exit.")

    @OptionGroup var databaseOptions: DatabaseOptions

    func run() async throws {
        let logger = CommandSupport.bootstrapLogging(default: .warning)
        let url = try databaseOptions.url()
        let (applied, version) = try await CommandSupport.withStore(url, logger: logger, migrate: false) { store in
            (try await store.migrate(), try await store.schemaVersion())
        }
        print(applied.isEmpty
              ? "\(url): schema is up to date at version \(version)"
              : "\(url): applied migrations \(applied.map(String.init).joined(separator: ", ")); schema at version \(version)")
    }
}
