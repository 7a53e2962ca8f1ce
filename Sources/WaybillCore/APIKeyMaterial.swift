import Crypto
import Foundation

/// API keys are `wb_` and 32 random bytes; only their SHA-256 is stored.
public struct APIKeyMaterial: Sendable {
    /// The whole key, shown to its owner once.
    public let secret: String
    /// The first characters, safe to list.
    public let prefix: String
    public let hash: String

    public static func generate() -> APIKeyMaterial {
        let secret = "wb_" + SecretToken.make(bytes: 32)
        return APIKeyMaterial(secret: secret, prefix: String(secret.prefix(11)), hash: hash(of: secret))
    }

    public static func hash(of secret: String) -> String {
        Hex.encode(SHA256.hash(data: Data(secret.utf8)))
    }
}
