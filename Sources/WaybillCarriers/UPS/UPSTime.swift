import Foundation
import WaybillCore

/// UPS's date, time and offset spellings: `20240320`, `190838` / `19:08:38` / `74700` (the spec
/// example drops the leading zero), offsets `+08:00` and, in Track Alert, `-04.00`.
enum UPSTime {
    /// A date (`YYYYMMDD`) with an optional time; nil when the date is missing or malformed.
    static func local(date: String?, time: String?) -> LocalDateTime? {
        guard let date = UPSText.clean(date) else { return nil }
        let digits = Array(date.utf8)
        guard digits.count == 8, digits.allSatisfy(isDigit) else { return nil }
        let year = number(digits, 0..<4), month = number(digits, 4..<6), day = number(digits, 6..<8)
        guard let timeOfDay = self.time(time) else { return LocalDateTime(year: year, month: month, day: day) }
        return LocalDateTime(year: year, month: month, day: day, time: timeOfDay)
    }

    /// Read on UTF-8 bytes: a text of ASCII digits and colons has as many characters as bytes,
    /// and any other text is not a time either way.
    static func time(_ text: String?) -> LocalDateTime.TimeOfDay? {
        guard let text = UPSText.clean(text) else { return nil }
        var digits = text.utf8.filter { $0 != UInt8(ascii: ":") }
        guard (3...6).contains(digits.count), digits.allSatisfy(isDigit) else { return nil }
        if digits.count == 3 || digits.count == 5 { digits.insert(UInt8(ascii: "0"), at: 0) }
        if digits.count == 4 { digits += [UInt8(ascii: "0"), UInt8(ascii: "0")] }
        let hour = number(digits, 0..<2), minute = number(digits, 2..<4), second = number(digits, 4..<6)
        guard hour < 24, minute < 60, second < 60 else { return nil }
        return LocalDateTime.TimeOfDay(hour: hour, minute: minute, second: second)
    }

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

    /// The decimal value of ASCII digits.
    static func number(_ digits: [UInt8], _ range: Range<Int>) -> Int {
        digits[range].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
    }

    static func offset(_ text: String?) -> UTCOffset? {
        guard var text = UPSText.clean(text) else { return nil }
        if text.utf8.contains(UInt8(ascii: ".")) { text = String(text.map { $0 == "." ? ":" : $0 }) }
        // `-4:00` → `-04:00`
        if text.count == 5, let colon = text.firstIndex(of: ":"), text.distance(from: text.startIndex, to: colon) == 2 {
            text.insert("0", at: text.index(after: text.startIndex))
        }
        return UTCOffset(parsing: text)
    }

    /// The event time: local wall clock, UPS's offset, UPS's GMT date and time. An offset that
    /// disagrees with the GMT time is dropped (the GMT time then decides, and the offset is derived).
    static func resolve(date: String?, time: String?, gmtDate: String?, gmtTime: String?, gmtOffset: String?,
                        location: Location?) -> ZoneResolver.Resolved {
        let local = self.local(date: date, time: time)
        var offset = self.offset(gmtOffset)
        let gmt = self.local(date: gmtDate, time: gmtTime).flatMap { $0.hasTime ? $0.instant(atOffset: UTCOffset(seconds: 0)) : nil }
        if let local, local.hasTime, let given = offset, let gmt,
           abs(local.instant(atOffset: given).timeIntervalSince(gmt)) > 60 {
            offset = nil
        }
        return ZoneResolver.resolve(local: local, offset: offset, utc: gmt, location: location)
    }

    /// What could not be read of an event's time, as a warning, or nil when every value given
    /// was read. An unreadable value is left out: the event keeps what remains (a date without
    /// its time, a local time without its GMT twin), or no time at all.
    static func unreadable(date: String?, time: String?, gmtDate: String?, gmtTime: String?, gmtOffset: String?) -> String? {
        var problems: [String] = []
        if let text = UPSText.clean(date), self.local(date: text, time: nil) == nil { problems.append("date \"\(text)\"") }
        if let text = UPSText.clean(time), self.time(text) == nil { problems.append("time \"\(text)\"") }
        if let text = UPSText.clean(gmtDate), self.local(date: text, time: nil) == nil { problems.append("GMT date \"\(text)\"") }
        if let text = UPSText.clean(gmtTime), self.time(text) == nil { problems.append("GMT time \"\(text)\"") }
        if let text = UPSText.clean(gmtOffset), offset(text) == nil { problems.append("GMT offset \"\(text)\"") }
        if problems.isEmpty { return nil }
        return "unreadable \(problems.joined(separator: ", ")); the event keeps the rest of its time"
    }

    /// A local date or time of an estimate, placed in the destination's zone when it has one.
    static func carrierTime(_ local: LocalDateTime?, location: Location?) -> CarrierTime? {
        guard let local else { return nil }
        let resolved = ZoneResolver.resolve(local: local, location: location)
        return CarrierTime(instant: resolved.occurredAt, local: local, offset: resolved.utcOffset, zoneSource: resolved.zoneSource)
    }
}

/// Text clean-up for UPS fields: trims, and treats `""` (Track Alert's "absent") as nil.
enum UPSText {
    static func clean(_ text: String?) -> String? {
        CarrierText.clean(text)
    }

    static func location(_ address: UPSTrackBody.Address?) -> Location? {
        guard let address else { return nil }
        let country = [address.countryCode, address.country].compactMap(clean).first { $0.count == 2 }?.uppercased()
        let location = Location(city: clean(address.city), region: clean(address.stateProvince),
                                postalCode: clean(address.postalCode), country: country)
        return location.isEmpty ? nil : location
    }
}
