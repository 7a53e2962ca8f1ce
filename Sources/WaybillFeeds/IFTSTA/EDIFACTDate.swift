import Foundation
import WaybillCore

/// A `DTM` value read by its format code (2379). Formats 102/203/204 carry no zone, so the
/// time is local to the event's place; 205, 303 and 304 carry one.
struct EDIFACTDate: Sendable, Hashable {
    var local: LocalDateTime
    var offset: UTCOffset?

    enum Failure: Error, Equatable {
        case unsupportedFormat(String)
        case malformed(String)
    }

    /// - Parameters:
    ///   - value: the DTM value (C507-2380).
    ///   - format: the format code (C507-2379); `102` when absent, its default.
    static func parse(_ value: String, format: String?) throws(Failure) -> EDIFACTDate {
        let format = format ?? "102"
        let digits = Array(value.utf8)
        func number(_ range: Range<Int>) throws(Failure) -> Int {
            guard range.upperBound <= digits.count else { throw .malformed(expected(format)) }
            var result = 0
            for index in range {
                guard (48...57).contains(digits[index]) else { throw .malformed(expected(format)) }
                result = result * 10 + Int(digits[index]) - 48
            }
            return result
        }
        func local(time: Bool, seconds: Bool) throws(Failure) -> LocalDateTime {
            let year = try number(0..<4), month = try number(4..<6), day = try number(6..<8)
            var timeOfDay: LocalDateTime.TimeOfDay?
            if time {
                let hour = try number(8..<10), minute = try number(10..<12)
                let second = seconds ? try number(12..<14) : 0
                timeOfDay = LocalDateTime.TimeOfDay(hour: hour, minute: minute, second: second)
            }
            guard let parsed = LocalDateTime(year: year, month: month, day: day, time: timeOfDay) else {
                throw .malformed("\(value) is not a valid date or time (\(expected(format)))")
            }
            return parsed
        }
        switch format {
        case "102":
            guard digits.count == 8 else { throw .malformed(expected(format)) }
            return EDIFACTDate(local: try local(time: false, seconds: false), offset: nil)
        case "203", "204":
            let seconds = format == "204"
            guard digits.count == (seconds ? 14 : 12) else { throw .malformed(expected(format)) }
            // An all-zero time is the senders' "time unknown" (Hellmann dates five consignments
            // `20170908000000` in a message sent at 18:05), as in X12: a date.
            if digits[8...].allSatisfy({ $0 == 48 }) {
                return EDIFACTDate(local: try local(time: false, seconds: false), offset: nil)
            }
            return EDIFACTDate(local: try local(time: true, seconds: seconds), offset: nil)
        case "205", "303", "304":
            let seconds = format == "304"
            let zoneStart = seconds ? 14 : 12
            guard digits.count > zoneStart else { throw .malformed(expected(format)) }
            let localTime = try local(time: true, seconds: seconds)
            let zoneText = String(decoding: digits[zoneStart...], as: UTF8.self)
            guard let offset = zoneOffset(zoneText) else {
                throw .malformed("time zone \"\(zoneText)\" is not an offset or a known zone abbreviation")
            }
            return EDIFACTDate(local: localTime, offset: offset)
        default:
            throw .unsupportedFormat(format)
        }
    }

    /// Like `parse`, but a value whose length does not fit its format code is read by its
    /// shape when that is unambiguous: DB Schenker sends `20210715192700` (seconds) and
    /// `202107220950?+0100` (an offset) under format 203. Returns the format read and, when it
    /// differs from the one declared, says so.
    static func parseLenient(_ value: String, format: String?) throws(Failure) -> (date: EDIFACTDate, readAs: String?) {
        let declared = format ?? "102"
        do {
            return (try parse(value, format: declared), nil)
        } catch {
            guard ["102", "203", "204"].contains(declared), let shape = formatByShape(value), shape != declared,
                  let date = try? parse(value, format: shape) else { throw error }
            return (date, shape)
        }
    }

    /// The format code a value's shape implies: 8, 12 or 14 digits, optionally followed by a zone.
    private static func formatByShape(_ value: String) -> String? {
        let digits = value.prefix { $0.isASCII && $0.isNumber }.count
        let zoned = digits < value.count
        switch (digits, zoned) {
        case (8, false): return "102"
        case (12, false): return "203"
        case (14, false): return "204"
        case (12, true): return value.dropFirst(12).first.map { $0 == "+" || $0 == "-" } == true ? "205" : "303"
        case (14, true): return "304"
        default: return nil
        }
    }

    /// ZZZ / ZHHMM: `+01`, `-0500`, `+05:30`, or an abbreviation such as `UTC`, `GMT`, `CET`.
    static func zoneOffset(_ text: String) -> UTCOffset? {
        if let offset = UTCOffset(parsing: text) { return offset }
        let upper = text.uppercased()
        if upper == "UTC" || upper == "GMT" || upper == "UT" || upper == "Z" { return UTCOffset(seconds: 0) }
        return ZoneResolver.offset(abbreviation: text)
    }

    private static func expected(_ format: String) -> String {
        switch format {
        case "102": "format 102 is CCYYMMDD"
        case "203": "format 203 is CCYYMMDDHHMM"
        case "204": "format 204 is CCYYMMDDHHMMSS"
        case "205": "format 205 is CCYYMMDDHHMMZHHMM"
        case "303": "format 303 is CCYYMMDDHHMMZZZ"
        default: "format 304 is CCYYMMDDHHMMSSZZZ"
        }
    }
}
