import Foundation
import WaybillCore

/// FedEx times: ISO 8601 with an offset (`2024-08-20T12:41:57-04:00`), or without one. A value
/// at midnight without an offset is a date (`2024-08-15T00:00:00` on a pickup scan); ship, pickup
/// and window values at midnight are dates even with an offset (their offset is often not the
/// scan site's: `SHIP 2024-04-24T00:00:00-06:00` while the scans say `-07:00`).
enum FedExTime {
    static func parse(_ text: String?, midnightIsDate: Bool) -> (local: LocalDateTime, offset: UTCOffset?)? {
        guard let text = FedExText.clean(text) else { return nil }
        if let (instant, offset) = Timestamp.parseLenient(text) {
            let local = LocalDateTime(instant: instant, offset: offset)
            if midnightIsDate, isMidnight(local) { return (local.date, nil) }
            return (local, offset)
        }
        guard let local = LocalDateTime(parsing: text) ?? localPrefix(text) else { return nil }
        return (isMidnight(local) ? local.date : local, nil)
    }

    /// The wall clock at the start of a value whose zone part cannot be read
    /// (`2024-08-12T15:18:10 CDT`, `2024-08-12T15:18:10-5`): better the carrier's local time,
    /// placed by the scan's location, than no time.
    static func localPrefix(_ text: String) -> LocalDateTime? {
        for length in [19, 16] where text.utf8.count > length {
            if let local = LocalDateTime(parsing: String(decoding: text.utf8.prefix(length), as: UTF8.self)) { return local }
        }
        return nil
    }

    /// A warning for a value that is not read in full, or nil when it is (or is absent).
    static func problem(_ text: String?) -> String? {
        guard let text = FedExText.clean(text) else { return nil }
        if Timestamp.parseLenient(text) != nil || LocalDateTime(parsing: text) != nil { return nil }
        if localPrefix(text) != nil { return "the zone of the time \"\(text)\" could not be read; its local time is kept" }
        return "unreadable time \"\(text)\"; left out"
    }

    static func isMidnight(_ local: LocalDateTime) -> Bool {
        guard let time = local.time else { return true }
        return time.hour == 0 && time.minute == 0 && time.second == 0 && time.millisecond == 0
    }

    static func resolve(_ text: String?, midnightIsDate: Bool, location: Location?) -> ZoneResolver.Resolved {
        // A `Z` value is a UTC instant, not the scan site's wall clock at +00:00.
        // The last byte decides as `uppercased().hasSuffix("Z")` would: a parsed timestamp ends
        // in an ASCII digit or `Z`, so its last byte is its last character.
        if let text = FedExText.clean(text), text.utf8.last == UInt8(ascii: "Z") || text.utf8.last == UInt8(ascii: "z"),
           let (instant, _) = Timestamp.parseLenient(text) {
            return ZoneResolver.resolve(local: nil, utc: instant, location: location)
        }
        let parsed = parse(text, midnightIsDate: midnightIsDate)
        return ZoneResolver.resolve(local: parsed?.local, offset: parsed?.offset, location: location)
    }

    static func carrierTime(_ text: String?, location: Location?) -> CarrierTime? {
        let resolved = resolve(text, midnightIsDate: true, location: location)
        guard resolved.localTime != nil || resolved.occurredAt != nil else { return nil }
        return CarrierTime(instant: resolved.occurredAt, local: resolved.localTime, offset: resolved.utcOffset, zoneSource: resolved.zoneSource)
    }
}

enum FedExText {
    static func clean(_ text: String?) -> String? {
        CarrierText.clean(text)
    }

    static func location(_ address: FedExTrackBody.Address?) -> Location? {
        guard let address else { return nil }
        let country = clean(address.countryCode).flatMap { $0.count == 2 ? $0.uppercased() : nil }
        let location = Location(city: clean(address.city), region: clean(address.stateOrProvinceCode),
                                postalCode: clean(address.postalCode), country: country)
        return location.isEmpty ? nil : location
    }
}
