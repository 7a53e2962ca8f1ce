import Foundation

/// Public identifiers: a type prefix and a time-ordered, random body (`shp_01JDX3...`), so that
/// ids sort by creation time (cursor pagination) and cannot be guessed.
public enum Identifier {
    public enum Kind: String, Sendable, CaseIterable {
        case tenant = "ten"
        case apiKey = "key"
        case order = "ord"
        case shipment = "shp"
        case event = "evt"
        case rawPayload = "raw"
        case job = "job"
        case audit = "aud"
        case webhookEndpoint = "whe"
        case fileImport = "imp"
        case shipmentLeg = "leg"
        case oauthClient = "wbc"
    }

    private static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)

    /// A ULID-style id: 48 bits of milliseconds then 80 random bits, Crockford base32. Ids made
    /// now by one process sort in the order they were made, even within one millisecond; an id
    /// for a given date gets fresh random bits.
    public static func make(_ kind: Kind, at date: Date? = nil) -> String {
        let millis: UInt64
        let high: UInt16
        let low: UInt64
        if let date {
            var generator = SystemRandomNumberGenerator()
            (millis, high, low) = (UInt64(max(0, date.timeIntervalSince1970 * 1000)),
                                   UInt16(truncatingIfNeeded: generator.next() as UInt64), generator.next())
        } else {
            (millis, high, low) = MonotonicClock.shared.next(millis: UInt64(max(0, Date().timeIntervalSince1970 * 1000)))
        }
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in 0..<6 { bytes[index] = UInt8(truncatingIfNeeded: millis >> (8 * (5 - index))) }
        bytes[6] = UInt8(truncatingIfNeeded: high >> 8)
        bytes[7] = UInt8(truncatingIfNeeded: high)
        for index in 8..<16 { bytes[index] = UInt8(truncatingIfNeeded: low >> (8 * (15 - index))) }
        return kind.rawValue + "_" + base32(bytes)
    }

    /// Hands out (milliseconds, 80 random bits): within the millisecond of the previous id (or
    /// an earlier one, when the clock steps back), the previous random part plus one, as ULID's
    /// monotonic mode does.
    final class MonotonicClock: @unchecked Sendable {
        static let shared = MonotonicClock()
        private let lock = NSLock()
        private var lastMillis: UInt64 = 0
        private var high: UInt16 = 0
        private var low: UInt64 = 0

        func next(millis: UInt64) -> (UInt64, UInt16, UInt64) {
            lock.lock()
            defer { lock.unlock() }
            var generator = SystemRandomNumberGenerator()
            if millis > lastMillis {
                lastMillis = millis
                high = UInt16(truncatingIfNeeded: generator.next() as UInt64) & 0x7FFF  // room to count up
                low = generator.next()
            } else {
                let (sum, overflow) = low.addingReportingOverflow(1)
                low = sum
                if overflow { high &+= 1 }
            }
            return (lastMillis, high, low)
        }
    }

    /// True if `text` has the shape of an id of this kind.
    public static func isValid(_ text: String, kind: Kind) -> Bool {
        let prefix = kind.rawValue + "_"
        guard text.hasPrefix(prefix) else { return false }
        let body = text.utf8.dropFirst(prefix.utf8.count)
        return body.count == 26 && body.allSatisfy { alphabet.contains($0) }
    }

    /// 128 bits as 26 Crockford base32 characters (the first carries 3 bits).
    static func base32(_ bytes: [UInt8]) -> String {
        var high: UInt64 = 0
        var low: UInt64 = 0
        for index in 0..<8 { high = high << 8 | UInt64(bytes[index]) }
        for index in 8..<16 { low = low << 8 | UInt64(bytes[index]) }
        var output = [UInt8](repeating: 0, count: 26)
        for position in (0..<26).reversed() {
            output[position] = alphabet[Int(low & 31)]
            low = (low >> 5) | (high << 59)
            high >>= 5
        }
        return String(decoding: output, as: UTF8.self)
    }
}

/// Unguessable secrets and tokens in URL-safe base64 without padding.
public enum SecretToken {
    public static func make(bytes count: Int = 32) -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}

public enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    public static func encode<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var output: [UInt8] = []
        output.reserveCapacity(64)
        for byte in bytes {
            output.append(digits[Int(byte >> 4)])
            output.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: output, as: UTF8.self)
    }
}
