import Foundation
import WaybillStore

/// A scratch folder beside a backup or a restored database (same file system, so files move in
/// by renaming), removed afterwards.
struct BackupFolder {
    let url: URL

    init(beside file: String) throws {
        let directory = URL(fileURLWithPath: file).deletingLastPathComponent()
        url = directory.appendingPathComponent(".waybill-backup-\(UUID().uuidString.prefix(8))")
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw BackupError.io(path: url.path, reason: "cannot create a scratch folder: \(error.localizedDescription)")
        }
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    func write(_ name: String, _ data: Data) throws -> String {
        let target = path(name)
        guard FileManager.default.createFile(atPath: target, contents: data, attributes: [.posixPermissions: 0o600]) else {
            throw BackupError.io(path: target, reason: "cannot write")
        }
        return target
    }

    func remove() { try? FileManager.default.removeItem(at: url) }
}
