import Foundation

/// A wall-clock time as a carrier gave it, without a zone (`2026-11-20T14:05:00`), or a date
/// alone (`2026-11-20`) when the carrier gave only a date: a date is never invented into a time.
public struct LocalDateTime: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int
    /// nil for a date alone.
    public let time: TimeOfDay?

    public struct TimeOfDay: Sendable, Hashable, Comparable {
        public let hour: Int
        public let minute: Int
        public let second: Int
        public let millisecond: Int

        public init(hour: Int, minute: Int, second: Int = 0, millisecond: Int = 0) {
            self.hour = hour
            self.minute = minute
            self.second = second
            self.millisecond = millisecond
        }

        var millisecondsOfDay: Int { ((hour * 60 + minute) * 60 + second) * 1000 + millisecond }

        public static func < (lhs: TimeOfDay, rhs: TimeOfDay) -> Bool { lhs.millisecondsOfDay < rhs.millisecondsOfDay }
    }

    public init?(year: Int, month: Int, day: Int, time: TimeOfDay? = nil) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...CivilDate.daysInMonth(year: year, month: month)).contains(day) else { return nil }
        if let time {
            guard (0...23).contains(time.hour), (0...59).contains(time.minute), (0...60).contains(time.second),
                  (0...999).contains(time.millisecond) else { return nil }
        }
        self.year = year
        self.month = month
        self.day = day
        self.time = time
    }

    /// Parses `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM`, `YYYY-MM-DDTHH:MM:SS` and fractions of a second
    /// (a space may stand for the `T`).
    public init?(parsing text: String) {
        let chars = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= chars.count else { return nil }
            var value = 0
            for index in range {
                let c = chars[index]
                guard (48...57).contains(c) else { return nil }
                value = value * 10 + Int(c) - 48
            }
            return value
        }
        guard chars.count >= 10, chars[4] == UInt8(ascii: "-"), chars[7] == UInt8(ascii: "-"),
              let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
        if chars.count == 10 {
            self.init(year: year, month: month, day: day)
            return
        }
        guard chars.count >= 16, chars[10] == UInt8(ascii: "T") || chars[10] == UInt8(ascii: " ") || chars[10] == UInt8(ascii: "t"),
              chars[13] == UInt8(ascii: ":"), let hour = number(11..<13), let minute = number(14..<16) else { return nil }
        var second = 0
        var millisecond = 0
        if chars.count > 16 {
            guard chars.count >= 19, chars[16] == UInt8(ascii: ":"), let s = number(17..<19) else { return nil }
            second = s
            if chars.count > 19 {
                guard chars[19] == UInt8(ascii: "."), chars.count > 20 else { return nil }
                var fraction = 0
                var scale = 100
                for c in chars[20...] {
                    guard (48...57).contains(c) else { return nil }
                    fraction += (Int(c) - 48) * scale
                    scale /= 10
                }
                millisecond = fraction
            }
        }
        self.init(year: year, month: month, day: day, time: TimeOfDay(hour: hour, minute: minute, second: second, millisecond: millisecond))
    }

    public var hasTime: Bool { time != nil }

    /// The instant this wall-clock time names at a fixed offset from UTC (midnight for a date).
    public func instant(atOffset offset: UTCOffset) -> Date {
        let days = CivilDate(year: year, month: month, day: day).daysSinceEpoch
        let millis = Int64(time?.millisecondsOfDay ?? 0)
        let utcMillis = days * 86_400_000 + millis - Int64(offset.seconds) * 1000
        return Date(timeIntervalSince1970: TimeInterval(utcMillis) / 1000)
    }

    /// The wall-clock reading of an instant at an offset.
    public init(instant: Date, offset: UTCOffset) {
        let millis = Timestamp.milliseconds(instant) + Int64(offset.seconds) * 1000
        let days = Timestamp.floorDiv(millis, 86_400_000)
        let ms = Int(millis - days * 86_400_000)
        let civil = CivilDate(daysSinceEpoch: days)
        self.year = civil.year
        self.month = civil.month
        self.day = civil.day
        self.time = TimeOfDay(hour: ms / 3_600_000, minute: (ms / 60_000) % 60, second: (ms / 1000) % 60, millisecond: ms % 1000)
    }

    /// The date alone.
    public var date: LocalDateTime { LocalDateTime(year: year, month: month, day: day)! }

    public var description: String {
        let datePart = "\(Timestamp.pad(year, 4))-\(Timestamp.pad(month, 2))-\(Timestamp.pad(day, 2))"
        guard let time else { return datePart }
        var text = datePart + "T\(Timestamp.pad(time.hour, 2)):\(Timestamp.pad(time.minute, 2)):\(Timestamp.pad(time.second, 2))"
        if time.millisecond != 0 { text += ".\(Timestamp.pad(time.millisecond, 3))" }
        return text
    }

    /// Orders by date, then by time; a date alone sorts before any time on that date.
    public static func < (lhs: LocalDateTime, rhs: LocalDateTime) -> Bool {
        if (lhs.year, lhs.month, lhs.day) != (rhs.year, rhs.month, rhs.day) {
            return (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
        }
        switch (lhs.time, rhs.time) {
        case let (l?, r?): return l < r
        case (nil, .some): return true
        default: return false
        }
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = LocalDateTime(parsing: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a local date or time: \(text)"))
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
