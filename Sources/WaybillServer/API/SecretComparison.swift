import Crypto
import Foundation

/// Compares a secret someone sent with the one expected, through their digests, so that neither
/// the length nor the content leaks through timing (second factors, the metrics token).
enum SecretComparison {
    static func equal(_ a: String, _ b: String) -> Bool {
        let left = Array(SHA256.hash(data: Data(a.utf8)))
        let right = Array(SHA256.hash(data: Data(b.utf8)))
        var difference: UInt8 = 0
        for index in 0..<left.count { difference |= left[index] ^ right[index] }
        return difference == 0
    }
}
