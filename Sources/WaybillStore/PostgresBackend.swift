import Logging
import PostgresKit
import PostgresNIO
import SQLKit

/// The server engine: a `PostgresClient` pool, which must be running (`run()`) to serve queries.
final class PostgresBackend: DatabaseBackend {
    let dialect = StoreDialect(engine: .postgres)
    private let client: PostgresClient
    private let logger: Logger

    /// The pool on `settings`; with an `sslmode` that requires TLS, after one connection showed
    /// that the server's certificate is accepted.
    static func open(settings: DatabaseURL.PostgresSettings, logger: Logger) async throws(StoreError) -> PostgresBackend {
        let tls = try settings.tlsNegotiation()
        if let tls, tls.required { try await PostgresTLSCheck.run(settings, tls: tls.configuration, logger: logger) }
        return PostgresBackend(settings: settings, tls: tls, logger: logger)
    }

    private init(settings: DatabaseURL.PostgresSettings, tls: PostgresTLSNegotiation?, logger: Logger) {
        var configuration = PostgresClient.Configuration(
            host: settings.host,
            port: settings.port,
            username: settings.username,
            password: settings.password,
            database: settings.database,
            tls: tls.map { $0.required ? .require($0.configuration) : .prefer($0.configuration) } ?? .disable
        )
        configuration.options.maximumConnections = 20
        self.client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.logger = logger
    }

    func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await DatabaseTimer.measure("read") {
            try await client.withConnection { connection in
                try await body(connection.sql(queryLogLevel: nil))
            }
        }
    }

    func transaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        do {
            return try await DatabaseTimer.measure("transaction") {
                try await client.withTransaction(logger: logger) { connection in
                    let db = connection.sql(queryLogLevel: nil)
                    return try await AuditChain.collecting(db) { try await body(db) }
                }
            }
        } catch let error as PostgresTransactionError {
            // Surface the caller's own error (e.g. StoreError.notFound) rather than the wrapper.
            if let closureError = error.closureError, error.rollbackError == nil { throw closureError }
            throw error
        }
    }

    func run() async {
        await client.run()
    }

    func shutdown() async {}
}
