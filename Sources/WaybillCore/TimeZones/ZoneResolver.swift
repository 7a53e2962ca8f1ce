import Foundation

/// Turns a carrier's time into an event's `occurred_at`, `local_time`, `utc_offset` and
/// `zone_source` (DESIGN.md): the carrier's offset, else the carrier's UTC field (checked
/// against its local time), else the IANA zone of the event's location, else unknown with no
/// instant. A carrier local time is never labelled UTC; a date alone stays a date.
public enum ZoneResolver {
    public struct Resolved: Sendable, Hashable {
        public var occurredAt: Date?
        public var localTime: LocalDateTime?
        public var utcOffset: UTCOffset?
        public var zoneSource: ZoneSource

        public init(occurredAt: Date?, localTime: LocalDateTime?, utcOffset: UTCOffset?, zoneSource: ZoneSource) {
            self.occurredAt = occurredAt
            self.localTime = localTime
            self.utcOffset = utcOffset
            self.zoneSource = zoneSource
        }
    }

    /// - Parameters:
    ///   - local: the wall-clock time (or date) the carrier gave.
    ///   - offset: the offset the carrier gave with it, if any.
    ///   - utc: the carrier's separate UTC timestamp, if any.
    ///   - location: where the event happened, to find its zone.
    public static func resolve(local: LocalDateTime?, offset: UTCOffset? = nil, utc: Date? = nil,
                               location: Location? = nil) -> Resolved {
        if let local, let offset, local.hasTime {
            return Resolved(occurredAt: local.instant(atOffset: offset), localTime: local, utcOffset: offset, zoneSource: .carrierOffset)
        }
        if let utc {
            guard let local, local.hasTime else {
                return Resolved(occurredAt: utc, localTime: local, utcOffset: offset, zoneSource: .carrierUTC)
            }
            // The local time and the UTC time together give the offset, if it is a real one.
            let seconds = Int((local.instant(atOffset: UTCOffset(seconds: 0)).timeIntervalSince(utc)).rounded())
            let derived = seconds % 900 == 0 && abs(seconds) <= 14 * 3600 ? UTCOffset(seconds: seconds) : nil
            return Resolved(occurredAt: utc, localTime: local, utcOffset: derived, zoneSource: .carrierUTC)
        }
        guard let local else { return Resolved(occurredAt: nil, localTime: nil, utcOffset: nil, zoneSource: .unknown) }
        guard local.hasTime else { return Resolved(occurredAt: nil, localTime: local, utcOffset: offset, zoneSource: .unknown) }
        if let location, let zone = zone(for: location) {
            let zoneOffset = Self.offset(of: local, in: zone)
            return Resolved(occurredAt: local.instant(atOffset: zoneOffset), localTime: local, utcOffset: zoneOffset, zoneSource: .location)
        }
        return Resolved(occurredAt: nil, localTime: local, utcOffset: nil, zoneSource: .unknown)
    }

    /// The IANA zone of a location, when its country (and region or postal code where a
    /// country spans zones) decides one.
    public static func zone(for location: Location) -> TimeZone? {
        guard let country = location.country?.uppercased(), let identifier = ZoneTables.singleZoneCountries[country] else {
            return nil
        }
        return TimeZone(identifier: identifier)
    }

    /// The offset a wall-clock time has in a zone. In a DST gap (a time that does not exist)
    /// the offset before the gap applies; in an overlap (a time that happens twice) the first.
    public static func offset(of local: LocalDateTime, in zone: TimeZone) -> UTCOffset {
        let naive = local.instant(atOffset: UTCOffset(seconds: 0))
        // Candidate offsets are those in force a day either side; pick the earliest instant
        // whose wall clock matches, else (a gap) the offset before the gap.
        let before = zone.secondsFromGMT(for: naive.addingTimeInterval(-86_400))
        let after = zone.secondsFromGMT(for: naive.addingTimeInterval(86_400))
        let candidates = before == after ? [before] : [before, after].sorted(by: >)
        for seconds in candidates {
            let instant = naive.addingTimeInterval(TimeInterval(-seconds))
            if zone.secondsFromGMT(for: instant) == seconds { return UTCOffset(seconds: seconds) }
        }
        return UTCOffset(seconds: before)
    }
}

/// Zone data: countries that have one zone (by ISO 3166-1 alpha-2).
enum ZoneTables {
    static let singleZoneCountries: [String: String] = [
        "GB": "Europe/London", "IE": "Europe/Dublin", "FR": "Europe/Paris", "DE": "Europe/Berlin", "NL": "Europe/Amsterdam",
        "BE": "Europe/Brussels", "LU": "Europe/Luxembourg", "CH": "Europe/Zurich", "AT": "Europe/Vienna", "IT": "Europe/Rome",
        "ES": "Europe/Madrid", "PL": "Europe/Warsaw", "CZ": "Europe/Prague", "DK": "Europe/Copenhagen", "SE": "Europe/Stockholm",
        "NO": "Europe/Oslo", "FI": "Europe/Helsinki", "JP": "Asia/Tokyo", "CN": "Asia/Shanghai", "HK": "Asia/Hong_Kong",
        "SG": "Asia/Singapore", "KR": "Asia/Seoul", "IN": "Asia/Kolkata", "NZ": "Pacific/Auckland",
    ]
}
