import Foundation

extension ZoneResolver {
    /// The fixed offset a carrier's zone abbreviation stands for (`EST` → −05:00, `CEST` →
    /// +02:00), or an explicit `GMT-04:00` / `UTC+5:30` / `+0200`. Case and surrounding spaces
    /// are ignored. An abbreviation names one offset, DST included (`EDT` is −04:00 all year),
    /// so the result is a carrier offset, not a zone. Ambiguous abbreviations take their North
    /// American / European meaning (`CST` Central, `IST` India, `BST` British Summer, `AST`
    /// Atlantic); pass a country to `offset(abbreviation:country:)` for the others. Generic
    /// names without a fixed offset (`ET`, `CT`, `PT`, `CET/CEST` written together) give nil.
    public static func offset(abbreviation: String) -> UTCOffset? {
        offset(abbreviation: abbreviation, country: nil)
    }

    /// As `offset(abbreviation:)`, reading an ambiguous abbreviation as the country uses it
    /// (`CST` in CN/TW is +08:00, in CU −05:00; `IST` in IE +01:00, in IL +02:00; `AST` in the
    /// Gulf states +03:00; `BST` in BD +06:00; `EST`/`CST`/`WST` in AU the old Australian names).
    public static func offset(abbreviation: String, country: String?) -> UTCOffset? {
        let text = abbreviation.trimmed.uppercased()
        if let country, let minutes = ZoneAbbreviations.regional[text]?[country.uppercased()] {
            return UTCOffset(seconds: minutes * 60)
        }
        if let minutes = ZoneAbbreviations.minutes[text] { return UTCOffset(seconds: minutes * 60) }
        return ZoneAbbreviations.explicitOffset(text)
    }
}

/// Zone abbreviations as carriers print them (Canada Post `event-time-zone`, DHL, EDI), in
/// minutes east of UTC. Meanings as in the tz database's abbreviations and the US, Canadian,
/// Australian and EU official time names.
enum ZoneAbbreviations {
    static let minutes: [String: Int] = [
        // UTC and Europe
        "UTC": 0, "GMT": 0, "UT": 0, "Z": 0, "WET": 0, "WEST": 60, "BST": 60, "IST": 330,
        "CET": 60, "CEST": 120, "MET": 60, "MEST": 120, "MEZ": 60, "MESZ": 120,
        "EET": 120, "EEST": 180, "MSK": 180, "TRT": 180, "AZOT": -60, "AZOST": 0,
        // North America and the Pacific
        "NST": -210, "NDT": -150, "AST": -240, "ADT": -180, "EST": -300, "EDT": -240,
        "CST": -360, "CDT": -300, "MST": -420, "MDT": -360, "PST": -480, "PDT": -420,
        "AKST": -540, "AKDT": -480, "HST": -600, "HDT": -540, "HAST": -600, "HADT": -540,
        "SST": -660, "CHST": 600,
        // Latin America
        "BRT": -180, "BRST": -120, "ART": -180, "CLT": -240, "CLST": -180, "UYT": -180, "PET": -300,
        "COT": -300, "VET": -240,
        // Australia and New Zealand
        "AEST": 600, "AEDT": 660, "ACST": 570, "ACDT": 630, "AWST": 480, "AWDT": 540, "ACWST": 525,
        "LHST": 630, "LHDT": 660, "NZST": 720, "NZDT": 780, "CHAST": 765, "CHADT": 825,
        // Asia and Africa
        "JST": 540, "KST": 540, "HKT": 480, "SGT": 480, "PHT": 480, "PHST": 480, "MYT": 480,
        "WIB": 420, "WITA": 480, "WIT": 540, "ICT": 420, "PKT": 300, "NPT": 345, "GST": 240,
        "SAST": 120, "CAT": 120, "EAT": 180, "WAT": 60,
    ]

