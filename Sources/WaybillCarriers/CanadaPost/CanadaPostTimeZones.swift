import WaybillCore

/// Canada Post's `event-time-zone`: a zone abbreviation for the scan site (carriers.md §10).
/// Each abbreviation names one offset, standard or daylight, so it is taken literally: "EDT" is
/// -04:00 and "EST" -05:00 whatever the date. English and French forms are both sent.
enum CanadaPostTimeZones {
    static func offset(for abbreviation: String?) -> UTCOffset? {
        guard let key = abbreviation?.trimmed.uppercased(), !key.isEmpty,
              let minutes = minutesEastOfUTC[key] else { return nil }
        return UTCOffset(seconds: minutes * 60)
    }

    static let minutesEastOfUTC: [String: Int] = [
        // Newfoundland, Atlantic, Eastern, Central, Mountain, Pacific; standard then daylight.
        "NST": -210, "NDT": -150, "HNT": -210, "HAT": -150,
        "AST": -240, "ADT": -180, "HNA": -240, "HAA": -180,
        "EST": -300, "EDT": -240, "HNE": -300, "HAE": -240,
        "CST": -360, "CDT": -300, "HNC": -360, "HAC": -300,
        "MST": -420, "MDT": -360, "HNR": -420, "HAR": -360,
        "PST": -480, "PDT": -420, "HNP": -480, "HAP": -420,
        // US zones that appear on cross-border scans.
        "AKST": -540, "AKDT": -480, "HST": -600,
        "UTC": 0, "GMT": 0,
    ]
}
