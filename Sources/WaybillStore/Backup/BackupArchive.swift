import Crypto
import Foundation
import WaybillCore

/// A backup file: a POSIX tar (ustar) archive, readable by `tar tf`, whose first member is
/// `manifest.json` (format version, engine, each file's size and SHA-256) followed by the files
/// it lists. Written to a temporary name and renamed, so a failed backup leaves no archive.
public enum BackupArchive {
    static let block = 512
    static let chunk = 1 << 20

    /// Writes `files` (member name, path of its content) to an archive at `path`, mode 0600: it
    /// holds the secret key.
    public static func write(_ files: [(name: String, path: String)], engine: StoreDialect.Engine, to path: String) throws {
        var entries: [BackupManifest.File] = []
        for file in files {
            let (size, digest) = try measure(file.path)
            entries.append(BackupManifest.File(name: file.name, size: size, sha256: digest))
        }
        let manifest = BackupManifest(format: BackupManifest.currentFormat, engine: engine.rawValue,
                                      createdAt: Timestamp.utcString(Date()), files: entries)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let manifestBytes = try encoder.encode(manifest)

        let partial = path + ".partial"
        guard FileManager.default.createFile(atPath: partial, contents: nil, attributes: [.posixPermissions: 0o600]),
              let output = FileHandle(forWritingAtPath: partial) else {
            throw BackupError.io(path: partial, reason: "cannot create the archive")
        }
        do {
            try output.write(contentsOf: header(name: BackupManifest.memberName, size: manifestBytes.count))
            try output.write(contentsOf: manifestBytes)
            try output.write(contentsOf: padding(after: manifestBytes.count))
            for (file, entry) in zip(files, entries) {
                try output.write(contentsOf: header(name: entry.name, size: entry.size))
                guard let input = FileHandle(forReadingAtPath: file.path) else { throw BackupError.io(path: file.path, reason: "cannot read") }
                defer { try? input.close() }
                var copied = 0
                while let data = try input.read(upToCount: chunk), !data.isEmpty, copied < entry.size {
                    let part = data.prefix(entry.size - copied)
                    try output.write(contentsOf: part)
                    copied += part.count
                }
                guard copied == entry.size else { throw BackupError.io(path: file.path, reason: "changed while it was archived") }
                try output.write(contentsOf: padding(after: entry.size))
            }
            try output.write(contentsOf: Data(count: 2 * block))
            try output.synchronize()
            try output.close()
            try? FileManager.default.removeItem(atPath: path)
            try FileManager.default.moveItem(atPath: partial, toPath: path)
        } catch {
            try? output.close()
            try? FileManager.default.removeItem(atPath: partial)
            throw error
        }
    }

    /// Extracts the archive at `path` into `directory` (member names as file names), checking
    /// the format version and every member's size and SHA-256 against the manifest.
    public static func extract(_ path: String, into directory: String) throws -> BackupManifest {
        guard let input = FileHandle(forReadingAtPath: path) else { throw BackupError.io(path: path, reason: "cannot read") }
        defer { try? input.close() }
        guard let (firstName, firstSize) = try nextHeader(input, archive: path), firstName == BackupManifest.memberName else {
            throw BackupError.notAnArchive(path: path, reason: "it does not start with \(BackupManifest.memberName)")
        }
        let manifestData = try readExactly(input, count: firstSize, archive: path, member: firstName)
        try skipPadding(input, after: firstSize)
        guard let manifest = try? JSONDecoder().decode(BackupManifest.self, from: manifestData) else {
            throw BackupError.notAnArchive(path: path, reason: "its manifest cannot be read")
        }
        guard manifest.format == BackupManifest.currentFormat else { throw BackupError.unsupportedFormat(path: path, format: manifest.format) }
        var seen = Set<String>()
        while let (name, size) = try nextHeader(input, archive: path) {
            guard let entry = manifest.files.first(where: { $0.name == name }), !seen.contains(name), !name.contains("/") else {
                throw BackupError.damaged(path: path, member: name, reason: "not listed in the manifest")
            }
            guard size == entry.size else { throw BackupError.damaged(path: path, member: name, reason: "size \(size), manifest \(entry.size)") }
            let target = (directory as NSString).appendingPathComponent(name)
            guard FileManager.default.createFile(atPath: target, contents: nil, attributes: [.posixPermissions: 0o600]),
                  let output = FileHandle(forWritingAtPath: target) else {
                throw BackupError.io(path: target, reason: "cannot create")
            }
            var hash = SHA256()
            var remaining = size
            while remaining > 0 {
                let data = try readExactly(input, count: min(chunk, remaining), archive: path, member: name)
                hash.update(data: data)
                try output.write(contentsOf: data)
                remaining -= data.count
            }
            try output.synchronize()
            try output.close()
            try skipPadding(input, after: size)
            guard Hex.encode(hash.finalize()) == entry.sha256 else { throw BackupError.damaged(path: path, member: name, reason: "checksum mismatch") }
            seen.insert(name)
        }
        if let missing = manifest.files.first(where: { !seen.contains($0.name) }) {
            throw BackupError.damaged(path: path, member: missing.name, reason: "missing from the archive")
        }
        return manifest
    }

