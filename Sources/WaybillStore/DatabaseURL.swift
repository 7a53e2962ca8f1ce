import Foundation

/// Where the data lives: `sqlite:PATH` (the embedded default) or `postgres://user:pass@host:port/db`.
public enum DatabaseURL: Sendable, Hashable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(PostgresSettings)

    public struct PostgresSettings: Sendable, Hashable {
        public var host: String
        public var port: Int
        public var username: String
        public var password: String?
        public var database: String
        /// `sslmode` of the URL, as libpq reads it (default `prefer`).
        public var sslMode: PostgresSSLMode = .prefer
        /// `sslrootcert` of the URL: the CA certificates (PEM) that `verify-ca` and `verify-full`
        /// trust instead of the system's, and that make `require` verify the chain as libpq does.
        public var sslRootCertificate: String?
    }

    /// The default embedded database, `./waybill-data/waybill.sqlite`.
    public static let defaultSQLite = DatabaseURL.sqlite(path: "waybill-data/waybill.sqlite")

    public init(parsing text: String) throws(StoreError) {
        if text.hasPrefix("sqlite:") {
            var path = String(text.dropFirst("sqlite:".count))
            if path.hasPrefix("//") { path.removeFirst(2) }
            guard !path.isEmpty else { throw .invalidConfiguration("sqlite URL needs a path: sqlite:PATH") }
            self = .sqlite(path: path)
            return
        }
        guard text.hasPrefix("postgres://") || text.hasPrefix("postgresql://"),
              let components = URLComponents(string: text), let host = components.host, !host.isEmpty else {
            throw .invalidConfiguration("database URL must be sqlite:PATH or postgres://USER:PASSWORD@HOST:PORT/DATABASE")
        }
        let database = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        func query(_ name: String) -> String? {
            components.queryItems?.first { $0.name == name }?.value.flatMap { $0.isEmpty ? nil : $0 }
        }
        let sslMode = try query("sslmode").map { text throws(StoreError) in
            guard let mode = PostgresSSLMode(rawValue: text) else {
                throw .invalidConfiguration("sslmode=\(text) is not one of \(PostgresSSLMode.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return mode
        } ?? .prefer
        self = .postgres(PostgresSettings(
            host: host,
            port: components.port ?? 5432,
            username: components.user?.removingPercentEncoding ?? "postgres",
            password: components.password?.removingPercentEncoding,
            database: database.isEmpty ? "postgres" : database,
            sslMode: sslMode,
            sslRootCertificate: query("sslrootcert")
        ))
    }

    /// Every file of the SQLite database at `path`: the database, its WAL and shared memory, and
    /// its webhook inbox's (`PATH-inbox`) three; copy or remove them together.
    public static func sqliteFiles(at path: String) -> [String] {
        let inbox = SQLiteInbox.path(forMainDatabase: path)
        return [path, path + "-wal", path + "-shm", inbox, inbox + "-wal", inbox + "-shm"]
    }

    /// The URL with any password hidden, safe for logs.
    public var description: String {
        switch self {
        case .sqlite(let path): "sqlite:\(path)"
        case .postgres(let settings): "postgres://\(settings.username)@\(settings.host):\(settings.port)/\(settings.database)"
        }
    }
}
