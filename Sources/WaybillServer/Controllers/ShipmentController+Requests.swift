import Foundation
import WaybillCore
import WaybillIngest

/// `POST /v1/shipments`.
struct CreateShipmentRequest: Decodable, Sendable {
    var carrier: String?
    var customer: CustomerRequest?
    var metadata: [String: String]?
    var orderID: String?
    var reassignOrder: Bool?
    var service: String?
    var trackingNumber: String

    enum CodingKeys: String, CodingKey {
        case carrier, customer, metadata, service
        case orderID = "order_id"
        case reassignOrder = "reassign_order"
        case trackingNumber = "tracking_number"
    }

    init(from decoder: any Decoder) throws {
        let fields = try RequestFields(decoder, keys: CodingKeys.self)
        carrier = try fields.optionalText(.carrier, maxLength: 40)
        customer = try fields.optionalObject(.customer)
        metadata = try fields.optionalStringMap(.metadata, maxEntries: 50)
        orderID = try fields.optionalText(.orderID, maxLength: 200)
        reassignOrder = try fields.optionalBool(.reassignOrder)
        service = try fields.optionalText(.service, maxLength: 200)
        trackingNumber = try fields.text(.trackingNumber, maxLength: 100)
    }

    /// The registration asked for, once the tracking number and the customer are checked.
    func registration(by principal: Principal) throws -> ShipmentRegistrar.Request {
        ShipmentRegistrar.Request(
            tenantID: principal.tenantID, trackingNumber: try TrackingNumber.checked(trackingNumber, path: "tracking_number"),
            carrier: carrier.nonBlank?.lowercased(), service: service.nonBlank, orderID: orderID.nonBlank,
            customer: try customer?.customer() ?? Customer(), metadata: metadata ?? [:],
            reassignOrder: reassignOrder == true, actor: principal.actor)
    }
}

/// `POST /v1/shipments/{id}/events`: events reported by hand.
struct AppendEventsRequest: Decodable, Sendable {
    var events: [EventRequest]

    enum CodingKeys: String, CodingKey {
        case events
    }

    init(from decoder: any Decoder) throws {
        let fields = try RequestFields(decoder, keys: CodingKeys.self)
        events = try fields.list(.events, maxCount: 1000)
    }

    /// The canonical events, each checked against `receivedAt`; at least one.
    func canonicalEvents(receivedAt: Date) throws -> [CanonicalEvent] {
        let events = try events.enumerated().map { try $1.canonicalEvent(index: $0, receivedAt: receivedAt) }
        guard !events.isEmpty else { throw InvalidField(path: "events", reason: "must hold at least one event") }
        return events
    }
}

/// One event of `POST /v1/shipments/{id}/events`: the client gives the instant with its offset.
struct EventRequest: Decodable, Sendable {
    var actionRequired: Bool?
    var carrierCode: String?
    var description: String
    var informational: Bool?
    var location: LocationRequest?
    var occurredAt: (date: Date, offset: UTCOffset)
    var reason: Reason?
    var signedBy: String?
    var status: ShipmentStatus
    var substatus: Substatus?

    enum CodingKeys: String, CodingKey {
        case description, informational, location, reason, status, substatus
        case actionRequired = "action_required"
        case carrierCode = "carrier_code"
        case occurredAt = "occurred_at"
        case signedBy = "signed_by"
    }

    init(from decoder: any Decoder) throws {
        let fields = try RequestFields(decoder, keys: CodingKeys.self)
        actionRequired = try fields.optionalBool(.actionRequired)
        carrierCode = try fields.optionalText(.carrierCode, maxLength: 64)
        description = try fields.text(.description, maxLength: 1000)
        informational = try fields.optionalBool(.informational)
        location = try fields.optionalObject(.location)
        occurredAt = try fields.timestamp(.occurredAt)
        reason = try fields.optionalChoice(.reason)
        signedBy = try fields.optionalText(.signedBy, maxLength: 200)
        status = try fields.choice(.status)
        substatus = try fields.optionalChoice(.substatus)
    }

    /// How far past its receipt a reported event may be dated: a day covers any clock skew and any time zone mistake
    /// of a day's events (UTC±14), not a scan that has not happened yet.
    static let futureLimit: TimeInterval = 24 * 3600
    /// The earliest instant an event may have: older dates are typos or zero dates (0001-01-01, 1970-01-01).
    static let earliest = Date(timeIntervalSince1970: 946_684_800)  // 2000-01-01T00:00:00Z

    /// The event, dated within `futureLimit` of `receivedAt` and not before `earliest`.
    func canonicalEvent(index: Int, receivedAt: Date) throws -> CanonicalEvent {
        let path = "events[\(index)]"
        let (instant, offset) = occurredAt
        if instant > receivedAt.addingTimeInterval(Self.futureLimit) {
            throw InvalidField(path: "\(path).occurred_at", reason: "is more than 24 hours after the request was received "
                               + "(\(Timestamp.utcString(receivedAt))): an event cannot be reported before it happens")
        }
        if instant < Self.earliest {
            throw InvalidField(path: "\(path).occurred_at", reason: "is before the year 2000: check the date")
        }
        return CanonicalEvent(
            status: status, substatus: substatus, reason: reason, actionRequired: actionRequired == true,
            carrierCode: carrierCode.nonBlank, carrierDescription: description,
            occurredAt: instant, localTime: LocalDateTime(instant: instant, offset: offset), utcOffset: offset,
            zoneSource: .carrierOffset, location: try location?.location(at: "\(path).location"), sequence: index,
            isInformational: informational == true, signedBy: signedBy.nonBlank)
    }
}

/// The `location` of a reported event.
struct LocationRequest: Decodable, Sendable {
    var city: String?
    var country: String?
    var latitude: Double?
    var longitude: Double?
    var postalCode: String?
    var region: String?

    enum CodingKeys: String, CodingKey {
        case city, country, latitude, longitude, region
        case postalCode = "postal_code"
    }

    init(from decoder: any Decoder) throws {
        let fields = try RequestFields(decoder, keys: CodingKeys.self)
        city = try fields.optionalText(.city, maxLength: 200)
        country = try fields.optionalText(.country, maxLength: 2)
        latitude = try fields.optionalNumber(.latitude)
        longitude = try fields.optionalNumber(.longitude)
        postalCode = try fields.optionalText(.postalCode, maxLength: 32)
        region = try fields.optionalText(.region, maxLength: 200)
    }

    /// The location, checked: an ISO 3166-1 alpha-2 country, coordinates in range; nil when empty.
    func location(at path: String) throws -> Location? {
        var location = Location(city: city.nonBlank, region: region.nonBlank, postalCode: postalCode.nonBlank,
                                country: country.nonBlank?.uppercased())
        if let country = location.country, !(country.count == 2 && country.allSatisfy { $0.isASCII && $0.isLetter }) {
            throw InvalidField(path: "\(path).country", reason: "must be an ISO 3166-1 alpha-2 code such as FR; got \"\(country)\"")
        }
        if let latitude {
            guard (-90...90).contains(latitude) else { throw InvalidField(path: "\(path).latitude", reason: "must be between -90 and 90") }
            location.latitude = latitude
        }
        if let longitude {
            guard (-180...180).contains(longitude) else {
                throw InvalidField(path: "\(path).longitude", reason: "must be between -180 and 180")
            }
            location.longitude = longitude
        }
        return location.isEmpty ? nil : location
    }
}
