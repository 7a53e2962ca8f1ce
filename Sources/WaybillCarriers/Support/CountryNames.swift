import Foundation

/// Country names and ISO 3166-1 alpha-3 codes as carriers print them in free-text places
/// ("Barcelona - Spain", "KINGSTON-JAM", "US-60199, UNITED STATES"), to ISO alpha-2.
/// Used by the DHL Express, Canada Post and Australia Post adapters.
enum CountryNames {
    static func isoCode(_ text: String) -> String? {
        let key = text.trimmed.uppercased()
        guard !key.isEmpty else { return nil }
        if let code = table[key] { return code }
        // Folding accents is slow; most names are plain ASCII and need none.
        let plain = key.utf8.allSatisfy { $0 < 0x80 } ? key : key.folding(options: .diacriticInsensitive, locale: nil)
        if let code = nativeNames[plain] { return code }
        if key.count == 2, alpha2.contains(key) { return key }
        return nil
    }

    /// Names of European countries in their own and their neighbours' languages, as carriers
    /// there print them (accents folded).
    private static let nativeNames: [String: String] = [
        "DEUTSCHLAND": "DE", "ALLEMAGNE": "DE", "DUITSLAND": "DE", "GERMANIA": "DE", "ALEMANIA": "DE",
        "OSTERREICH": "AT", "OESTERREICH": "AT", "AUTRICHE": "AT", "OOSTENRIJK": "AT",
        "SCHWEIZ": "CH", "SUISSE": "CH", "SVIZZERA": "CH", "ZWITSERLAND": "CH",
        "FRANKREICH": "FR", "FRANKRIJK": "FR", "FRANCIA": "FR",
        "NEDERLAND": "NL", "NIEDERLANDE": "NL", "PAYS-BAS": "NL", "PAESI BASSI": "NL", "HOLLAND": "NL",
        "BELGIE": "BE", "BELGIEN": "BE", "BELGIQUE": "BE", "BELGIO": "BE",
        "ESPANA": "ES", "SPANIEN": "ES", "ESPAGNE": "ES", "SPANJE": "ES", "SPAGNA": "ES",
        "ITALIEN": "IT", "ITALIE": "IT", "ITALIA": "IT",
        "POLSKA": "PL", "POLEN": "PL", "POLOGNE": "PL", "DANMARK": "DK", "DANEMARK": "DK",
        "SVERIGE": "SE", "SCHWEDEN": "SE", "NORGE": "NO", "NORWEGEN": "NO", "SUOMI": "FI", "FINNLAND": "FI",
        "CESKO": "CZ", "CESKA REPUBLIKA": "CZ", "TSCHECHIEN": "CZ", "MAGYARORSZAG": "HU", "UNGARN": "HU",
        "LUXEMBURG": "LU", "GROSSBRITANNIEN": "GB", "VEREINIGTES KONIGREICH": "GB", "ROYAUME-UNI": "GB",
        "PORTUGAL": "PT", "IRLAND": "IE", "GRIECHENLAND": "GR", "RUMANIEN": "RO", "ROMANIA": "RO",
    ]

    /// Alpha-2 codes the table knows (the values), accepted as they are.
    private static let alpha2 = Set(table.values)

    private static let table: [String: String] = {
        var table: [String: String] = [:]
        for (alpha2, alpha3, names) in rows {
            table[alpha3] = alpha2
            for name in names { table[name] = alpha2 }
        }
        return table
    }()

    private static let rows: [(String, String, [String])] = [
        ("AE", "ARE", ["UNITED ARAB EMIRATES", "UAE"]), ("AR", "ARG", ["ARGENTINA"]), ("AT", "AUT", ["AUSTRIA"]),
        ("AU", "AUS", ["AUSTRALIA"]), ("BE", "BEL", ["BELGIUM"]), ("BG", "BGR", ["BULGARIA"]), ("BR", "BRA", ["BRAZIL"]),
        ("CA", "CAN", ["CANADA"]), ("CH", "CHE", ["SWITZERLAND"]), ("CL", "CHL", ["CHILE"]),
        ("CN", "CHN", ["CHINA", "CHINA, PEOPLES REPUBLIC", "CHINA MAINLAND"]), ("CO", "COL", ["COLOMBIA"]),
        ("CY", "CYP", ["CYPRUS"]), ("CZ", "CZE", ["CZECH REPUBLIC", "CZECHIA"]), ("DE", "DEU", ["GERMANY"]),
        ("DK", "DNK", ["DENMARK"]), ("EE", "EST", ["ESTONIA"]), ("EG", "EGY", ["EGYPT"]), ("ES", "ESP", ["SPAIN"]),
        ("FI", "FIN", ["FINLAND"]), ("FR", "FRA", ["FRANCE"]), ("GB", "GBR", ["UNITED KINGDOM", "GREAT BRITAIN", "UK", "ENGLAND"]),
        ("GR", "GRC", ["GREECE"]), ("HK", "HKG", ["HONG KONG", "HONG KONG SAR, CHINA"]), ("HR", "HRV", ["CROATIA"]),
        ("HU", "HUN", ["HUNGARY"]), ("ID", "IDN", ["INDONESIA"]), ("IE", "IRL", ["IRELAND", "IRELAND, REPUBLIC OF"]),
        ("IL", "ISR", ["ISRAEL"]), ("IN", "IND", ["INDIA"]), ("IS", "ISL", ["ICELAND"]), ("IT", "ITA", ["ITALY"]),
        ("JM", "JAM", ["JAMAICA"]), ("JP", "JPN", ["JAPAN"]), ("KR", "KOR", ["KOREA, REPUBLIC OF", "SOUTH KOREA", "KOREA"]),
        ("LT", "LTU", ["LITHUANIA"]), ("LU", "LUX", ["LUXEMBOURG"]), ("LV", "LVA", ["LATVIA"]), ("MA", "MAR", ["MOROCCO"]),
        ("MT", "MLT", ["MALTA"]), ("MX", "MEX", ["MEXICO"]), ("MY", "MYS", ["MALAYSIA"]), ("NG", "NGA", ["NIGERIA"]),
        ("NL", "NLD", ["NETHERLANDS", "THE NETHERLANDS", "HOLLAND"]), ("NO", "NOR", ["NORWAY"]),
        ("NZ", "NZL", ["NEW ZEALAND"]), ("PE", "PER", ["PERU"]), ("PH", "PHL", ["PHILIPPINES"]), ("PL", "POL", ["POLAND"]),
        ("PR", "PRI", ["PUERTO RICO"]), ("PT", "PRT", ["PORTUGAL"]), ("QA", "QAT", ["QATAR"]), ("RO", "ROU", ["ROMANIA"]),
        ("RS", "SRB", ["SERBIA"]), ("RU", "RUS", ["RUSSIA", "RUSSIAN FEDERATION"]), ("SA", "SAU", ["SAUDI ARABIA"]),
        ("SE", "SWE", ["SWEDEN"]), ("SG", "SGP", ["SINGAPORE"]), ("SI", "SVN", ["SLOVENIA"]), ("SK", "SVK", ["SLOVAKIA"]),
        ("TH", "THA", ["THAILAND"]), ("TR", "TUR", ["TURKEY", "TURKIYE"]), ("TW", "TWN", ["TAIWAN"]), ("UA", "UKR", ["UKRAINE"]),
        ("US", "USA", ["UNITED STATES", "UNITED STATES OF AMERICA", "U.S.A."]), ("VN", "VNM", ["VIETNAM", "VIET NAM"]),
        ("ZA", "ZAF", ["SOUTH AFRICA"]),
    ]
}
