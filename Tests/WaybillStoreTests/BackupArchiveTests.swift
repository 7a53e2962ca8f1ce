import Foundation
import Testing
import WaybillCore
@testable import WaybillStore

/// The backup file format: what is written is extracted byte for byte, and an archive of another
/// format version, or cut short, is refused before anything is trusted.
@Suite("Backup archive")
struct BackupArchiveTests {
    @Test func filesComeBackByteForByteWithTheirManifest() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let big = Data((0..<1_500_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        try big.write(to: folder.appendingPathComponent("a"))
        try Data("key\n".utf8).write(to: folder.appendingPathComponent("b"))
        let archive = folder.appendingPathComponent("x.backup").path
        try BackupArchive.write([("waybill.sqlite", folder.appendingPathComponent("a").path), ("waybill-secret.key", folder.appendingPathComponent("b").path)],
                                engine: .sqlite, to: archive)
        let out = folder.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let manifest = try BackupArchive.extract(archive, into: out.path)
        #expect(manifest.format == 1 && manifest.engine == "sqlite" && manifest.files.map(\.name) == ["waybill.sqlite", "waybill-secret.key"])
        #expect(try Data(contentsOf: out.appendingPathComponent("waybill.sqlite")) == big)
        #expect(try String(contentsOf: out.appendingPathComponent("waybill-secret.key"), encoding: .utf8) == "key\n")
    }

    @Test func anotherFormatVersionIsRefused() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let manifest = Data(#"{"format":2,"engine":"sqlite","created_at":"2026-12-07T12:00:00Z","files":[]}"#.utf8)
        var archive = try BackupArchive.header(name: "manifest.json", size: manifest.count)
        archive.append(manifest)
        archive.append(Data(count: (512 - manifest.count % 512) % 512 + 1024))
        let path = folder.appendingPathComponent("future.backup").path
        try archive.write(to: URL(fileURLWithPath: path))
        #expect(throws: BackupError.unsupportedFormat(path: path, format: 2)) { try BackupArchive.extract(path, into: folder.path) }
    }

    @Test func anArchiveCutShortIsRefused() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(count: 100_000).write(to: folder.appendingPathComponent("a"))
        let archive = folder.appendingPathComponent("x.backup").path
        try BackupArchive.write([("waybill.sqlite", folder.appendingPathComponent("a").path)], engine: .sqlite, to: archive)
        let whole = try Data(contentsOf: URL(fileURLWithPath: archive))
        try whole.prefix(whole.count / 2).write(to: URL(fileURLWithPath: archive))
        let out = folder.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        #expect(throws: BackupError.self) { try BackupArchive.extract(archive, into: out.path) }
    }

    static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("waybill-archive-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }
}
