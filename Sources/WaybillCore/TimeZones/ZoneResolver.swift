import Foundation

/// Turns a carrier's time into an event's `occurred_at`, `local_time`, `utc_offset` and
/// `zone_source` (DESIGN.md). A carrier local time is never labelled UTC; a date alone stays a
/// date. Precedence, first match wins:
///
/// 1. **Carrier offset** (`carrier_offset`): a wall-clock time with the offset the carrier gave
///    (RFC 3339 offset, `GMT-04:00`, or an abbreviation via `offset(abbreviation:)`). If the
///    carrier also sent a UTC field that disagrees with it by a minute or more, the explicit
///    offset wins: local time, offset and instant stay consistent, and the set-aside UTC value
///    is reported in `conflictingUTC`.
/// 2. **Carrier UTC** (`carrier_utc`): the instant is the carrier's UTC field and the offset is
///    what lies between it and the local time, when that is a real offset (a whole quarter hour
///    within a minute, −12:00…+14:00). The UTC field is set aside (`conflictingUTC`) and the next
///    rule applies when it is not, or when it merely repeats the local wall clock (offset 00:00)
///    at a place whose zone is not at 00:00 then (the "local time stamped Z" carrier bug). A
///    date-only local value must fall on the UTC instant's date somewhere on Earth.
/// 3. **Location** (`location`): the IANA zone of the event's place (country; region; postal
///    code where a region spans zones; see `zoneIdentifier(for:)`). In a DST gap (a time that
///    does not exist) the offset in force before the gap applies, so 02:30 on spring-forward day
///    in America/New_York is read at −05:00 (07:30Z) as if the clock had not yet been changed; in
///    an overlap (a time that happens twice) the first occurrence, i.e. the earlier instant.
///    `wallClock` tells which case occurred.
/// 4. Otherwise `unknown`: no instant, the local time kept.
///
/// Carrier zone names: `offset(abbreviation:)` turns `EST`, `CEST`, `GMT-04:00` into a fixed
/// offset (rule 1); `zone(family:location:)` turns `ET`/`CT`/`MT`/`PT` into a zone whose DST
/// the caller applies with `offset(of:in:)`. Data: `CountryZones`, `RegionZones`, `PostalZones`.
public enum ZoneResolver {
    /// Whether a wall-clock time exists once, never or twice in a zone.
    public enum WallClock: String, Sendable, Hashable, Codable {
        case unique
        /// In a spring-forward gap: read with the offset before the gap.
        case nonexistent
        /// In a fall-back overlap: read as the first occurrence.
        case ambiguous
    }

    public struct Resolved: Sendable, Hashable {
        public var occurredAt: Date?
        public var localTime: LocalDateTime?
        public var utcOffset: UTCOffset?
        public var zoneSource: ZoneSource
        /// The IANA zone used when `zoneSource` is `.location`.
        public var zoneIdentifier: String?
        /// How the local time fell in that zone (always `.unique` for fixed offsets).
        public var wallClock: WallClock
        /// A carrier UTC value that did not agree with the carrier's local time and was set aside.
        public var conflictingUTC: Date?

        public init(occurredAt: Date?, localTime: LocalDateTime?, utcOffset: UTCOffset?, zoneSource: ZoneSource,
                    zoneIdentifier: String? = nil, wallClock: WallClock = .unique, conflictingUTC: Date? = nil) {
            self.occurredAt = occurredAt
            self.localTime = localTime
            self.utcOffset = utcOffset
            self.zoneSource = zoneSource
            self.zoneIdentifier = zoneIdentifier
            self.wallClock = wallClock
            self.conflictingUTC = conflictingUTC
        }
    }

    /// Disagreement below this is rounding (a local time without seconds beside a UTC time with them).
    static let tolerance: TimeInterval = 60

    /// - Parameters:
    ///   - local: the wall-clock time (or date) the carrier gave.
    ///   - offset: the offset the carrier gave with it, if any.
    ///   - utc: the carrier's separate UTC timestamp, if any.
    ///   - location: where the event happened, to find its zone.
    public static func resolve(local: LocalDateTime?, offset: UTCOffset? = nil, utc: Date? = nil,
                               location: Location? = nil) -> Resolved {
        if let local, let offset, local.hasTime {
            let instant = local.instant(atOffset: offset)
            let conflicting = utc.flatMap { abs($0.timeIntervalSince(instant)) >= tolerance ? $0 : nil }
            return Resolved(occurredAt: instant, localTime: local, utcOffset: offset, zoneSource: .carrierOffset,
                            conflictingUTC: conflicting)
        }
        var conflictingUTC: Date?
        if let utc {
            if let resolved = fromUTC(utc, local: local, offset: offset, location: location) { return resolved }
            conflictingUTC = utc
        }
        guard let local, local.hasTime else {
            return Resolved(occurredAt: nil, localTime: local, utcOffset: offset, zoneSource: .unknown, conflictingUTC: conflictingUTC)
        }
        if let location, let identifier = zoneIdentifier(for: location), let zone = ZoneCache.shared.zone(identifier: identifier) {
            let candidates = candidateOffsets(of: local, in: zone)
            let zoneOffset = Self.offset(from: candidates)
            return Resolved(occurredAt: local.instant(atOffset: zoneOffset), localTime: local, utcOffset: zoneOffset,
                            zoneSource: .location, zoneIdentifier: identifier, wallClock: wallClock(from: candidates),
                            conflictingUTC: conflictingUTC)
        }
        return Resolved(occurredAt: nil, localTime: local, utcOffset: nil, zoneSource: .unknown, conflictingUTC: conflictingUTC)
    }

