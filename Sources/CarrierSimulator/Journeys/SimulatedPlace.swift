import Foundation
import WaybillCore

/// A real place with its time zone, where simulated parcels are scanned.
struct SimulatedPlace: Sendable, Hashable {
    let city: String
    let region: String?
    let postalCode: String
    let country: String

    init(_ city: String, _ region: String?, _ postalCode: String, _ country: String) {
        self.city = city
        self.region = region
        self.postalCode = postalCode
        self.country = country
    }

    var location: Location { Location(city: city, region: region, postalCode: postalCode, country: country) }

    var zone: TimeZone { Self.zone(of: location) }

    /// The zone of a location, from WaybillCore's tables (the same the adapters resolve with).
    static func zone(of location: Location) -> TimeZone {
        if let cached = zoneCache.withLock({ $0[location.normalizedKey] }) { return cached }
        let zone = ZoneResolver.zone(for: location) ?? TimeZone(identifier: "UTC")!
        zoneCache.withLock { $0[location.normalizedKey] = zone }
        return zone
    }

    static func offsetSeconds(of location: Location, at instant: Date) -> Int {
        zone(of: location).secondsFromGMT(for: instant)
    }

    private static let zoneCache = Locked<[String: TimeZone]>([:])
}

/// Wall-clock arithmetic in a place's zone. DST changes inside a day shift a scan by an hour at
/// most, which a simulated journey tolerates; the printed offsets always come from the instant.
struct LocalClock {
    let zone: TimeZone

    init(_ place: SimulatedPlace) { zone = place.zone }

    private func offset(_ instant: Date) -> Double { Double(zone.secondsFromGMT(for: instant)) }

    /// The local midnight that starts the day of `instant`.
    func startOfDay(_ instant: Date) -> Date {
        let local = instant.timeIntervalSince1970 + offset(instant)
        let midnightLocal = (local / 86_400).rounded(.down) * 86_400
        return Date(timeIntervalSince1970: midnightLocal - offset(instant))
    }

    /// Hours since local midnight.
    func hour(_ instant: Date) -> Double {
        instant.timeIntervalSince(startOfDay(instant)) / 3600
    }

    /// `day` (a local midnight) at `hours` past midnight.
    func on(_ day: Date, at hours: Double) -> Date {
        day.addingTimeInterval(hours * 3600)
    }

    /// The local midnight `days` calendar days after the midnight `day`.
    func adding(days: Int, to day: Date) -> Date {
        startOfDay(day.addingTimeInterval(Double(days) * 86_400 + 12 * 3600))
    }

    /// 0 = Sunday … 6 = Saturday.
    func weekday(_ instant: Date) -> Int {
        let localDays = Int(((instant.timeIntervalSince1970 + offset(instant)) / 86_400).rounded(.down))
        return ((localDays + 4) % 7 + 7) % 7
    }

    /// The next working day after the midnight `day` (Saturdays count when `saturdays`).
    func nextWorkingDay(after day: Date, saturdays: Bool) -> Date {
        var next = adding(days: 1, to: day)
        while !isWorkingDay(next, saturdays: saturdays) { next = adding(days: 1, to: next) }
        return next
    }

    func isWorkingDay(_ day: Date, saturdays: Bool) -> Bool {
        switch weekday(day) {
        case 0: false
        case 6: saturdays
        default: true
        }
    }
}
