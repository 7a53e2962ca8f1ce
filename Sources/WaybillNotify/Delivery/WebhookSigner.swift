import Crypto
import Foundation

/// Standard Webhooks signatures (https://www.standardwebhooks.com): `v1,` and the base64
/// HMAC-SHA256 of `{webhook-id}.{webhook-timestamp}.{body}`, keyed with the base64-decoded part
/// of a `whsec_` secret; several signatures (secret rotation) are separated by spaces.
public enum WebhookSigner {
    public enum Failure: Error, Sendable, Equatable {
        case malformedSecret
    }

    /// The key bytes of a `whsec_<base64>` secret.
    public static func key(fromSecret secret: String) throws(Failure) -> SymmetricKey {
        let encoded = secret.hasPrefix("whsec_") ? String(secret.dropFirst(6)) : secret
        guard let bytes = Data(base64Encoded: encoded), !bytes.isEmpty else { throw .malformedSecret }
        return SymmetricKey(data: bytes)
    }

    public static func signature(id: String, timestamp: Int, body: Data, secret: String) throws(Failure) -> String {
        var signed = Data("\(id).\(timestamp).".utf8)
        signed.append(body)
        let mac = HMAC<SHA256>.authenticationCode(for: signed, using: try key(fromSecret: secret))
        return "v1," + Data(mac).base64EncodedString()
    }

    /// The three headers of a signed message; one signature per secret, space-separated.
    public static func headers(id: String, timestamp: Int, body: Data, secrets: [String]) throws(Failure) -> [(String, String)] {
        var signatures: [String] = []
        for secret in secrets { signatures.append(try signature(id: id, timestamp: timestamp, body: body, secret: secret)) }
        return [
            ("webhook-id", id),
            ("webhook-timestamp", String(timestamp)),
            ("webhook-signature", signatures.joined(separator: " ")),
        ]
    }

    /// Whether any `v1` signature in `header` matches (for receivers and tests); the timestamp
    /// must be within `tolerance` of `now`.
    public static func verify(id: String, timestamp: Int, body: Data, signatureHeader header: String, secret: String,
                              now: Date = Date(), tolerance: TimeInterval = 300) -> Bool {
        guard abs(now.timeIntervalSince1970 - Double(timestamp)) <= tolerance,
              let expected = try? signature(id: id, timestamp: timestamp, body: body, secret: secret) else { return false }
        return header.split(separator: " ").contains { Substring(expected) == $0 }
    }
}
