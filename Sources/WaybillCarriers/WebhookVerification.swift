import Crypto
import Foundation

/// How a carrier's webhook proves it comes from the carrier, checked against the inbound
/// endpoint's secret in constant time.
public enum WebhookVerification: Sendable, Hashable {
    /// `header` holds the Base64 HMAC-SHA256 of the raw body.
    case base64HMAC(header: String)
    /// `header` holds `prefix` + the hex HMAC-SHA256 of the raw body. `compatibilityKey`: keyed
    /// with the NFKD form of the secret, as EasyPost's SDKs sign.
    case hexHMAC(header: String, prefix: String, compatibilityKey: Bool = false)
    /// The carrier echoes the subscription's opaque credential in `credential` or as a bearer
    /// token (UPS Track Alert); no HMAC.
    case echoedCredential

    /// Waybill's generic scheme: `X-Waybill-Signature: sha256=<hex HMAC-SHA256 of the raw body>`.
    public static let waybillSignature = WebhookVerification.hexHMAC(header: "x-waybill-signature", prefix: "sha256=")

    /// Whether `body` with these headers (`header` looks one up by lower-case name) is authentic.
    public func isAuthentic(body: Data, secret: String, header: (String) -> String?) -> Bool {
        switch self {
        case .base64HMAC(let name):
            guard let mac = header(name).flatMap({ Data(base64Encoded: $0) }) else { return false }
            return HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: body, using: SymmetricKey(data: Data(secret.utf8)))
        case .hexHMAC(let name, let prefix, let compatibilityKey):
            guard let value = header(name), value.hasPrefix(prefix),
                  let mac = Self.hexBytes(String(value.dropFirst(prefix.count))) else { return false }
            let keyText = compatibilityKey ? secret.decomposedStringWithCompatibilityMapping : secret
            return HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: body, using: SymmetricKey(data: Data(keyText.utf8)))
        case .echoedCredential:
            let bearer = header("authorization").flatMap { $0.lowercased().hasPrefix("bearer ") ? String($0.dropFirst(7)) : nil }
            guard let presented = header("credential") ?? bearer else { return false }
            return Self.constantTimeEqual(Data(presented.utf8), Data(secret.utf8))
        }
    }

    static func hexBytes(_ text: String) -> Data? {
        let scalars = Array(text.utf8)
        guard scalars.count % 2 == 0 else { return nil }
        var bytes = Data(capacity: scalars.count / 2)
        var index = 0
        while index < scalars.count {
            guard let high = nibble(scalars[index]), let low = nibble(scalars[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case 48...57: c - 48
        case 97...102: c - 87
        case 65...70: c - 55
        default: nil
        }
    }

    /// Compares without stopping at the first difference (the length alone may leak).
    static func constantTimeEqual(_ a: Data, _ b: Data) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for (x, y) in zip(a, b) { difference |= x ^ y }
        return difference == 0
    }
}