    /// Abbreviations that mean something else in some countries (ISO 3166-1 alpha-2).
    static let regional: [String: [String: Int]] = [
        "CST": ["CN": 480, "TW": 480, "HK": 480, "MO": 480, "CU": -300, "AU": 570],
        "CDT": ["CU": -240, "AU": 630],
        "IST": ["IE": 60, "IL": 120],
        "IDT": ["IL": 180],
        "AST": ["SA": 180, "KW": 180, "IQ": 180, "BH": 180, "QA": 180, "YE": 180],
        "BST": ["BD": 360],
        "EST": ["AU": 600],
        "EDT": ["AU": 660],
        "WST": ["AU": 480],
        "SST": ["SG": 480],
    ]

    /// `GMT-04:00`, `UTC+5`, `GMT+0530`, `-04.00`, `+02:00`: a sign, 1–2 hour digits and
    /// optionally 2 minute digits after `:` or `.` or directly.
    static func explicitOffset(_ text: String) -> UTCOffset? {
        var rest = Substring(text)
        for prefix in ["GMT", "UTC", "UT"] where rest.hasPrefix(prefix) {
            rest = rest.dropFirst(prefix.count)
            if rest.isEmpty { return UTCOffset(seconds: 0) }
            break
        }
        guard let sign = rest.first, sign == "+" || sign == "-" || sign == "−" else { return nil }
        let body = rest.dropFirst()
        let parts = body.split(separator: ":", omittingEmptySubsequences: false).flatMap {
            $0.split(separator: ".", omittingEmptySubsequences: false)
        }
        guard body.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ":" || $0 == ".") }) else { return nil }
        let hours: Int?
        let minutes: Int?
        switch parts.count {
        case 1 where (1...2).contains(parts[0].count):
            hours = Int(parts[0]); minutes = 0
        case 1 where parts[0].count == 4:
            hours = Int(parts[0].prefix(2)); minutes = Int(parts[0].suffix(2))
        case 2 where (1...2).contains(parts[0].count) && parts[1].count == 2:
            hours = Int(parts[0]); minutes = Int(parts[1])
        default:
            return nil
        }
        guard let hours, let minutes, hours <= 14, minutes < 60 else { return nil }
        let magnitude = (hours * 60 + minutes) * 60
        return UTCOffset(seconds: sign == "+" ? magnitude : -magnitude)
    }
}

extension ZoneResolver {
    /// The zone a generic zone-family name stands for (`ET`, `Eastern`, `CT`, `MT`, `PT`, `AT`,
    /// `NT`, `HT`, `AKT`; X12 AT707 time codes and carriers that print them). Unlike an
    /// abbreviation it has no fixed offset: DST applies where the place observes it. When the
    /// event's location has a zone on the same standard time, that zone is used, so `MT` in
    /// Arizona is America/Phoenix (no DST) and `CT` in Saskatchewan America/Regina; otherwise
    /// the family's reference zone.
    public static func zone(family: String, location: Location? = nil) -> TimeZone? {
        let key = RegionKey.code(family)
        guard let identifier = ZoneAbbreviations.families[key], let reference = TimeZone(identifier: identifier) else {
            return nil
        }
        if let location, let local = zone(for: location),
           ZoneAbbreviations.standardOffset(of: local) == ZoneAbbreviations.standardOffset(of: reference) {
            return local
        }
        return reference
    }
}

extension ZoneAbbreviations {
    /// Zone families → their reference zone.
    static let families: [String: String] = [
        "ET": "America/New_York", "EASTERN": "America/New_York",
        "CT": "America/Chicago", "CENTRAL": "America/Chicago",
        "MT": "America/Denver", "MOUNTAIN": "America/Denver",
        "PT": "America/Los_Angeles", "PACIFIC": "America/Los_Angeles",
        "AT": "America/Halifax", "ATLANTIC": "America/Halifax",
        "NT": "America/St_Johns", "NEWFOUNDLAND": "America/St_Johns",
        "AKT": "America/Anchorage", "ALASKA": "America/Anchorage",
        "HT": "Pacific/Honolulu", "HAWAII": "Pacific/Honolulu",
    ]

    /// A zone's standard (non-DST) offset on a fixed winter day in the north.
    static func standardOffset(of zone: TimeZone) -> Int {
        let reference = Date(timeIntervalSince1970: 1_768_478_400) // 2026-01-15T12:00:00Z
        return zone.secondsFromGMT(for: reference) - Int(zone.daylightSavingTimeOffset(for: reference))
    }
}
