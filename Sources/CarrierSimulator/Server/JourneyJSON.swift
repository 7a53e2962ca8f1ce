import Foundation
import WaybillCore

/// The control API's view of journeys: snake_case, times ISO 8601 with the local offset.
enum JourneyJSON {
    static func summary(_ journey: SimulatedJourney, now: Date) -> JSONValue {
        let visible = journey.visibleSteps(at: now)
        let latest = visible.last
        return .object([
            "carrier": .string(journey.carrier),
            "tracking_number": .string(journey.trackingNumber),
            "service": .string(journey.service),
            "origin": location(journey.origin),
            "destination": location(journey.destination),
            "label_created_at": time(journey.labelCreatedAt, at: journey.origin),
            "status": .string(latest?.status.rawValue ?? ShipmentStatus.pending.rawValue),
            "substatus": .string(latest?.substatus?.rawValue),
            "visible_steps": .number(Double(visible.count)),
            "total_steps": .number(Double(journey.steps.count)),
            "estimated_delivery": latest?.estimatedDelivery.map { time($0, at: journey.destination) } ?? .null,
            "final_status": .string(journey.steps.last?.status.rawValue),
            "final_at": journey.steps.last.map { time($0.at, at: $0.location) } ?? .null,
        ])
    }

    static func detail(_ journey: SimulatedJourney, now: Date) -> JSONValue {
        guard case .object(var fields) = summary(journey, now: now) else { return .null }
        fields["last_mile"] = journey.lastMile.map {
            .object(["carrier": .string($0.carrier), "tracking_number": .string($0.trackingNumber)])
        } ?? .null
        fields["steps"] = .array(journey.steps.map { step in
            .object([
                "at": time(step.at, at: step.location),
                "visible": .bool(step.at <= now),
                "status": .string(step.status.rawValue),
                "substatus": .string(step.substatus?.rawValue),
                "reason": .string(step.reason?.rawValue),
                "description": .string(step.description),
                "location": location(step.location),
                "estimated_delivery": step.estimatedDelivery.map { time($0, at: journey.destination) } ?? .null,
            ])
        })
        return .object(fields)
    }

    static func location(_ location: Location) -> JSONValue {
        .object([
            "city": .string(location.city), "region": .string(location.region),
            "postal_code": .string(location.postalCode), "country": .string(location.country),
        ])
    }

    static func time(_ instant: Date, at location: Location) -> JSONValue {
        .string(Timestamp.string(instant, offsetSeconds: SimulatedPlace.offsetSeconds(of: location, at: instant)))
    }
}
