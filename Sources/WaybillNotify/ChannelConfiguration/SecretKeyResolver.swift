import Foundation
import WaybillCore
import WaybillStore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Resolves the installation's `SecretBox` for `waybill serve`:
/// 1. `WAYBILL_SECRET_KEY` (base64 of 32 bytes) when set;
/// 2. on SQLite, the key file `waybill-secret.key` beside the database, generated (mode 0600) at
///    first start: back it up with the database, since the stored credentials need it;
/// 3. on PostgreSQL, nothing: every instance must share one key, so the variable is required and
///    this throws `SecretBoxError.missingKey` saying so.
public enum SecretKeyResolver {
    public static let keyFileName = "waybill-secret.key"

    public static func resolve(database: DatabaseURL,
                               environment: [String: String] = ProcessInfo.processInfo.environment) throws -> SecretBox {
        if let box = try SecretBox.fromEnvironment(environment) { return box }
        switch database {
        case .sqlite(let path):
            let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
            return try loadOrCreate(at: directory.appendingPathComponent(keyFileName).path)
        case .postgres:
            throw SecretBoxError.missingKey("""
                \(SecretBox.environmentVariable) is required with PostgreSQL (all instances must share one key): \
                set it to 32 random bytes in base64, e.g. from `openssl rand -base64 32`
                """)
        }
    }

    /// Reads the key file at `path`, creating it with a fresh key (mode 0600) when there is none.
    public static func loadOrCreate(at path: String) throws -> SecretBox {
        let key = SecretBox.generateKey()
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        if descriptor >= 0 {
            let bytes = Array((key + "\n").utf8)
            let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            fsync(descriptor)
            close(descriptor)
            guard written == bytes.count else { throw SecretBoxError.missingKey("could not write the secret key file \(path)") }
            return try SecretBox(base64Key: key)
        }
        guard errno == EEXIST else {
            throw SecretBoxError.missingKey("could not create the secret key file \(path): \(String(cString: strerror(errno)))")
        }
        return try load(at: path)
    }

    /// Reads the key file at `path`.
    public static func load(at path: String) throws -> SecretBox {
        guard let contents = FileManager.default.contents(atPath: path) else {
            throw SecretBoxError.missingKey("could not read the secret key file \(path)")
        }
        do {
            return try SecretBox(base64Key: String(decoding: contents, as: UTF8.self))
        } catch {
            throw SecretBoxError.invalidKey("\(path): \(error.description)")
        }
    }
}
