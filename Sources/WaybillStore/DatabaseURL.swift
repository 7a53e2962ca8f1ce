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
        /// `require` enforces TLS; anything else (the default `disable`) connects in plain text.
        public var requireTLS: Bool
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
        let sslMode = components.queryItems?.first { $0.name == "sslmode" }?.value ?? "disable"
        self = .postgres(PostgresSettings(
            host: host,
            port: components.port ?? 5432,
            username: components.user?.removingPercentEncoding ?? "postgres",
            password: components.password?.removingPercentEncoding,
            database: database.isEmpty ? "postgres" : database,
            requireTLS: sslMode == "require" || sslMode == "verify-full"
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
