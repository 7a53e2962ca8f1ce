import Foundation

/// RFC 3339 timestamps: parsing with the offset kept, and the fixed-width UTC form used in
/// storage (`2026-11-26T05:15:02.123Z`), which sorts as text in every database.
public enum Timestamp {
    /// Formats an instant as UTC with milliseconds.
    public static func utcString(_ date: Date) -> String {
        let total = milliseconds(date)
        let days = floorDiv(total, 86_400_000)
        let msOfDay = total - days * 86_400_000
        let civil = CivilDate(daysSinceEpoch: days)
        let hour = msOfDay / 3_600_000
        let minute = (msOfDay / 60_000) % 60
        let second = (msOfDay / 1000) % 60
        let ms = msOfDay % 1000
        return "\(pad(civil.year, 4))-\(pad(civil.month, 2))-\(pad(civil.day, 2))T"
            + "\(pad(Int(hour), 2)):\(pad(Int(minute), 2)):\(pad(Int(second), 2)).\(pad(Int(ms), 3))Z"
    }

    /// Formats an instant with the given offset from UTC, e.g. `2026-11-26T06:15:02+01:00`.
    public static func string(_ date: Date, offsetSeconds: Int) -> String {
        let shifted = date.addingTimeInterval(TimeInterval(offsetSeconds))
        let utc = utcString(shifted)
        let withoutZone = String(utc.dropLast())
        return withoutZone + UTCOffset(seconds: offsetSeconds).description
    }

    /// Parses an RFC 3339 timestamp (`2026-11-26T05:15:02Z`, `...02.5+01:00`); nil if it is not
    /// one. Waybill's own interfaces accept exactly this.
    public static func parse(_ text: String) -> (date: Date, offset: UTCOffset)? {
        let chars = Array(text.utf8)
        // The date and time part ends where the zone designator starts (at or after position 19).
        guard chars.count >= 20 else { return nil }
        var zoneStart = 19
        if chars[19] == UInt8(ascii: ".") {
            zoneStart = 20
            while zoneStart < chars.count, (48...57).contains(chars[zoneStart]) { zoneStart += 1 }
            if zoneStart == 20 { return nil }
        }
        guard zoneStart < chars.count else { return nil }
        let localText = String(decoding: chars[0..<zoneStart], as: UTF8.self)
        let zoneText = String(decoding: chars[zoneStart...], as: UTF8.self)
        guard let local = LocalDateTime(parsing: localText), local.hasTime,
              let offset = UTCOffset(parsing: zoneText) else { return nil }
        return (local.instant(atOffset: offset), offset)
    }

    /// Parses an ISO 8601 timestamp with its zone as carriers write it: RFC 3339 and the
    /// variants seen in real payloads: a space before the zone (`2024-08-12T15:18:10 -0500`),
    /// no seconds (`2026-11-26T05:15+01:00`), `+0100` or `+01`, `UTC` or `GMT` for `Z`, a comma
    /// before the fraction. nil when it is none of these (a time without a zone is not an instant).
    public static func parseLenient(_ text: String) -> (date: Date, offset: UTCOffset)? {
        let chars = Array(text.utf8)
        // The date and time part ends where the zone designator starts (at or after position 16).
        guard chars.count >= 17 else { return nil }
        var zoneStart = 16
        if chars[16] == UInt8(ascii: ":") {
            zoneStart = 19
            guard chars.count > 19 else { return nil }
            if chars[19] == UInt8(ascii: ".") || chars[19] == UInt8(ascii: ",") {
                zoneStart = 20
                while zoneStart < chars.count, (48...57).contains(chars[zoneStart]) { zoneStart += 1 }
                if zoneStart == 20 { return nil }
            }
        }
        // A comma before the fraction is ISO 8601's other decimal sign.
        let localText = String(decoding: chars[0..<zoneStart].map { $0 == UInt8(ascii: ",") ? UInt8(ascii: ".") : $0 }, as: UTF8.self)
        var zone = chars[zoneStart...].drop { $0 == UInt8(ascii: " ") }
        if zone.count > 3, zone.starts(with: "UTC".utf8) || zone.starts(with: "GMT".utf8) { zone = zone.dropFirst(3) }
        let zoneText = String(decoding: zone, as: UTF8.self)
        guard let local = LocalDateTime(parsing: localText), local.hasTime,
              let offset = UTCOffset(parsing: zoneText) ?? (["UTC", "GMT"].contains(zoneText) ? UTCOffset(seconds: 0) : nil)
        else { return nil }
        return (local.instant(atOffset: offset), offset)
    }

    /// Milliseconds since 1970, to the nearest one (0 for a non-finite date). `Date` holds a
    /// `Double` counted from 2001, so an instant parsed to the millisecond can read back a hair
    /// early (e.g. `1969-12-31T23:59:59.999Z`); rounding down would lose a millisecond.
    static func milliseconds(_ date: Date) -> Int64 {
        let millis = (date.timeIntervalSince1970 * 1000).rounded()
        return millis.isFinite ? Int64(millis) : 0
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }

    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }
}

/// An offset from UTC such as `+05:30`.
public struct UTCOffset: Sendable, Hashable, Codable, CustomStringConvertible {
    public let seconds: Int

    public init(seconds: Int) { self.seconds = seconds }

    /// Accepts `Z`, `+01:00`, `-0330`, `+05`.
    public init?(parsing text: String) {
        if text == "Z" || text == "z" { self.seconds = 0; return }
        let chars = Array(text.utf8)
        guard let sign = chars.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else { return nil }
        let digits = chars.dropFirst().filter { $0 != UInt8(ascii: ":") }
        guard digits.count == 2 || digits.count == 4, digits.allSatisfy({ (48...57).contains($0) }),
              chars.count == 1 + digits.count || (chars.count == 6 && chars[3] == UInt8(ascii: ":")) else { return nil }
        let numbers = digits.map { Int($0) - 48 }
        let hours = numbers[0] * 10 + numbers[1]
        let minutes = numbers.count == 4 ? numbers[2] * 10 + numbers[3] : 0
        guard hours <= 18, minutes < 60 else { return nil }
        let magnitude = hours * 3600 + minutes * 60
        self.seconds = sign == UInt8(ascii: "-") ? -magnitude : magnitude
    }

    public var description: String {
        let sign = seconds < 0 ? "-" : "+"
        let magnitude = abs(seconds)
        return "\(sign)\(Timestamp.pad(magnitude / 3600, 2)):\(Timestamp.pad((magnitude % 3600) / 60, 2))"
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let offset = UTCOffset(parsing: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a UTC offset: \(text)"))
        }
        self = offset
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// A proleptic Gregorian calendar date, computed without Foundation's calendars.
struct CivilDate {
    var year: Int
    var month: Int
    var day: Int

    init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    // Howard Hinnant's days_from_civil / civil_from_days.
    init(daysSinceEpoch: Int64) {
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = Int(yoe + era * 400 + (m <= 2 ? 1 : 0))
        self.month = Int(m)
        self.day = Int(d)
    }

    var daysSinceEpoch: Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(month)
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
