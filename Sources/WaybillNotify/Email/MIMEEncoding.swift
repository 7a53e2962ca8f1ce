import Foundation

/// The encodings that carry UTF-8 text through 7-bit SMTP: quoted-printable bodies (RFC 2045),
/// encoded-word headers (RFC 2047) and RFC 5322 dates.
enum MIMEEncoding {
    /// Quoted-printable with CRLF hard line breaks and soft breaks keeping lines within 76 characters.
    static func quotedPrintable(_ text: String) -> String {
        var output = ""
        let lines = normalizedLines(text)
        for (index, line) in lines.enumerated() {
            var current = ""
            let bytes = Array(line.utf8)
            for (position, byte) in bytes.enumerated() {
                let isLast = position == bytes.count - 1
                let token: String
                if (byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")) && isLast {
                    token = hex(byte)
                } else if byte == UInt8(ascii: "=") || byte < 32 && byte != UInt8(ascii: "\t") || byte > 126 {
                    token = hex(byte)
                } else {
                    token = String(UnicodeScalar(byte))
                }
                // Leave room for the "=" of a soft break.
                if current.utf8.count + token.utf8.count > 75 {
                    output += current + "=\r\n"
                    current = ""
                }
                current += token
            }
            output += current
            if index < lines.count - 1 { output += "\r\n" }
        }
        return output
    }

    /// A header value: as is when it is printable ASCII, else RFC 2047 "B" encoded-words of
    /// whole UTF-8 characters, each at most 75 characters, folded onto continuation lines.
    /// `nameLength` is the length of the header's name, which shares the first line.
    static func headerValue(_ text: String, nameLength: Int = 0) -> String {
        let flattened = text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        if flattened.utf8.allSatisfy({ $0 >= 32 && $0 < 127 }) && !flattened.includes("=?") {
            return fold(flattened)
        }
        let prefix = "=?UTF-8?B?"
        // 60 base64 characters keep a word within 75 with its delimiters; the first line also holds "Name: ".
        let firstInput = max(3, (76 - nameLength - 2 - 12) / 4 * 3)
        let maximumInput = 45
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in flattened {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > (words.isEmpty ? firstInput : maximumInput), !chunk.isEmpty {
                words.append(prefix + Data(chunk).base64EncodedString() + "?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append(prefix + Data(chunk).base64EncodedString() + "?=") }
        return words.joined(separator: "\r\n ")
    }

    /// A display name for From/To: encoded-words when non-ASCII, a quoted string when it has specials.
    static func displayName(_ name: String) -> String {
        guard name.utf8.allSatisfy({ $0 >= 32 && $0 < 127 }) else { return headerValue(name) }
        let specials = CharacterSet(charactersIn: "()<>[]:;@\\,.\"")
        guard name.rangeOfCharacter(from: specials) != nil else { return name }
        return "\"" + name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// `Thu, 26 Nov 2026 07:31:11 +0000`
    static func date(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: date)
        let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ value: Int?) -> String { let value = value ?? 0; return value < 10 ? "0\(value)" : "\(value)" }
        return "\(weekdays[(parts.weekday ?? 1) - 1]), \(two(parts.day)) \(months[(parts.month ?? 1) - 1]) \(parts.year ?? 1970) "
            + "\(two(parts.hour)):\(two(parts.minute)):\(two(parts.second)) +0000"
    }

    /// Lines of `text` whatever its line endings (CRLF, LF or CR).
    static func normalizedLines(_ text: String) -> [Substring] {
        text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false)
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "=" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0x0F)])
    }

    /// Folds an ASCII header value at spaces so no line exceeds 78 characters where possible.
    private static func fold(_ value: String) -> String {
        guard value.utf8.count > 70 else { return value }
        var lines: [String] = []
        var current = ""
        for word in value.split(separator: " ", omittingEmptySubsequences: false) {
            if !current.isEmpty, current.utf8.count + word.utf8.count + 1 > 70 {
                lines.append(current)
                current = String(word)
            } else {
                current = current.isEmpty ? String(word) : current + " " + word
            }
        }
        lines.append(current)
        return lines.joined(separator: "\r\n ")
    }
}
