import Foundation
import WaybillCore

/// Turns checked request JSON into domain values, with the field path in every error.
enum RequestReading {
    static func customer(_ value: JSONValue?, path: String = "customer") throws -> Customer {
        guard let value, case .object = value else { return Customer() }
        var customer = Customer(
            email: nonEmpty(value["email"]?.stringValue), phone: nonEmpty(value["phone"]?.stringValue),
            postalCode: nonEmpty(value["postal_code"]?.stringValue), locale: nonEmpty(value["locale"]?.stringValue),
            timeZone: nonEmpty(value["time_zone"]?.stringValue))
        if let email = customer.email, !Customer.isEmailAddress(email) {
            throw invalid("\(path).email", "must be an email address")
        }
        if let zone = customer.timeZone, !Customer.isTimeZone(zone) {
            throw invalid("\(path).time_zone", "must be an IANA time zone such as Europe/Paris; got \"\(zone)\"")
        }
        if let locale = customer.locale, !Customer.isLanguageTag(locale) {
            throw invalid("\(path).locale", "must be a BCP 47 language tag such as fr-FR; got \"\(locale)\"")
        }
        customer.email = customer.email?.lowercased()
        return customer
    }

    static func metadata(_ value: JSONValue?) -> [String: String] {
        guard case .object(let members)? = value else { return [:] }
        return members.compactMapValues(\.stringValue)
    }

    static func location(_ value: JSONValue?, path: String) throws -> Location? {
        guard let value, case .object = value else { return nil }
        var location = Location(
            city: nonEmpty(value["city"]?.stringValue), region: nonEmpty(value["region"]?.stringValue),
            postalCode: nonEmpty(value["postal_code"]?.stringValue), country: nonEmpty(value["country"]?.stringValue)?.uppercased())
        if let country = location.country, !(country.count == 2 && country.allSatisfy { $0.isASCII && $0.isLetter }) {
            throw invalid("\(path).country", "must be an ISO 3166-1 alpha-2 code such as FR; got \"\(country)\"")
        }
        if case .number(let latitude)? = value["latitude"] {
            guard (-90...90).contains(latitude) else { throw invalid("\(path).latitude", "must be between -90 and 90") }
            location.latitude = latitude
        }
        if case .number(let longitude)? = value["longitude"] {
            guard (-180...180).contains(longitude) else { throw invalid("\(path).longitude", "must be between -180 and 180") }
            location.longitude = longitude
        }
        return location.isEmpty ? nil : location
    }

    /// How far past its receipt a reported event may be dated: a day covers any clock skew and any time zone mistake
    /// of a day's events (UTC±14), not a scan that has not happened yet.
    static let eventFutureLimit: TimeInterval = 24 * 3600
    /// The earliest instant an event may have: older dates are typos or zero dates (0001-01-01, 1970-01-01).
    static let earliestEvent = Date(timeIntervalSince1970: 946_684_800)  // 2000-01-01T00:00:00Z

    /// A manually reported event: the client gave the instant with its offset, within `eventFutureLimit` of
    /// `receivedAt` and not before `earliestEvent`.
    static func event(_ value: JSONValue, index: Int, receivedAt: Date) throws -> CanonicalEvent {
        let path = "events[\(index)]"
        guard let (instant, offset) = value["occurred_at"]?.stringValue.flatMap(Timestamp.parse) else {
            throw invalid("\(path).occurred_at", "must be an RFC 3339 timestamp with offset")
        }
        if instant > receivedAt.addingTimeInterval(eventFutureLimit) {
            throw invalid("\(path).occurred_at", "is more than 24 hours after the request was received "
                          + "(\(Timestamp.utcString(receivedAt))): an event cannot be reported before it happens")
        }
        if instant < earliestEvent {
            throw invalid("\(path).occurred_at", "is before the year 2000: check the date")
        }
        func flag(_ key: String) -> Bool {
            if case .bool(let flag)? = value[key] { return flag }
            return false
        }
        return CanonicalEvent(
            status: ShipmentStatus(rawValue: value["status"]?.stringValue ?? "")!,
            substatus: value["substatus"]?.stringValue.flatMap(Substatus.init(rawValue:)),
            reason: value["reason"]?.stringValue.flatMap(Reason.init(rawValue:)),
            actionRequired: flag("action_required"),
            carrierCode: nonEmpty(value["carrier_code"]?.stringValue),
            carrierDescription: value["description"]?.stringValue,
            occurredAt: instant,
            localTime: LocalDateTime(instant: instant, offset: offset),
            utcOffset: offset,
            zoneSource: .carrierOffset,
            location: try location(value["location"], path: "\(path).location"),
            sequence: index,
            isInformational: flag("informational"),
            signedBy: nonEmpty(value["signed_by"]?.stringValue))
    }

    static func nonEmpty(_ text: String?) -> String? {
        guard let trimmed = text?.trimmed, !trimmed.isEmpty else { return nil }
        return trimmed
    }

    static func invalid(_ path: String, _ message: String) -> APIError {
        .invalidField(JSONProblem(path: path, message: message))
    }
}
