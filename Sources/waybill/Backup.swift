import ArgumentParser
import Foundation
import WaybillCommandSupport
import WaybillCore
import WaybillNotify
import WaybillStore

struct Backup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Back up a database with its webhook inbox and its secret key, into one file.",
        discussion: """
            SQLite: a consistent copy (taken while waybill serve runs and takes webhooks) of the database, of its webhook inbox (PATH-inbox) and of the secret key (WAYBILL_SECRET_KEY, else waybill-secret.key beside the database). PostgreSQL: a pg_dump of the database (the PostgreSQL client programs must be installed) and WAYBILL_SECRET_KEY.

            The file is a tar archive whose manifest.json lists each file's size and SHA-256. It holds the secret key: keep it as private as the database. Restore it with waybill restore.
            """)

    @OptionGroup var databaseOptions: DatabaseOptions

    @Argument(help: "The backup file to write.")
    var file: String

    func run() async throws {
        let logger = CommandSupport.bootstrapLogging(default: .warning)
        let url = try databaseOptions.url()
        let work = try BackupFolder(beside: file)
        defer { work.remove() }
        var members: [(name: String, path: String)] = []
        let engine: StoreDialect.Engine
        switch url {
        case .sqlite(let path):
            engine = .sqlite
            guard FileManager.default.fileExists(atPath: path) else { throw BackupError.noDatabase(path) }
            // The inbox before the database: a body moved out of the inbox after its copy is
            // then in the database's copy, so every body acknowledged before the backup is kept.
            let inbox = SQLiteSnapshot.inboxPath(forMainDatabase: path)
            if FileManager.default.fileExists(atPath: inbox) {
                let copy = work.path(BackupManifest.Member.inbox)
                try await SQLiteSnapshot.copy(inbox, to: copy, logger: logger)
                members.append((BackupManifest.Member.inbox, copy))
            }
            let copy = work.path(BackupManifest.Member.database)
            try await SQLiteSnapshot.copy(path, to: copy, logger: logger)
            members.append((BackupManifest.Member.database, copy))
            let keyFile = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(SecretKeyResolver.keyFileName).path
            if let key = try Self.keyMaterial(keyFile: keyFile) {
                members.append((BackupManifest.Member.key, try work.write(BackupManifest.Member.key, key)))
            }
        case .postgres(let settings):
            engine = .postgres
            let dump = work.path(BackupManifest.Member.postgresDump)
            try PostgresDump.dump(settings, to: dump)
            members.append((BackupManifest.Member.postgresDump, dump))
            if let key = try Self.keyMaterial(keyFile: nil) {
                members.append((BackupManifest.Member.key, try work.write(BackupManifest.Member.key, key)))
            }
        }
        try BackupArchive.write(members, engine: engine, to: file)
        let hasKey = members.contains { $0.name == BackupManifest.Member.key }
        print("backed up \(url) to \(file): \(members.map(\.name).joined(separator: ", "))")
        print(hasKey ? "the file holds the secret key: keep it as private as the database"
                     : "no secret key was found (\(SecretBox.environmentVariable) is unset and there is no key file): the backup has none")
    }

    /// The installation's key as `waybill serve` finds it: the variable, else the key file.
    static func keyMaterial(keyFile: String?) throws -> Data? {
        if let value = ProcessInfo.processInfo.environment[SecretBox.environmentVariable], !value.trimmed.isEmpty {
            _ = try SecretBox(base64Key: value)
            return Data((value.trimmed + "\n").utf8)
        }
        guard let keyFile, FileManager.default.fileExists(atPath: keyFile) else { return nil }
        _ = try SecretKeyResolver.load(at: keyFile)
        return FileManager.default.contents(atPath: keyFile)
    }
}
