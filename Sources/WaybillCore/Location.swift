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
        var key = ""
        key.reserveCapacity(48)
        Self.appendCleaned(city, to: &key, keepSpaces: true)
        key.append("|")
        Self.appendCleaned(region, to: &key, keepSpaces: true)
        key.append("|")
        Self.appendCleaned(postalCode, to: &key, keepSpaces: false)
        key.append("|")
        Self.appendCleaned(country, to: &key, keepSpaces: true)
        return key
    }

    /// Appends `value` upper-cased with runs of whitespace collapsed to one space (or removed)
    /// and without leading or trailing whitespace.
    private static func appendCleaned(_ value: String?, to key: inout String, keepSpaces: Bool) {
        guard let value else { return }
        var pendingSpace = false
        var wroteAny = false
        for scalar in value.uppercased().unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = wroteAny && keepSpaces
                continue
            }
            if pendingSpace { key.unicodeScalars.append(" ") }
            pendingSpace = false
            key.unicodeScalars.append(scalar)
            wroteAny = true
        }
    }

    enum CodingKeys: String, CodingKey {
        case city, region, postalCode = "postal_code", country, latitude, longitude
    }
}

import Foundation
