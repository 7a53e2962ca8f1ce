import Foundation

/// The markup USPS puts in its texts (`USPS Ground Advantage<SUP>&#153;</SUP>`): a few symbol
/// entities become their symbols, tags and any other entity are dropped.
enum USPSMarkup {
    static let symbols: [(entity: String, symbol: String)] = [
        ("&#153;", "™"), ("&#8482;", "™"), ("&trade;", "™"), ("&#174;", "®"), ("&reg;", "®"), ("&amp;", "&"),
    ]

    /// The text without markup, not yet trimmed.
    static func strip(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: "&") }) else { return text }
        // On ASCII the byte passes below give what Foundation's search and ICU's regular
        // expressions give; anything else keeps going through Foundation.
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else { return foundationStrip(text) }
        var bytes = Array(text.utf8)
        for (entity, symbol) in symbols {
            bytes = replacing(Array(entity.utf8), with: Array(symbol.utf8), in: bytes)
        }
        return String(decoding: removingEntities(removingTags(bytes)), as: UTF8.self)
    }

    /// The reference implementation: literal replacements, then `<[^>]*>` and `&#?[A-Za-z0-9]+;`.
    static func foundationStrip(_ text: String) -> String {
        var text = text
        for (entity, symbol) in symbols {
            text = text.replacingOccurrences(of: entity, with: symbol)
        }
        text = text.replacingOccurrences(of: "<[^>]*>", with: "", options: .regularExpression)
        return text.replacingOccurrences(of: "&#?[A-Za-z0-9]+;", with: "", options: .regularExpression)
    }

    /// Every non-overlapping occurrence of `pattern`, left to right, replaced.
    static func replacing(_ pattern: [UInt8], with replacement: [UInt8], in bytes: [UInt8]) -> [UInt8] {
        guard bytes.count >= pattern.count, bytes.withUnsafeBytes({ ByteSearch.contains(pattern, in: $0) }) else { return bytes }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if index + pattern.count <= bytes.count, bytes[index] == pattern[0],
               bytes[index..<index + pattern.count].elementsEqual(pattern) {
                result += replacement
                index += pattern.count
            } else {
                result.append(bytes[index])
                index += 1
            }
        }
        return result
    }

    /// `<[^>]*>`: from a `<` to the next `>`; a `<` without a later `>` stays.
    static func removingTags(_ bytes: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "<"), let close = bytes[(index + 1)...].firstIndex(of: UInt8(ascii: ">")) {
                index = close + 1
            } else {
                result.append(bytes[index])
                index += 1
            }
        }
        return result
    }

    /// `&#?[A-Za-z0-9]+;`.
    static func removingEntities(_ bytes: [UInt8]) -> [UInt8] {
        func isAlphanumeric(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
        }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "&") {
                var end = index + 1
                if end < bytes.count, bytes[end] == UInt8(ascii: "#") { end += 1 }
                let nameStart = end
                while end < bytes.count, isAlphanumeric(bytes[end]) { end += 1 }
                if end > nameStart, end < bytes.count, bytes[end] == UInt8(ascii: ";") {
                    index = end + 1
                    continue
                }
            }
            result.append(bytes[index])
            index += 1
        }
        return result
    }
}
