import Foundation
import WaybillCore
import WaybillIngest
import WaybillStore

extension Representation {
    /// The answer to `POST /v1/shipments`: the shipment, whether its carrier was detected, every reading of
    /// the number and the warnings.
    static func registration(_ registration: ShipmentRegistrar.Registration, publicBaseURL: String, role: Role) -> JSONValue {
        guard case .object(var json) = shipment(registration.shipment, publicBaseURL: publicBaseURL, role: role) else {
            preconditionFailure("a shipment is a JSON object")
        }
        json["carrier_detected"] = .bool(registration.carrierDetected)
        json["carrier_candidates"] = .array(registration.candidates.map(candidate))
        json["warnings"] = .array(registration.warnings.map(JSONValue.string))
        return .object(json)
    }

    static func candidate(_ candidate: TrackingNumberCandidate) -> JSONValue {
        .object([
            "carrier": .string(candidate.carrier),
            "format": .string(candidate.format),
            "check_digit_valid": candidate.checkDigitValid.map(JSONValue.bool) ?? .null,
            "confidence": .number(candidate.confidence),
            "tracking_number": .string(candidate.trackingNumber),
            "tracking_url": .string(candidate.trackingURL?.absoluteString),
        ])
    }
}
