import Crypto
import Foundation

/// Encrypts secrets kept in the database (SMTP passwords, SMS auth tokens) with AES-256-GCM
/// under the installation's key. A sealed value is `v1:` and the base64 of nonce, ciphertext
/// and tag; it is bound to a context string (e.g. the tenant and field), so a value copied to
/// another row or tenant does not open.
///
/// The key is 32 random bytes in base64, from `WAYBILL_SECRET_KEY` (make one with
/// `openssl rand -base64 32`). Losing the key loses the stored secrets (they must be entered
/// again); it is never written to the database.
public struct SecretBox: Sendable {
    public static let environmentVariable = "WAYBILL_SECRET_KEY"
    private static let version = "v1:"

    private let key: SymmetricKey

    /// A box with the key given as base64 of exactly 32 bytes.
    public init(base64Key: String) throws(SecretBoxError) {
        guard let bytes = Data(base64Encoded: base64Key.trimmed) else { throw .invalidKey("the key is not valid base64") }
        guard bytes.count == 32 else { throw .invalidKey("the key must be 32 bytes, got \(bytes.count)") }
        key = SymmetricKey(data: bytes)
    }

    /// The box of `WAYBILL_SECRET_KEY` in `environment`, or nil when the variable is unset or empty.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws(SecretBoxError) -> SecretBox? {
        guard let value = environment[environmentVariable], !value.trimmed.isEmpty else { return nil }
        do {
            return try SecretBox(base64Key: value)
        } catch {
            throw .invalidKey("\(environmentVariable): \(error.description)")
        }
    }

    /// Whether `value` has the form `seal` gives (anything else is a value stored as given).
    public static func isSealed(_ value: String) -> Bool { value.hasPrefix(version) }

    /// 32 fresh random bytes in base64, for a new installation's key.
    public static func generateKey() -> String {
        SymmetricKey(size: .bits256).withUnsafeBytes { Data($0).base64EncodedString() }
    }

    public func seal(_ plaintext: String, context: String) throws(SecretBoxError) -> String {
        do {
            let box = try AES.GCM.seal(Data(plaintext.utf8), using: key, authenticating: Data(context.utf8))
            guard let combined = box.combined else { throw SecretBoxError.cannotOpen("sealing produced no output") }
            return Self.version + combined.base64EncodedString()
        } catch let error as SecretBoxError {
            throw error
        } catch {
            throw .cannotOpen("sealing failed: \(error)")
        }
    }

    /// A key for another purpose derived from the installation's key with HKDF-SHA256 (no salt,
    /// `info` naming the purpose): every instance with the same key derives the same bytes, and
    /// they reveal nothing about the installation's key or about keys derived for other purposes.
    public func derivedKey(info: String, byteCount: Int = 32) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: key, info: Data(info.utf8), outputByteCount: byteCount)
    }

    /// The plaintext of a value sealed by `seal` with the same key and context.
    public func open(_ sealed: String, context: String) throws(SecretBoxError) -> String {
        guard sealed.hasPrefix(Self.version), let combined = Data(base64Encoded: String(sealed.dropFirst(Self.version.count))) else {
            throw .cannotOpen("not a sealed value")
        }
        do {
            let box = try AES.GCM.SealedBox(combined: combined)
            let plaintext = try AES.GCM.open(box, using: key, authenticating: Data(context.utf8))
            guard let text = String(data: plaintext, encoding: .utf8) else { throw SecretBoxError.cannotOpen("not UTF-8") }
            return text
        } catch let error as SecretBoxError {
            throw error
        } catch {
            throw .cannotOpen("wrong key or context, or the value was altered")
        }
    }
}

public enum SecretBoxError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidKey(String)
    /// No key is configured where one is needed.
    case missingKey(String)
    case cannotOpen(String)

    public var description: String {
        switch self {
        case .invalidKey(let reason): "invalid secret key: \(reason)"
        case .missingKey(let reason): reason
        case .cannotOpen(let reason): "cannot open sealed secret: \(reason)"
        }
    }
}
