import Crypto
import Foundation
import WaybillCore

/// The installation's key for signing OAuth access tokens: an Ed25519 key whose 32-byte seed is
/// derived from the installation's secret key (`WAYBILL_SECRET_KEY` or the SQLite key file) with
/// HKDF-SHA256, info `waybill jwt signing v1`. Every instance with the same secret key derives the
/// same signing key, so none needs storing; a new secret key (a later rotation) gives a new one.
struct OAuthSigningKey: Sendable {
    static let derivationInfo = "waybill jwt signing v1"
    /// The JWS `alg` of the tokens (RFC 8037).
    static let algorithm = "EdDSA"

    let privateKey: Curve25519.Signing.PrivateKey
    /// The first 16 hex digits of the SHA-256 of the raw public key.
    let kid: String

    init(installationKey box: SecretBox) throws {
        let seed = box.derivedKey(info: Self.derivationInfo, byteCount: 32).withUnsafeBytes { Data($0) }
        try self.init(seed: seed)
    }

    init(seed: Data) throws {
        privateKey = try Curve25519.Signing.PrivateKey(rawRepresentation: seed)
        kid = String(Hex.encode(SHA256.hash(data: privateKey.publicKey.rawRepresentation)).prefix(16))
    }

    /// The public key as a JWK (RFC 8037 §2: `kty` OKP, `crv` Ed25519, `x` the raw key in base64url).
    var publicJWK: JSONValue {
        .object([
            "kty": .string("OKP"),
            "crv": .string("Ed25519"),
            "x": .string(Base64URL.encode(privateKey.publicKey.rawRepresentation)),
            "kid": .string(kid),
            "alg": .string(Self.algorithm),
            "use": .string("sig"),
        ])
    }
}

/// Base64url without padding (RFC 4648 §5), as JOSE writes binary values.
enum Base64URL {
    static func encode(_ data: Data) -> String {
        data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ text: some StringProtocol) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        guard !base64.contains("=") else { return nil }
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64)
    }
}
