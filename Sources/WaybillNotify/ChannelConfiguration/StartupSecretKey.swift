import Foundation
import WaybillCore
import WaybillStore

/// The key `waybill serve` starts with, checked against what the database already holds: a
/// server whose key cannot open the stored secrets would answer 500 to every carrier webhook,
/// so it refuses to start instead, and a new key file is made only while nothing is sealed.
public enum StartupSecretKey {
    /// The key to install, nil on PostgreSQL without `WAYBILL_SECRET_KEY` while nothing is sealed.
    public static func resolve(database: DatabaseURL, store: any Store,
                               environment: [String: String] = ProcessInfo.processInfo.environment) async throws -> SecretBox? {
        let sealed = try await store.sealedSecretSamples { kind, tenantID in
            ChannelKind(rawValue: kind).map { ChannelSettingsRepository.sealingContext(kind: $0, tenantID: tenantID) } ?? kind
        }
        return try resolve(database: database, sealed: sealed, environment: environment)
    }

    static func resolve(database: DatabaseURL, sealed: [SealedSecretSample], environment: [String: String]) throws -> SecretBox? {
        if let box = try SecretBox.fromEnvironment(environment) {
            try check(box, opens: sealed, source: SecretBox.environmentVariable)
            return box
        }
        switch database {
        case .sqlite(let path):
            let keyFile = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(SecretKeyResolver.keyFileName).path
            if FileManager.default.fileExists(atPath: keyFile) {
                let box = try SecretKeyResolver.load(at: keyFile)
                try check(box, opens: sealed, source: keyFile)
                return box
            }
            if let first = sealed.first { throw StartupKeyError.keyFileMissing(keyFile: keyFile, database: path, holder: first.holder) }
            return try SecretKeyResolver.loadOrCreate(at: keyFile)
        case .postgres:
            if let first = sealed.first { throw StartupKeyError.keyRequired(holder: first.holder) }
            return nil
        }
    }

    static func check(_ box: SecretBox, opens sealed: [SealedSecretSample], source: String) throws {
        for sample in sealed where (try? box.open(sample.value, context: sample.context)) == nil {
            throw StartupKeyError.wrongKey(source: source, holder: sample.holder)
        }
    }
}

/// Why `waybill serve` will not start with the key it found; each message says what to do.
public enum StartupKeyError: Error, Sendable, Equatable, CustomStringConvertible {
    case keyFileMissing(keyFile: String, database: String, holder: String)
    case wrongKey(source: String, holder: String)
    case keyRequired(holder: String)

    public var description: String {
        switch self {
        case .keyFileMissing(let keyFile, let database, let holder):
            """
            the key file \(keyFile) is missing, but \(database) holds secrets sealed with a key (e.g. the \(holder)): \
            restore \(SecretKeyResolver.keyFileName) from the backup of this database beside it, or set \
            \(SecretBox.environmentVariable) to that key. Not starting: a new key would make every carrier webhook fail
            """
        case .wrongKey(let source, let holder):
            """
            the secret key from \(source) does not open the secrets stored in the database (e.g. the \(holder)): \
            it is not the key they were sealed with. Restore the key file that was backed up with this database \
            (or set \(SecretBox.environmentVariable) to that key). Not starting: every carrier webhook would fail
            """
        case .keyRequired(let holder):
            """
            the database holds secrets sealed with a key (e.g. the \(holder)) and no key is configured: set \
            \(SecretBox.environmentVariable) to the key they were sealed with (every instance needs the same key)
            """
        }
    }
}
