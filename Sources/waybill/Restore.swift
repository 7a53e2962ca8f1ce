import ArgumentParser
import Foundation
import WaybillCommandSupport
import WaybillCore
import WaybillNotify
import WaybillStore

struct Restore: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Restore a file written by waybill backup.",
        discussion: """
            The archive is checked first (format version, each file's size and SHA-256); nothing is written unless it is whole. SQLite: the database, its webhook inbox and the key file are written where --database expects them (waybill-secret.key beside the database). PostgreSQL: pg_restore loads the dump into --database, and the secret key is written to --key-file: give it to every instance as WAYBILL_SECRET_KEY.

            An existing database is replaced only with --force (stop waybill serve first).
            """)

    @Argument(help: "The backup file.")
    var file: String

    @OptionGroup var databaseOptions: DatabaseOptions

    @Flag(help: "Replace an existing database (and key file).")
    var force = false

    @Option(name: .customLong("key-file"), help: "PostgreSQL: where to write the backup's secret key (default ./waybill-secret.key).")
    var keyFile: String = SecretKeyResolver.keyFileName

    func run() async throws {
        let logger = CommandSupport.bootstrapLogging(default: .warning)
        let url = try databaseOptions.url()
        guard FileManager.default.fileExists(atPath: file) else { throw BackupError.io(path: file, reason: "no such file") }
        switch url {
        case .sqlite(let path):
            let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let work = try BackupFolder(beside: path)
            defer { work.remove() }
            let manifest = try BackupArchive.extract(file, into: work.url.path)
            guard manifest.engine == StoreDialect.Engine.sqlite.rawValue else { throw BackupError.wrongEngine(archive: manifest.engine, database: "\(url)") }
            let key = directory.appendingPathComponent(SecretKeyResolver.keyFileName).path
            let targets = [BackupManifest.Member.database: path,
                           BackupManifest.Member.inbox: SQLiteSnapshot.inboxPath(forMainDatabase: path),
                           BackupManifest.Member.key: key]
            let existing = (DatabaseURL.sqliteFiles(at: path) + [key]).filter { FileManager.default.fileExists(atPath: $0) }
            guard existing.isEmpty || force else { throw BackupError.wouldOverwrite(existing) }
            for file in existing { try FileManager.default.removeItem(atPath: file) }
            for member in manifest.files {
                guard let target = targets[member.name] else { continue }
                try FileManager.default.moveItem(atPath: work.path(member.name), toPath: target)
            }
            print("restored \(file) (taken \(manifest.createdAt)) to \(url): \(manifest.files.map(\.name).joined(separator: ", "))")
        case .postgres(let settings):
            let work = try BackupFolder(beside: keyFile)
            defer { work.remove() }
            let manifest = try BackupArchive.extract(file, into: work.url.path)
            guard manifest.engine == StoreDialect.Engine.postgres.rawValue else { throw BackupError.wrongEngine(archive: manifest.engine, database: "\(url)") }
            let hasKey = manifest.files.contains { $0.name == BackupManifest.Member.key }
            if !force {
                let version = try await CommandSupport.withStore(url, logger: logger, migrate: false) { store in (try? await store.schemaVersion()) ?? 0 }
                var existing = version > 0 ? ["Waybill database \(url)"] : []
                if hasKey && FileManager.default.fileExists(atPath: keyFile) { existing.append(keyFile) }
                guard existing.isEmpty else { throw BackupError.wouldOverwrite(existing) }
            }
            try PostgresDump.restore(settings, from: work.path(BackupManifest.Member.postgresDump), replacing: force)
            print("restored \(file) (taken \(manifest.createdAt)) to \(url)")
            if hasKey {
                try? FileManager.default.removeItem(atPath: keyFile)
                try FileManager.default.moveItem(atPath: work.path(BackupManifest.Member.key), toPath: keyFile)
                print("the secret key is in \(keyFile) (mode 0600): set \(SecretBox.environmentVariable)=\"$(cat \(keyFile))\" for every instance")
            }
        }
    }
}
