import Foundation
import WaybillCore

/// AT707 / G6205 Time Code (element 623), standards.md §1.3. Offsets are written with P/M
/// numbers (`20` is −05:00: the numbers 13–24 count down from −12 to −1).
enum X12TimeCode: Sendable, Hashable {
    /// A fixed offset (`01`–`29`, `ES`, `CD`, ...).
    case offset(UTCOffset)
    /// `UT` / `GM`: the time is UTC.
    case utc
    /// `ET`, `CT`, `MT`, `PT`, `AT`, `HT`, `NT`: a zone with its DST rules, refined by location.
    case family(String)
    /// `LT` or no code: the local time of the event's place.
    case local

    /// nil for a code the element does not define.
    init?(_ code: String?) {
        guard let code = code.map(\.trimmed)?.uppercased(), !code.isEmpty else {
            self = .local
            return
        }
        if let number = Int(code), code.count == 2 {
            switch number {
            case 1...12: self = .offset(UTCOffset(seconds: number * 3600))
            case 13...24: self = .offset(UTCOffset(seconds: -(25 - number) * 3600))
            case 25: self = .offset(UTCOffset(seconds: -(2 * 3600 + 1800)))
            case 26: self = .offset(UTCOffset(seconds: -(3 * 3600 + 1800)))
            case 27: self = .offset(UTCOffset(seconds: 5 * 3600 + 1800))
            case 28: self = .offset(UTCOffset(seconds: 9 * 3600 + 1800))
            case 29: self = .offset(UTCOffset(seconds: 10 * 3600 + 1800))
            default: return nil
            }
            return
        }
        if let minutes = Self.fixed[code] {
            self = .offset(UTCOffset(seconds: minutes * 60))
        } else if Self.families[code] != nil {
            self = .family(code)
        } else if code == "UT" || code == "GM" {
            self = .utc
        } else if code == "LT" {
            self = .local
        } else {
            return nil
        }
    }

    /// Standard and daylight codes: fixed offsets in minutes.
    static let fixed: [String: Int] = [
        "ES": -300, "ED": -240, "CS": -360, "CD": -300, "MS": -420, "MD": -360, "PS": -480, "PD": -420,
        "AS": -540, "AD": -480, "HS": -600, "HD": -540, "NS": -210, "ND": -150,
    ]

    /// "Time" codes → the zone family name `ZoneResolver.zone(family:location:)` knows. X12 `AT`
    /// is Alaska Time, not Atlantic.
    static let families: [String: String] = [
        "ET": "ET", "CT": "CT", "MT": "MT", "PT": "PT", "AT": "AKT", "HT": "HT", "NT": "NT",
    ]

    /// The event time: `local` (a date, or a date and time) read with this code at `location`.
    func resolve(_ local: LocalDateTime?, location: Location?) -> ZoneResolver.Resolved {
        switch self {
        case .offset(let offset):
            return ZoneResolver.resolve(local: local, offset: offset, location: location)
        case .utc:
            guard let local, local.hasTime else { return ZoneResolver.resolve(local: local, location: nil) }
            let instant = local.instant(atOffset: UTCOffset(seconds: 0))
            // The carrier gave UTC; show the place's wall clock when its zone is known.
            if let location, let zone = ZoneResolver.zone(for: location) {
                let offset = UTCOffset(seconds: zone.secondsFromGMT(for: instant))
                return .init(occurredAt: instant, localTime: LocalDateTime(instant: instant, offset: offset),
                             utcOffset: offset, zoneSource: .carrierUTC)
            }
            return .init(occurredAt: instant, localTime: nil, utcOffset: nil, zoneSource: .carrierUTC)
        case .family(let code):
            guard let local, local.hasTime, let family = Self.families[code],
                  let zone = ZoneResolver.zone(family: family, location: location) else {
                return ZoneResolver.resolve(local: local, location: nil)
            }
            let offset = ZoneResolver.offset(of: local, in: zone)
            return .init(occurredAt: local.instant(atOffset: offset), localTime: local, utcOffset: offset,
                         zoneSource: .carrierOffset, zoneIdentifier: zone.identifier,
                         wallClock: ZoneResolver.wallClock(of: local, in: zone))
        case .local:
            return ZoneResolver.resolve(local: local, location: location)
        }
    }
}

/// X12 dates (CCYYMMDD) and times (HHMM, HHMMSS, HHMMSSD, HHMMSSDD).
enum X12DateTime {
    enum Failure: Error { case date, time }

    /// The date and time, a date alone when the time is absent or all zeros (`0000`, senders'
    /// "time unknown"), or nil when both are absent.
    static func parse(date: String?, time: String?) -> Result<LocalDateTime?, Failure> {
        guard let date else { return time == nil ? .success(nil) : .failure(.date) }
        let digits = Array(date.utf8)
        guard digits.count == 8, digits.allSatisfy({ (48...57).contains($0) }),
              let year = Int(date.prefix(4)), let month = Int(date.dropFirst(4).prefix(2)), let day = Int(date.suffix(2)),
              let day = LocalDateTime(year: year, month: month, day: day) else { return .failure(.date) }
        guard let time, !time.utf8.allSatisfy({ $0 == 48 }) else { return .success(day) }
        let t = Array(time.utf8)
        guard [4, 6, 7, 8].contains(t.count), t.allSatisfy({ (48...57).contains($0) }) else { return .failure(.time) }
        func pair(_ at: Int) -> Int { Int(t[at] - 48) * 10 + Int(t[at + 1] - 48) }
        let hour = pair(0), minute = pair(2), second = t.count >= 6 ? pair(4) : 0
        var millisecond = 0
        if t.count == 7 { millisecond = Int(t[6] - 48) * 100 }
        if t.count == 8 { millisecond = pair(6) * 10 }
        guard hour <= 23, minute <= 59, second <= 59 else { return .failure(.time) }
        let clock = LocalDateTime.TimeOfDay(hour: hour, minute: minute, second: second, millisecond: millisecond)
        guard let value = LocalDateTime(year: day.year, month: day.month, day: day.day, time: clock) else { return .failure(.time) }
        return .success(value)
    }
}
