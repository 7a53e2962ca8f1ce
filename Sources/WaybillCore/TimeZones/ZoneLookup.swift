import Foundation

/// Location → IANA zone identifier over the data tables (see `ZoneResolver.zoneIdentifier(for:)`).
enum ZoneLookup {
    static func identifier(for location: Location) -> String? {
        guard let raw = location.country.map({ $0.trimmed.uppercased() }), !raw.isEmpty else { return nil }
        let country = CountryZones.aliases[raw] ?? raw
        if let postalCode = location.postalCode, let zone = PostalZones.zone(country: country, postalCode: postalCode) {
            return zone
        }
        if let region = location.region, let row = RegionIndex.all[country]?.row(for: region, country: country) {
            if country == "CA", row.codes.contains("ON"), let longitude = location.longitude, longitude < -90 {
                return "America/Winnipeg" // Ontario west of 90°W keeps Central time
            }
            if let zone = row.zone { return zone }
            // A region split between zones: its larger cities are known.
            return location.city.flatMap { CityZones.zone(country: country, regionCodes: row.codes, city: $0) }
        }
        return CountryZones.singleZone[country] ?? CountryZones.mainZone[country]
    }

}

/// A country's region rows by code and by name key (`RegionKey`).
struct RegionIndex: Sendable {
    private var byCode: [String: Int] = [:]
    private var byName: [String: Int] = [:]
    private let rows: [RegionZones.Row]

    static let all: [String: RegionIndex] = RegionZones.tables.mapValues(RegionIndex.init)

    init(_ rows: [RegionZones.Row]) {
        self.rows = rows
        var clashes: Set<String> = []
        func insert(_ key: String, _ index: Int, into table: inout [String: Int]) {
            guard !key.isEmpty, !clashes.contains(key) else { return }
            if let existing = table[key], rows[existing].zone != rows[index].zone {
                // Two regions with different zones share this spelling: it decides nothing.
                table[key] = nil
                clashes.insert(key)
            } else if table[key] == nil {
                table[key] = index
            }
        }
        for (index, row) in rows.enumerated() {
            for code in row.codes { insert(RegionKey.code(code), index, into: &byCode) }
            for name in row.names {
                let words = RegionKey.words(name)
                insert(RegionKey.key(words), index, into: &byName)
                insert(RegionKey.key(words, dropping: RegionKey.genericWords), index, into: &byName)
            }
        }
    }

    /// The row a region code (`ON`, `CA-ON`) or name (`Ontario`, `ONTARIO`, `Nouvelle-Écosse`) names.
    func row(for region: String, country: String) -> RegionZones.Row? {
        var code = RegionKey.code(region)
        if code.hasPrefix(country), region.uppercased().hasPrefix(country + "-") { code.removeFirst(country.count) }
        if let index = byCode[code] { return rows[index] }
        let words = RegionKey.words(region)
        if let index = byName[RegionKey.key(words)] ?? byName[RegionKey.key(words, dropping: RegionKey.genericWords)] {
            return rows[index]
        }
        return nil
    }
}

/// Spelling-insensitive keys for region codes and names: case, accents and punctuation are
/// ignored, and so (as a second try) are generic words such as "Oblast", "Province", "State".
enum RegionKey {
    static let genericWords: Set<String> = [
        "the", "of", "de", "del", "state", "estado", "province", "provincia", "region", "territory", "city",
        "oblast", "krai", "kray", "republic", "respublika", "autonomous", "okrug", "ao",
        "область", "край", "республика", "город",
    ]

    static func code(_ text: String) -> String {
        String(text.uppercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) })
    }

    static func words(_ text: String) -> [String] {
        var folded = ""
        for scalar in text.lowercased().unicodeScalars {
            if let plain = foldedLetters[scalar] {
                folded += plain
            } else if scalar.properties.generalCategory != .nonspacingMark { // decomposed accents: "Que\u{301}bec"
                folded.unicodeScalars.append(scalar)
            }
        }
        return folded.split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }

    /// Accented Latin letters (U+00C0–U+024F) → their base letters, computed once from fixed
    /// input so that carrier text never goes through Foundation's string folding.
    static let foldedLetters: [Unicode.Scalar: String] = {
        var table: [Unicode.Scalar: String] = [:]
        for value in UInt32(0xC0)...0x24F {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let letter = String(scalar).lowercased()
            let plain = letter.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            if plain != letter, plain.unicodeScalars.allSatisfy(\.isASCII) { table[scalar] = plain }
        }
        return table
    }()

    static func key(_ words: [String], dropping generic: Set<String> = []) -> String {
        words.filter { !generic.contains($0) }.joined()
    }
}
