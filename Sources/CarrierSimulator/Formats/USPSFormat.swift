import Foundation
import WaybillCore

/// USPS Tracking API v3 (`GET /tracking/v3/tracking/{number}?expand=DETAIL`) and its OAuth
/// endpoint. `eventTimestamp` is the local wall clock without offset, beside `GMTTimestamp`
/// and `GMTOffset`; events are listed newest first.
enum USPSFormat {
    static func track(_ tracked: TrackedNumber) -> SimulatedResponse {
        switch tracked {
        case .notFound:
            // Before USPS has the label (or for an unknown number): "not yet available", a 400.
            return SimulatedResponse(status: 400, json: .object([
                "apiVersion": .string("/tracking/v3"),
                "error": .object([
                    "code": .string("400"),
                    "message": .string("A status update is not yet available on your package. It will be available when the shipper provides an update or the package is given to USPS. Check back soon."),
                    "errors": .array([.object([
                        "title": .string("A status update is not yet available on your package."), "detail": .string(""), "code": .string("150001"),
                    ])]),
                ]),
            ]))
        case .found(let journey, let steps):
            return SimulatedResponse(status: 200, json: body(journey, steps))
        }
    }

    static func body(_ journey: SimulatedJourney, _ steps: [SimulatedStep]) -> JSONValue {
        let latest = FormatSupport.latest(steps)
        var body: [String: JSONValue] = [
            "trackingNumber": .string(journey.trackingNumber),
            "status": .string(latest?.description),
            "statusCategory": .string(latest.map(category)),
            "mailClass": .string(journey.service + "<SUP>&#153;</SUP>"),
            "mailType": .string("DM"),
            "serviceTypeCode": .string("001"),
            "originCity": .string(journey.origin.city), "originState": .string(journey.origin.region), "originZIP": .string(journey.origin.postalCode),
            "destinationCity": .string(journey.destination.city), "destinationState": .string(journey.destination.region),
            "destinationZIP": .string(journey.destination.postalCode),
            "uniqueMailPieceID": .string(String(journey.trackingNumber.suffix(9))),
            "proofOfDeliveryEnabled": .string("false"),
            "trackingEvents": .array(steps.reversed().map { event($0, journey: journey) }),
        ]
        if !FormatSupport.isDelivered(steps), let estimate = FormatSupport.estimates(steps).current {
            let time = StepTime(estimate, at: journey.destination)
            body["expectedDeliveryTimeStamp"] = .string(time.localISO)
            body["predictedDeliveryDate"] = .string(time.isoDate)
            body["predictedDeliveryWindowStartTime"] = .string("09:00:00")
            body["predictedDeliveryWindowEndTime"] = .string(StepTime.colonTime(time.local))
        }
        return .object(body)
    }

    static func event(_ step: SimulatedStep, journey: SimulatedJourney) -> JSONValue {
        let time = StepTime(step)
        let signed = step.substatus == .deliveredSigned
        return .object([
            "eventType": .string(step.description),
            "eventTimestamp": .string(time.localISO),
            "GMTTimestamp": .string(Timestamp.string(step.at, offsetSeconds: 0).replacingOccurrences(of: "+00:00", with: "Z")),
            "GMTOffset": .string(time.offset),
            "eventCountry": .null,
            "eventCity": .string(step.location.city), "eventState": .string(step.location.region), "eventZIP": .string(step.location.postalCode),
            "firm": .null,
            "name": signed ? .string(FormatSupport.signer(of: journey.trackingNumber)) : .null,
            "authorizedAgent": .string("false"),
            "eventCode": .string(code(step)),
        ])
    }

    static func code(_ step: SimulatedStep) -> String {
        switch StepKind(status: step.status, substatus: step.substatus, reason: step.reason) {
        case .labelCreated: "GX"
        case .pickedUp: "03"
        case .originScan: "10"
        case .arrived, .customsPending, .customsCleared: "A1"
        case .departed: "T1"
        case .customsHeld, .addressProblem, .weatherDelay: "05"
        case .outForDelivery: "OF"
        case .attemptFailed: "02"
        case .availableForPickup: "16"
        case .delivered: "01"
        case .collected: "17"
        case .returnInitiated, .returned: "09"
        }
    }

    static func category(_ step: SimulatedStep) -> String {
        switch step.status {
        case .infoReceived: "Pre-Shipment"
        case .delivered: "Delivered"
        case .outForDelivery: "Out for Delivery"
        case .availableForPickup: "Available for Pickup"
        case .attemptFailed, .exception, .returnedToSender: "Alert"
        default: "Moving Through Network"
        }
    }

    static func token(_ token: String, expiresIn: Int, clientID: String) -> SimulatedResponse {
        SimulatedResponse(status: 200, json: .object([
            "access_token": .string(token), "token_type": .string("Bearer"),
            "issued_at": .number(Double(Int64(Date().timeIntervalSince1970 * 1000))), "expires_in": .number(Double(expiresIn)),
            "status": .string("approved"), "scope": .string("tracking"), "issuer": .string("api.usps.com"),
            "client_id": .string(clientID), "application_name": .string("Waybill simulator"), "api_products": .string("[Public Access]"),
        ]))
    }

    static func error(status: Int, code: String, message: String, headers: [String: String] = [:]) -> SimulatedResponse {
        SimulatedResponse(status: status, headers: headers, json: .object([
            "apiVersion": .string("/tracking/v3"),
            "error": .object([
                "code": .string(String(status)), "message": .string(message),
                "errors": .array([.object(["status": .string(String(status)), "code": .string(code), "title": .string(message), "detail": .string(message)])]),
            ]),
        ]))
    }

    static func unauthorized() -> SimulatedResponse {
        SimulatedResponse(status: 401, json: .object([
            "apiVersion": .string("/tracking/v3"),
            "error": .object([
                "code": .string("401"), "message": .string("Unauthorized"),
                "errors": .array([.object([
                    "status": .string("401"), "code": .string("401"), "title": .string("Unauthorized"),
                    "detail": .string("The access token is missing, invalid or expired."),
                ])]),
            ]),
        ]))
    }
}
