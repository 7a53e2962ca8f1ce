import WaybillCore

/// Canada Post's `event-time-zone` names the zone of the scan, not an offset (carriers.md §10).
///
/// Evidence (real captures, `realworld/canada_post/`): scans in September 2015, when daylight
/// time was in force, say `EST` (Ontario), `MST` (Calgary) and `PST` (Richmond BC), never
/// `EDT`/`MDT`/`PDT`; and Regina, where the clock never changes, gets its own `CSTNO` ("no
/// daylight saving"), which would be needless if `CST` meant a fixed -06:00. So:
/// - a standard name (`EST`, `CST`, `MST`, `PST`, `AST`, `NST`, French `HNE`...) is its zone
///   family: the offset that zone has at that local time, daylight time included (the scan
///   place's own zone when it keeps the same standard time, e.g. `CST` in Regina);
/// - a name ending in `NO` is the standard offset all year;
/// - a daylight name (`EDT`, `HAE`...) and `UTC`/`GMT` are the offset they name.
/// An empty or unknown name leaves the zone to the scan's province or country.
enum CanadaPostTimeZones {
    static func resolve(local: LocalDateTime, abbreviation: String?, location: Location?) -> ZoneResolver.Resolved {
        guard local.hasTime, let offset = offset(for: abbreviation, at: local, location: location) else {
            return ZoneResolver.resolve(local: local, location: location)
        }
        return ZoneResolver.resolve(local: local, offset: offset)
    }

    /// The offset the abbreviation gives at `local`, or nil when it is empty or unknown.
    static func offset(for abbreviation: String?, at local: LocalDateTime, location: Location? = nil) -> UTCOffset? {
        guard let key = abbreviation?.trimmed.uppercased(), !key.isEmpty else { return nil }
        if let family = families[key], let zone = ZoneResolver.zone(family: family, location: location) {
            return ZoneResolver.offset(of: local, in: zone)
        }
        if key.hasSuffix("NO"), let family = families[String(key.dropLast(2))],
           let minutes = standardMinutes[family] {
            return UTCOffset(seconds: minutes * 60)
        }
        return fixedMinutesEastOfUTC[key].map { UTCOffset(seconds: $0 * 60) }
    }

    /// Standard-time names, English and French, → zone family (`ZoneResolver.zone(family:)`).
    static let families: [String: String] = [
        "NST": "NT", "HNT": "NT", "AST": "AT", "HNA": "AT", "EST": "ET", "HNE": "ET",
        "CST": "CT", "HNC": "CT", "MST": "MT", "HNR": "MT", "PST": "PT", "HNP": "PT",
        "AKST": "AKT", "HST": "HT",
    ]

    static let standardMinutes: [String: Int] = [
        "NT": -210, "AT": -240, "ET": -300, "CT": -360, "MT": -420, "PT": -480, "AKT": -540, "HT": -600,
    ]

    /// Names of one offset: daylight time, UTC.
    static let fixedMinutesEastOfUTC: [String: Int] = [
        "NDT": -150, "HAT": -150, "ADT": -180, "HAA": -180, "EDT": -240, "HAE": -240,
        "CDT": -300, "HAC": -300, "MDT": -360, "HAR": -360, "PDT": -420, "HAP": -420,
        "AKDT": -480, "UTC": 0, "GMT": 0,
    ]
}
