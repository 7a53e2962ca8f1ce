import Foundation
import WaybillCore

/// DHL Shipment Tracking - Unified (`GET /track/shipments?trackingNumber=`, header
/// `DHL-API-Key`). Event times are the local wall clock without offset; events newest first;
/// "not found" is an RFC 7807 problem with status 404.
enum DHLFormat {
    static func track(_ tracked: TrackedNumber) -> SimulatedResponse {
        switch tracked {
        case .notFound(let number):
            return SimulatedResponse(status: 404, contentType: "application/problem+json", json: .object([
                "title": .string("No result found"), "status": .number(404),
                "detail": .string("No shipment with given tracking number found."),
                "instance": .string("/shipments?trackingNumber=\(number)"),
            ]))
        case .found(let journey, let steps):
            return SimulatedResponse(status: 200, json: .object([
                "shipments": .array([shipment(journey, steps)]),
                "possibleAdditionalShipmentsUrl": .array([]),
            ]))
        }
    }

    static func shipment(_ journey: SimulatedJourney, _ steps: [SimulatedStep]) -> JSONValue {
        var shipment: [String: JSONValue] = [
            "id": .string(journey.trackingNumber),
            "service": .string("express"),
            "origin": .object(["address": address(journey.origin)]),
            "destination": .object(["address": address(journey.destination)]),
            "events": .array(steps.reversed().map(event)),
        ]
        if let latest = FormatSupport.latest(steps) { shipment["status"] = event(latest) }
        var details: [String: JSONValue] = [
            "product": .object(["productName": .string(journey.service)]),
            "totalNumberOfPieces": .number(1),
            "pieceIds": .array([.string("JD01460000" + String(journey.trackingNumber.suffix(8)))]),
        ]
        if let delivered = steps.last(where: { $0.status == .delivered }), delivered.substatus == .deliveredSigned {
            details["proofOfDelivery"] = .object([
                "timestamp": .string(StepTime(delivered).localISO),
                "signed": .object(["name": .string(FormatSupport.signer(of: journey.trackingNumber))]),
            ])
        } else if !FormatSupport.isDelivered(steps), let estimate = FormatSupport.estimates(steps).current {
            shipment["estimatedTimeOfDelivery"] = .string(StepTime(estimate, at: journey.destination).localISO)
        }
        shipment["details"] = .object(details)
        return .object(shipment)
    }

    static func event(_ step: SimulatedStep) -> JSONValue {
        let code = statusCode(step)
        return .object([
            "timestamp": .string(StepTime(step).localISO),
            "location": .object(["address": address(step.location)]),
            "statusCode": .string(code),
            "status": .string(code.uppercased().replacingOccurrences(of: "-", with: " ")),
            "description": .string(step.description),
        ])
    }

    /// `addressLocality` as DHL prints it: "HEBRON, KY" in the US, the city elsewhere.
    static func address(_ location: Location) -> JSONValue {
        let locality = [location.city, location.region].compactMap { $0 }.joined(separator: ", ")
        return .object([
            "countryCode": .string(location.country), "postalCode": .string(location.postalCode), "addressLocality": .string(locality),
        ])
    }

    static func statusCode(_ step: SimulatedStep) -> String {
        switch StepKind(status: step.status, substatus: step.substatus, reason: step.reason) {
        case .labelCreated: "pre-transit"
        case .customsHeld, .weatherDelay, .addressProblem, .attemptFailed, .returned: "failure"
        case .delivered, .collected: "delivered"
        default: "transit"
        }
    }

    static func problem(status: Int, title: String, detail: String, headers: [String: String] = [:]) -> SimulatedResponse {
        SimulatedResponse(status: status, contentType: "application/problem+json", headers: headers, json: .object([
            "status": .number(Double(status)), "title": .string(title), "detail": .string(detail),
        ]))
    }

    static func unauthorized() -> SimulatedResponse {
        problem(status: 401, title: "Unauthorized", detail: "Unauthorized for given resource.")
    }
}
