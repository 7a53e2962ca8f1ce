import Crypto
import Foundation
import Hummingbird

/// What each carrier signs or sends with its webhooks, checked against the endpoint's secret in
/// constant time. Carriers without their own scheme sign like Waybill's generic one:
/// `X-Waybill-Signature: sha256=<hex HMAC-SHA256 of the raw body>`.
enum WebhookAuthentication {
    static func isAuthentic(carrier: String, body: Data, headers: HTTPFields, secret: String) -> Bool {
        func header(_ name: String) -> String? { headers[.init(name)!] }
        let key = SymmetricKey(data: Data(secret.utf8))
        switch carrier {
        case "aftership":
            // Base64 HMAC-SHA256 of the raw body (webhook v4.3+).
            return header("aftership-hmac-sha256").flatMap { Data(base64Encoded: $0) }
                .map { HMAC<SHA256>.isValidAuthenticationCode($0, authenticating: body, using: key) } ?? false
        case "easypost":
            // hmac-sha256-hex=<hex>, keyed with the NFKD form of the secret (EasyPost's SDKs).
            let nfkd = SymmetricKey(data: Data(secret.decomposedStringWithCompatibilityMapping.utf8))
            guard let value = header("x-hmac-signature"), value.hasPrefix("hmac-sha256-hex="),
                  let mac = hexBytes(String(value.dropFirst("hmac-sha256-hex=".count))) else { return false }
            return HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: body, using: nfkd)
        case "fedex":
            return header("fdx-signature").flatMap { Data(base64Encoded: $0) }
                .map { HMAC<SHA256>.isValidAuthenticationCode($0, authenticating: body, using: key) } ?? false
        case "ups":
            // Track Alert echoes the opaque credential of the subscription; no HMAC.
            let bearer = header("authorization").flatMap { $0.lowercased().hasPrefix("bearer ") ? String($0.dropFirst(7)) : nil }
            guard let presented = header("credential") ?? bearer else { return false }
            return constantTimeEqual(Data(presented.utf8), Data(secret.utf8))
        default:
            guard let value = header("x-waybill-signature"), value.hasPrefix("sha256="),
                  let mac = hexBytes(String(value.dropFirst("sha256=".count))) else { return false }
            return HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: body, using: key)
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
