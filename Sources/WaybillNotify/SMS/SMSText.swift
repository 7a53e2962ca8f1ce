/// SMS text sizing: GSM 03.38 7-bit text fits 160 characters in one message and 153 per part
/// of a longer one (extension-table characters such as `€` take two); anything else goes as
/// UCS-2, 70 UTF-16 units alone and 67 per part.
public enum SMSText {
    public enum Encoding: String, Sendable { case gsm7, ucs2 }

    public static func encoding(of text: String) -> Encoding {
        text.unicodeScalars.allSatisfy { gsmBasic.contains($0) || gsmExtension.contains($0) } ? .gsm7 : .ucs2
    }

    /// How many messages `text` takes.
    public static func segmentCount(_ text: String) -> Int {
        let units = unitsOf(text)
        let (single, multi) = limits(encoding(of: text))
        let total = units.reduce(0, +)
        if total <= single { return 1 }
        var segments = 1
        var used = 0
        for unit in units {  // a two-unit character is never split between parts
            if used + unit > multi {
                segments += 1
                used = 0
            }
            used += unit
        }
        return segments
    }

    /// `text` cut to fit `maxSegments` messages, at a word boundary where one is near, ending
    /// with an ellipsis (`...` in GSM-7 text so the cut does not switch it to UCS-2).
    public static func truncated(_ text: String, maxSegments: Int) -> String {
        let maxSegments = max(1, maxSegments)
        guard segmentCount(text) > maxSegments else { return text }
        let encoding = encoding(of: text)
        let ellipsis = encoding == .gsm7 ? "..." : "…"
        let (single, multi) = limits(encoding)
        // Budget in units with room for the ellipsis (cutting at a unit boundary keeps pairs whole).
        let budget = (maxSegments == 1 ? single : multi * maxSegments) - units(of: ellipsis, encoding)
        var kept = ""
        var used = 0
        for character in text {
            let cost = units(of: String(character), encoding)
            if used + cost > budget { break }
            kept.append(character)
            used += cost
        }
        if let space = kept.lastIndex(where: { $0 == " " || $0 == "\n" }),
           kept.distance(from: kept.startIndex, to: space) >= kept.count * 2 / 3 {
            kept = String(kept[..<space])
        }
        while let last = kept.last, last == " " || last == "\n" || last == "," || last == "." { kept.removeLast() }
        var result = kept + ellipsis
        // The per-character budget ignores parts' boundaries; trim until it truly fits.
        while segmentCount(result) > maxSegments, !kept.isEmpty {
            kept.removeLast()
            result = kept + ellipsis
        }
        return result
    }

    private static func limits(_ encoding: Encoding) -> (single: Int, multi: Int) {
        encoding == .gsm7 ? (160, 153) : (70, 67)
    }

    /// The cost of each character: GSM-7 septets, or UTF-16 code units for UCS-2.
    private static func unitsOf(_ text: String) -> [Int] {
        let encoding = encoding(of: text)
        return text.map { units(of: String($0), encoding) }
    }

    private static func units(of text: String, _ encoding: Encoding) -> Int {
        switch encoding {
        case .gsm7: text.unicodeScalars.reduce(0) { $0 + (gsmExtension.contains($1) ? 2 : 1) }
        case .ucs2: text.utf16.count
        }
    }

    private static let gsmBasic: Set<Unicode.Scalar> = Set(("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
        + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà").unicodeScalars)
    private static let gsmExtension: Set<Unicode.Scalar> = Set("^{}\\[~]|€\u{000C}".unicodeScalars)
}
