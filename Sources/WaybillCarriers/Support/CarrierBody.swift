import Foundation

/// What a body looks like before any parsing.
enum CarrierBody {
    /// Whether the first byte after a byte-order mark and whitespace is `<` (XML, SOAP).
    static func startsWithMarkup(_ body: Data) -> Bool {
        let first = body.first { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF) }
        return first == UInt8(ascii: "<")
    }
}
