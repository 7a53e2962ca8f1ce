import WaybillCore

/// A date-time pattern of the generic adapter's mapping file, in the usual letters: `yyyy`,
/// `MM`/`M`, `dd`/`d`, `HH`/`H` (24-hour), `hh`/`h` with `a` (12-hour, AM/PM), `mm`, `ss`,
/// `SSS` (fraction of a second, 1 to 9 digits), `XXX` (`+02:00` or `Z`), `XX` (`+0200` or `Z`);
/// text in single quotes and any other non-letter character must match as written. A pattern
/// without hour letters reads a date alone.
struct GenericTimeFormat: Sendable, Hashable {
    enum Token: Sendable, Hashable {
        case year, month(minDigits: Int), day(minDigits: Int), hour24(minDigits: Int), hour12(minDigits: Int)
        case minute, second, fraction, meridiem, offset(colon: Bool), literal(Character)
    }

    let tokens: [Token]

    /// Throws a reason when the pattern uses a letter it does not know.
    init(_ pattern: String) throws(GenericMappingError) {
        var tokens: [Token] = []
        let chars = Array(pattern)
        var index = 0
        while index < chars.count {
            let char = chars[index]
            if char == "'" {
                index += 1
                while index < chars.count, chars[index] != "'" {
                    tokens.append(.literal(chars[index]))
                    index += 1
                }
                index += 1
                continue
            }
            guard char.isLetter else {
                tokens.append(.literal(char))
                index += 1
                continue
            }
            var run = 1
            while index + run < chars.count, chars[index + run] == char { run += 1 }
            let token: Token? = switch (char, run) {
            case ("y", 4): .year
            case ("M", 1...2): .month(minDigits: run)
            case ("d", 1...2): .day(minDigits: run)
            case ("H", 1...2): .hour24(minDigits: run)
            case ("h", 1...2): .hour12(minDigits: run)
            case ("m", 2): .minute
            case ("s", 2): .second
            case ("S", 1...9): .fraction
            case ("a", 1): .meridiem
            case ("X", 2): .offset(colon: false)
            case ("X", 3): .offset(colon: true)
            default: nil
            }
            guard let token else {
                throw GenericMappingError(field: "time.format",
                                          reason: "unknown pattern letters '\(String(repeating: char, count: run))' in '\(pattern)'")
            }
            tokens.append(token)
            index += run
        }
        let hasHour12 = tokens.contains { if case .hour12 = $0 { true } else { false } }
        guard hasHour12 == tokens.contains(.meridiem) else {
            throw GenericMappingError(field: "time.format", reason: "'h' (12-hour clock) and 'a' (AM/PM) go together in '\(pattern)'")
        }
        self.tokens = tokens
    }

    /// The wall-clock time and the offset, if the pattern has one; nil when `text` does not match.
    func parse(_ text: String) -> (local: LocalDateTime, offset: UTCOffset?)? {
        let chars = Array(text.trimmed)
        var index = 0
        func digits(min: Int, max: Int) -> Int? {
            var value = 0
            var count = 0
            while count < max, index < chars.count, let digit = chars[index].wholeNumberValue, chars[index].isASCII {
                value = value * 10 + digit
                count += 1
                index += 1
            }
            return count >= min ? value : nil
        }
        var year = 0, month = 1, day = 1
        var hour: Int?, minute = 0, second = 0, millisecond = 0
        var isPM: Bool?
        var offset: UTCOffset?
        for token in tokens {
            switch token {
            case .year: guard let value = digits(min: 4, max: 4) else { return nil }; year = value
            case .month(let min): guard let value = digits(min: min, max: 2) else { return nil }; month = value
            case .day(let min): guard let value = digits(min: min, max: 2) else { return nil }; day = value
            case .hour24(let min), .hour12(let min): guard let value = digits(min: min, max: 2) else { return nil }; hour = value
            case .minute: guard let value = digits(min: 2, max: 2) else { return nil }; minute = value
            case .second: guard let value = digits(min: 2, max: 2) else { return nil }; second = value
            case .fraction:
                let start = index
                guard digits(min: 1, max: 9) != nil else { return nil }
                let fraction = String(chars[start..<index]).padding(toLength: 3, withPad: "0", startingAt: 0)
                millisecond = Int(fraction.prefix(3)) ?? 0
            case .meridiem:
                guard index + 1 < chars.count else { return nil }
                let word = String(chars[index...index + 1]).uppercased()
                guard word == "AM" || word == "PM" else { return nil }
                isPM = word == "PM"
                index += 2
            case .offset(let colon):
                if index < chars.count, chars[index] == "Z" || chars[index] == "z" {
                    offset = UTCOffset(seconds: 0)
                    index += 1
                } else {
                    let length = colon ? 6 : 5
                    guard index + length <= chars.count, let value = UTCOffset(parsing: String(chars[index..<index + length])) else {
                        return nil
                    }
                    offset = value
                    index += length
                }
            case .literal(let char):
                guard index < chars.count, chars[index] == char else { return nil }
                index += 1
            }
        }
        guard index == chars.count else { return nil }
        guard var hour else {
            return LocalDateTime(year: year, month: month, day: day).map { ($0, offset) }
        }
        if let isPM {
            guard (1...12).contains(hour) else { return nil }
            hour = hour % 12 + (isPM ? 12 : 0)
        }
        let time = LocalDateTime.TimeOfDay(hour: hour, minute: minute, second: second, millisecond: millisecond)
        return LocalDateTime(year: year, month: month, day: day, time: time).map { ($0, offset) }
    }
}
