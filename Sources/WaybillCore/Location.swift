/// Where an event happened, as precisely as the carrier said.
public struct Location: Codable, Sendable, Hashable {
    public var city: String?
    public var region: String?
    public var postalCode: String?
    /// ISO 3166-1 alpha-2, upper case.
    public var country: String?
    public var latitude: Double?
    public var longitude: Double?

    public init(
        city: String? = nil, region: String? = nil, postalCode: String? = nil,
        country: String? = nil, latitude: Double? = nil, longitude: Double? = nil
    ) {
        self.city = city
        self.region = region
        self.postalCode = postalCode
        self.country = country
        self.latitude = latitude
        self.longitude = longitude
    }

    public var isEmpty: Bool {
        city == nil && region == nil && postalCode == nil && country == nil && latitude == nil && longitude == nil
    }

    /// The location reduced to what identifies a place, so that "PARIS " and "Paris" compare equal.
    public var normalizedKey: String {
        func clean(_ value: String?) -> String {
            (value ?? "").trimmingCharacters(in: .whitespacesAndNewlines).uppercased()
                .split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
        return [clean(city), clean(region), clean(postalCode).replacingOccurrences(of: " ", with: ""), clean(country)]
            .joined(separator: "|")
    }

    enum CodingKeys: String, CodingKey {
        case city, region, postalCode = "postal_code", country, latitude, longitude
    }
}

import Foundation
