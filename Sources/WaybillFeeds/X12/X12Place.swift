import WaybillCore

/// Places as X12 writes them (MS1 city/state/country, N4 city/state/postal/country).
enum X12Place {
    /// A location with an ISO 3166-1 alpha-2 country: 3-letter codes of North America are
    /// converted, and a missing country is inferred from a US state or Canadian province code.
    static func location(city: String?, region: String?, postalCode: String? = nil, country: String?) -> Location? {
        let region = region?.uppercased()
        let location = Location(city: city, region: region, postalCode: postalCode,
                                country: self.country(country?.uppercased(), region: region))
        return location.isEmpty ? nil : location
    }

    static func country(_ code: String?, region: String?) -> String? {
        if let code {
            if code.count == 2 { return code }
            return alpha3[code] ?? code
        }
        guard let region else { return nil }
        if usRegions.contains(region) { return "US" }
        if canadianProvinces.contains(region) { return "CA" }
        return nil
    }

    static let alpha3 = ["USA": "US", "CAN": "CA", "MEX": "MX", "PRI": "PR"]

    static let usRegions: Set<String> = [
        "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY",
        "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH",
        "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY",
    ]

    static let canadianProvinces: Set<String> = ["AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT"]
}
