import WaybillCore

/// A DHL Express service area (`ServiceAreaCode` + `Description`) read as a place.
///
/// XML-PI event times are local to the service area and carry no zone, so the place is what
/// decides the zone. Descriptions come as "Barcelona - Spain", "KINGSTON-JAM",
/// "SPRINGFIELD GARDENS,NY-USA" or "LONDON-HEATHROW - UNITED KINGDOM": the country is after
/// the last hyphen (a name or an alpha-3 code), a US state or Canadian province after a comma.
enum DHLExpressServiceArea {
    static func location(code: String?, description: String?) -> Location? {
        var city: String?
        var region: String?
        var country: String?
        if let description = description?.split(whereSeparator: \.isNewline).map({ $0.trimmed })
            .joined(separator: " "), !description.isEmpty {
            if let hyphen = description.lastIndex(of: "-") {
                country = CountryNames.isoCode(String(description[description.index(after: hyphen)...]))
                if country != nil { city = String(description[..<hyphen]) }
            }
            if country == nil { city = description }
            if let place = city, let comma = place.lastIndex(of: ",") {
                let tail = place[place.index(after: comma)...].trimmed
                if tail.count == 2, tail.allSatisfy(\.isLetter) {
                    region = tail.uppercased()
                    city = String(place[..<comma])
                }
            }
            city = city?.trimmed
        }
        if country == nil, let code = code?.trimmed.uppercased() {
            country = knownAreas[code]
        }
        let location = Location(city: city?.isEmpty == false ? city : nil, region: region, country: country)
        return location.isEmpty ? nil : location
    }

    /// Countries of service areas whose description does not name one (codes seen in DHL's
    /// samples and large hubs).
    static let knownAreas: [String: String] = [
        "BCN": "ES", "MAD": "ES", "MIL": "IT", "BGY": "IT", "LEJ": "DE", "CGN": "DE", "FRA": "DE", "SIN": "SG", "HKG": "HK",
        "KIN": "JM", "LGA": "US", "JFK": "US", "CVG": "US", "LAX": "US", "MIA": "US", "ORD": "US", "LHR": "GB", "EMA": "GB",
        "AMS": "NL", "BRU": "BE", "CDG": "FR", "PAR": "FR", "SYD": "AU", "MEL": "AU", "YYZ": "CA", "YUL": "CA", "NRT": "JP",
        "TYO": "JP", "PVG": "CN", "SHA": "CN", "DXB": "AE", "BAH": "BH",
    ]
}