    // MARK: Files

    private static func measure(_ path: String) throws -> (size: Int, sha256: String) {
        guard let input = FileHandle(forReadingAtPath: path) else { throw BackupError.io(path: path, reason: "cannot read") }
        defer { try? input.close() }
        var hash = SHA256()
        var size = 0
        while let data = try input.read(upToCount: chunk), !data.isEmpty {
            hash.update(data: data)
            size += data.count
        }
        return (size, Hex.encode(hash.finalize()))
    }

    private static func readExactly(_ input: FileHandle, count: Int, archive: String, member: String) throws -> Data {
        var data = Data()
        while data.count < count, let part = try input.read(upToCount: count - data.count), !part.isEmpty { data.append(part) }
        guard data.count == count else { throw BackupError.damaged(path: archive, member: member, reason: "the archive ends early") }
        return data
    }

    private static func skipPadding(_ input: FileHandle, after size: Int) throws {
        let pad = padding(after: size).count
        if pad > 0 { _ = try input.read(upToCount: pad) }
    }

    private static func padding(after size: Int) -> Data {
        Data(count: (block - size % block) % block)
    }

    // MARK: ustar headers

    static func header(name: String, size: Int) throws -> Data {
        guard name.utf8.count < 100 else { throw BackupError.io(path: name, reason: "member name too long") }
        guard size < 1 << 33 else { throw BackupError.io(path: name, reason: "larger than 8 GiB, the ustar limit") }
        var bytes = [UInt8](repeating: 0, count: block)
        func put(_ text: String, at offset: Int) {
            for (index, byte) in text.utf8.enumerated() { bytes[offset + index] = byte }
        }
        put(name, at: 0)
        put(octal(0o600, width: 7), at: 100)
        put(octal(0, width: 7), at: 108)
        put(octal(0, width: 7), at: 116)
        put(octal(size, width: 11), at: 124)
        put(octal(Int(Date().timeIntervalSince1970), width: 11), at: 136)
        put("        ", at: 148)
        put("0", at: 156)
        put("ustar", at: 257)
        put("00", at: 263)
        let checksum = bytes.reduce(0) { $0 + Int($1) }
        put(octal(checksum, width: 6), at: 148)
        bytes[154] = 0
        bytes[155] = 0x20
        return Data(bytes)
    }

    /// The next member's name and size, nil at the end of the archive.
    private static func nextHeader(_ input: FileHandle, archive: String) throws -> (String, Int)? {
        guard let data = try input.read(upToCount: block), data.count == block else {
            throw BackupError.notAnArchive(path: archive, reason: "it ends without the end-of-archive blocks")
        }
        let bytes = [UInt8](data)
        if bytes.allSatisfy({ $0 == 0 }) { return nil }
        var expected = bytes
        for index in 148..<156 { expected[index] = 0x20 }
        guard let stored = number(bytes[148..<156]), stored == expected.reduce(0, { $0 + Int($1) }) else {
            throw BackupError.notAnArchive(path: archive, reason: "a header's checksum does not match")
        }
        guard let size = number(bytes[124..<136]) else { throw BackupError.notAnArchive(path: archive, reason: "a header's size cannot be read") }
        let name = String(decoding: bytes[0..<100].prefix { $0 != 0 }, as: UTF8.self)
        return (name, size)
    }

    private static func octal(_ value: Int, width: Int) -> String {
        let digits = String(value, radix: 8)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    private static func number(_ field: ArraySlice<UInt8>) -> Int? {
        let text = String(decoding: field.prefix { $0 != 0 }, as: UTF8.self).trimmingCharacters(in: .whitespaces)
        return Int(text, radix: 8)
    }
}
