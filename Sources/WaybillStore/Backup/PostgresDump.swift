import Foundation

/// A PostgreSQL database's backup through the PostgreSQL client programs (`pg_dump` in its
/// custom format, `pg_restore`), run with the connection in `PG*` variables so the password is
/// never on a command line.
public enum PostgresDump {
    static let hint = """
        install the PostgreSQL client programs of the server's major version (e.g. apt-get install postgresql-client), \
        or back up by hand: pg_dump --format=custom --no-owner --file=waybill.pgdump, and keep WAYBILL_SECRET_KEY with it \
        (restore with pg_restore --no-owner --dbname=...)
        """

    public static func dump(_ settings: DatabaseURL.PostgresSettings, to file: String) throws {
        try run("pg_dump", ["--format=custom", "--no-owner", "--file=\(file)"], settings: settings)
    }

    /// `replacing`: drop the objects the dump holds before creating them again.
    public static func restore(_ settings: DatabaseURL.PostgresSettings, from file: String, replacing: Bool) throws {
        try run("pg_restore", ["--no-owner", "--exit-on-error", "--single-transaction"]
                + (replacing ? ["--clean", "--if-exists"] : []) + ["--dbname=\(settings.database)", file], settings: settings)
    }

    static func run(_ name: String, _ arguments: [String], settings: DatabaseURL.PostgresSettings) throws {
        guard let program = locate(name) else { throw BackupError.missingProgram(name: name, hint: hint) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["PGHOST"] = settings.host
        environment["PGPORT"] = "\(settings.port)"
        environment["PGUSER"] = settings.username
        environment["PGDATABASE"] = settings.database
        environment["PGSSLMODE"] = settings.sslMode.rawValue
        if let rootCertificate = settings.sslRootCertificate { environment["PGSSLROOTCERT"] = rootCertificate }
        if let password = settings.password { environment["PGPASSWORD"] = password }
        process.environment = environment
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw BackupError.programFailed(name: name, status: -1, output: "\(error)")
        }
        let output = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BackupError.programFailed(name: name, status: process.terminationStatus,
                                            output: String(decoding: output.prefix(2000), as: UTF8.self))
        }
    }

    static func locate(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
