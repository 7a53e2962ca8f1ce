import Foundation
import WaybillCore

/// UPS's date, time and offset spellings: `20240320`, `190838` / `19:08:38` / `74700` (the spec
/// example drops the leading zero), offsets `+08:00` and, in Track Alert, `-04.00`.
enum UPSTime {
    /// A date (`YYYYMMDD`) with an optional time; nil when the date is missing or malformed.
    static func local(date: String?, time: String?) -> LocalDateTime? {
        guard let date = UPSText.clean(date), date.count == 8, UPSText.isDigits(date),
              let year = Int(date.prefix(4)), let month = Int(date.dropFirst(4).prefix(2)), let day = Int(date.suffix(2))
        else { return nil }
        guard let timeOfDay = self.time(time) else { return LocalDateTime(year: year, month: month, day: day) }
        return LocalDateTime(year: year, month: month, day: day, time: timeOfDay)
    }

    static func time(_ text: String?) -> LocalDateTime.TimeOfDay? {
        guard let text = UPSText.clean(text) else { return nil }
        var digits = text.filter { $0 != ":" }
        guard (3...6).contains(digits.count), UPSText.isDigits(digits) else { return nil }
        if digits.count == 3 || digits.count == 5 { digits = "0" + digits }
        if digits.count == 4 { digits += "00" }
        guard let hour = Int(digits.prefix(2)), let minute = Int(digits.dropFirst(2).prefix(2)), let second = Int(digits.suffix(2)),
              hour < 24, minute < 60, second < 60 else { return nil }
        return LocalDateTime.TimeOfDay(hour: hour, minute: minute, second: second)
    }

    static func offset(_ text: String?) -> UTCOffset? {
        guard var text = UPSText.clean(text) else { return nil }
        text = text.replacingOccurrences(of: ".", with: ":")
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
        guard let trimmed = text?.trimmed, !trimmed.isEmpty else { return nil }
        return trimmed
    }

    static func isDigits(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { (48...57).contains($0) }
    }

    static func location(_ address: UPSTrackBody.Address?) -> Location? {
        guard let address else { return nil }
        let country = [address.countryCode, address.country].compactMap(clean).first { $0.count == 2 }?.uppercased()
        let location = Location(city: clean(address.city), region: clean(address.stateProvince),
                                postalCode: clean(address.postalCode), country: country)
        return location.isEmpty ? nil : location
    }
}
