import Foundation

/// Durations as operators write them: a number and a unit, repeated (`90d`, `24h`, `1h30m`,
/// `2w`, `45s`). Units: w(eeks), d(ays), h(ours), m(inutes), s(econds).
public enum DurationText {
    public enum ParseError: Error, Sendable, CustomStringConvertible, Equatable {
        /// The text, and what is wrong with it when it is a duration out of bounds.
        case invalid(String, String? = nil)

        public var description: String {
            switch self {
            case .invalid(let text, let bound?): "\"\(text)\" is too long: \(bound)"
            case .invalid(let text, nil): "\"\(text)\" is not a duration: write a number and a unit, e.g. 90d, 24h, 1h30m (units w, d, h, m, s)"
            }
        }
    }

    private static let secondsPerUnit: [Character: Int] = ["w": 604_800, "d": 86_400, "h": 3_600, "m": 60, "s": 1]

    /// The duration in seconds; positive, at most about 100 years.
    public static func seconds(_ text: String) throws(ParseError) -> TimeInterval {
        var total = 0
        var number = ""
        for character in text.trimmed.lowercased() {
            if character.isASCII, character.isNumber {
                number.append(character)
            } else if let unit = secondsPerUnit[character], let value = Int(number), value <= 100_000 {
                total += value * unit
                number = ""
            } else {
                throw .invalid(text)
            }
        }
        guard number.isEmpty, total > 0, total <= 100 * 366 * 86_400 else { throw .invalid(text) }
        return TimeInterval(total)
    }

    /// `seconds` written back in the largest whole unit (`7776000` → `90d`).
    public static func text(seconds: TimeInterval) -> String {
        let whole = Int(seconds.rounded())
        for (unit, size) in [("w", 604_800), ("d", 86_400), ("h", 3_600), ("m", 60)] where whole >= size && whole % size == 0 {
            return "\(whole / size)\(unit)"
        }
        return "\(whole)s"
    }
}
