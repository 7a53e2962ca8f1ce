import Foundation

/// The wire form of a canonical event, one for the REST API and `waybill normalize`: the
/// carrier's code and text untouched, absent values as null (encode with `JSONValue(encoding:)`).
public struct EventRepresentation: Encodable, Sendable {
    /// How `occurred_at` is written: the API keeps the offset the carrier gave, `normalize`
    /// writes every instant in UTC.
    public enum Instants: Sendable {
        case carrierOffset
        case utc
    }

    let status: ShipmentStatus
    let substatus: Substatus?
    let reason: Reason?
    let actionRequired: Bool
    let carrierCode: String?
    let carrierDescription: String?
    let occurredAt: String?
    let localTime: LocalDateTime?
    let utcOffset: UTCOffset?
    let zoneSource: ZoneSource
    let location: LocationRepresentation?
    let informational: Bool
    let implausibleTime: Bool
    private(set) var signedBy: String?

    enum CodingKeys: String, CodingKey {
        case status, substatus, reason, location, informational
        case actionRequired = "action_required"
        case carrierCode = "carrier_code"
        case carrierDescription = "carrier_description"
        case occurredAt = "occurred_at"
        case localTime = "local_time"
        case utcOffset = "utc_offset"
        case zoneSource = "zone_source"
        case implausibleTime = "implausible_time"
        case signedBy = "signed_by"
    }

    public init(_ event: CanonicalEvent, instants: Instants, coordinates: LocationRepresentation.Coordinates) {
        status = event.status
        substatus = event.substatus
        reason = event.reason
        actionRequired = event.actionRequired
        carrierCode = event.carrierCode
        carrierDescription = event.carrierDescription
        occurredAt = event.occurredAt.map { instant in
            switch (instants, event.utcOffset) {
            case (.carrierOffset, let offset?): Timestamp.string(instant, offsetSeconds: offset.seconds)
            default: Timestamp.utcString(instant)
            }
        }
        localTime = event.localTime
        utcOffset = event.utcOffset
        zoneSource = event.zoneSource
        location = event.location.map { LocationRepresentation($0, coordinates: coordinates) }
        informational = event.isInformational
        implausibleTime = event.isImplausibleTime
        signedBy = event.signedBy
    }

    /// The event as a role without access to personal data sees it (`PersonalDataMask`).
    public func maskingPersonalData() -> EventRepresentation {
        var masked = self
        masked.signedBy = signedBy.map(PersonalDataMask.name)
        return masked
    }
}

/// A location on the wire: the API includes the coordinates (null when unknown), `normalize` leaves
/// them out.
public struct LocationRepresentation: Encodable, Sendable {
    public enum Coordinates: Sendable {
        case included
        case omitted
    }

    let location: Location
    let coordinates: Coordinates

    public init(_ location: Location, coordinates: Coordinates) {
        self.location = location
        self.coordinates = coordinates
    }

    enum CodingKeys: String, CodingKey {
        case city, region, country, latitude, longitude
        case postalCode = "postal_code"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(location.city, forKey: .city)
        try container.encodeIfPresent(location.region, forKey: .region)
        try container.encodeIfPresent(location.postalCode, forKey: .postalCode)
        try container.encodeIfPresent(location.country, forKey: .country)
        if coordinates == .included {
            try container.encodeIfPresent(location.latitude, forKey: .latitude)
            try container.encodeIfPresent(location.longitude, forKey: .longitude)
        }
    }
}
