/// Strict percent-encoding for one segment of a URL path, for anything Waybill puts into a
/// carrier's request path (tracking numbers above all). Only ASCII letters, digits, `-`, `_` and
/// `~` stay as they are; every other byte of the UTF-8 text is encoded, `/`, `.`, `%`, `?`, `#`,
/// `;` and `,` included, so a value can neither leave its segment nor be read as `.` or `..`.
public enum URLPathSegment {
    public static func encode(_ value: String) -> String {
        var encoded = ""
        encoded.reserveCapacity(value.utf8.count)
        for byte in value.utf8 {
            if isKept(byte) {
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                encoded += "%" + String(hexDigits[Int(byte >> 4)]) + String(hexDigits[Int(byte & 0x0F)])
            }
        }
        return encoded
    }

    private static let hexDigits = Array("0123456789ABCDEF")

    private static func isKept(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "~"):
            true
        default:
            false
        }
    }
}