    /// Rule 2: the carrier's UTC field, if the local time (or date) beside it agrees with it.
    private static func fromUTC(_ utc: Date, local: LocalDateTime?, offset: UTCOffset?, location: Location?) -> Resolved? {
        guard let local else {
            return Resolved(occurredAt: utc, localTime: nil, utcOffset: offset, zoneSource: .carrierUTC)
        }
        guard local.hasTime else {
            // Somewhere between −12:00 and +14:00 the instant must fall on that date.
            let earliest = LocalDateTime(instant: utc, offset: UTCOffset(seconds: -12 * 3600)).date
            let latest = LocalDateTime(instant: utc, offset: UTCOffset(seconds: 14 * 3600)).date
            guard earliest <= local, local <= latest else { return nil }
            return Resolved(occurredAt: utc, localTime: local, utcOffset: offset, zoneSource: .carrierUTC)
        }
        let difference = local.instant(atOffset: UTCOffset(seconds: 0)).timeIntervalSince(utc)
        let quarterHours = (difference / 900).rounded()
        let seconds = Int(quarterHours) * 900
        guard abs(difference - quarterHours * 900) < tolerance, (-12 * 3600...14 * 3600).contains(seconds) else { return nil }
        if seconds == 0, let location, let zone = zone(for: location), zone.secondsFromGMT(for: utc) != 0 {
            return nil // the "UTC" field is the local wall clock with a Z stuck on
        }
        return Resolved(occurredAt: utc, localTime: local, utcOffset: UTCOffset(seconds: seconds), zoneSource: .carrierUTC)
    }

    /// The IANA zone of a location, when its country (and region or postal code where a
    /// country spans zones) decides one.
    public static func zone(for location: Location) -> TimeZone? {
        zoneIdentifier(for: location).flatMap(ZoneCache.shared.zone(identifier:))
    }

    /// The IANA zone identifier of a location, in this order: the postal code where it picks out
    /// an area (split US states and Canadian provinces, border strips, islands; see
    /// `PostalZones`); the region (state, province) by code or name, which answers nil for a
    /// region split too evenly to guess (e.g. Tennessee, Kentucky, Indiana, Nunavut, Chihuahua)
    /// and uses the longitude in Ontario (west of 90°W is Central); the country when it has one
    /// zone, or one zone for nearly all of it (`CountryZones`). Nil otherwise.
    public static func zoneIdentifier(for location: Location) -> String? {
        ZoneCache.shared.identifier(for: location)
    }

    /// The offset a wall-clock time has in a zone. In a DST gap (a time that does not exist)
    /// the offset before the gap applies; in an overlap (a time that happens twice) the first.
    public static func offset(of local: LocalDateTime, in zone: TimeZone) -> UTCOffset {
        offset(from: candidateOffsets(of: local, in: zone))
    }

    /// Whether a wall-clock time exists once, never (DST gap) or twice (DST overlap) in a zone.
    public static func wallClock(of local: LocalDateTime, in zone: TimeZone) -> WallClock {
        wallClock(from: candidateOffsets(of: local, in: zone))
    }

    private static func offset(from candidates: (before: Int, matching: [Int])) -> UTCOffset {
        // Larger offsets first: of two readings, the one with the larger offset is the earlier instant.
        if let first = candidates.matching.max() { return UTCOffset(seconds: first) }
        return UTCOffset(seconds: candidates.before)
    }

    private static func wallClock(from candidates: (before: Int, matching: [Int])) -> WallClock {
        switch candidates.matching.count {
        case 0: .nonexistent
        case 1: .unique
        default: .ambiguous
        }
    }

    /// The offsets in force a day either side of a wall-clock time, and those of them under
    /// which the wall-clock time actually occurs.
    private static func candidateOffsets(of local: LocalDateTime, in zone: TimeZone) -> (before: Int, matching: [Int]) {
        let cache = ZoneCache.shared
        return cache.candidateOffsets(zone, naive: local.instant(atOffset: UTCOffset(seconds: 0))) { naive in
            let before = cache.secondsFromGMT(zone, at: naive.addingTimeInterval(-86_400))
            let after = cache.secondsFromGMT(zone, at: naive.addingTimeInterval(86_400))
            let offsets = before == after ? [before] : [before, after]
            let matching = offsets.filter { cache.secondsFromGMT(zone, at: naive.addingTimeInterval(TimeInterval(-$0))) == $0 }
            return (before, after, matching)
        }
    }
}
