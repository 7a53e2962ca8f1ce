import Foundation
import WaybillCore

/// FedEx Track API v1 (`POST /track/v1/trackingnumbers`, up to 30 numbers) and its OAuth
/// token endpoint. Scan times carry their offset; scans are listed newest first.
enum FedExFormat {
    static func track(_ tracked: [TrackedNumber]) -> SimulatedResponse {
        let results: [JSONValue] = tracked.map { tracked in
            switch tracked {
            case .notFound(let number):
                return .object([
                    "trackingNumber": .string(number),
                    "trackResults": .array([.object([
                        "trackingNumberInfo": .object(["trackingNumber": .string(number), "trackingNumberUniqueId": .string(""), "carrierCode": .string("")]),
                        "error": .object([
                            "code": .string("TRACKING.TRACKINGNUMBER.NOTFOUND"),
                            "message": .string("Tracking number cannot be found. Please correct the tracking number and try again."),
                        ]),
                    ])]),
                ])
            case .found(let journey, let steps):
                return .object(["trackingNumber": .string(journey.trackingNumber), "trackResults": .array([result(journey, steps)])])
            }
        }
        return SimulatedResponse(status: 200, json: .object([
            "transactionId": .string(UUID().uuidString.lowercased()),
            "output": .object(["completeTrackResults": .array(results)]),
        ]))
    }

    static func result(_ journey: SimulatedJourney, _ steps: [SimulatedStep]) -> JSONValue {
        let number = journey.trackingNumber
        var result: [String: JSONValue] = [
            "trackingNumberInfo": .object([
                "trackingNumber": .string(number), "trackingNumberUniqueId": .string("12029~\(number)~FDEG"), "carrierCode": .string("FDXG"),
            ]),
            "scanEvents": .array(steps.reversed().map(scanEvent)),
            "serviceDetail": .object(["type": .string(journey.service.uppercased().replacingOccurrences(of: " ", with: "_")),
                                      "description": .string(journey.service)]),
            "recipientInformation": .object(["address": address(journey.destination)]),
            "destinationLocation": .object(["locationContactAndAddress": .object(["address": address(journey.destination)])]),
            "estimatedDeliveryTimeWindow": .object(["window": .object([:])]),
        ]
        var dates: [JSONValue] = []
        if let pickup = steps.first(where: { $0.substatus == .pickedUp }) {
            dates.append(.object(["type": .string("ACTUAL_PICKUP"), "dateTime": .string(StepTime(pickup).offsetISO)]))
            dates.append(.object(["type": .string("SHIP"), "dateTime": .string(StepTime(pickup).isoDate + "T00:00:00" + StepTime(pickup).offset)]))
        }
        if let latest = FormatSupport.latest(steps) {
            let code = codes(latest)
            result["latestStatusDetail"] = .object([
                "code": .string(code.eventType), "derivedCode": .string(code.derived), "statusByLocale": .string(latest.description),
                "description": .string(latest.description),
            ])
        }
        if let delivered = steps.last(where: { $0.status == .delivered }) {
            dates.append(.object(["type": .string("ACTUAL_DELIVERY"), "dateTime": .string(StepTime(delivered).offsetISO)]))
            let signed = delivered.substatus == .deliveredSigned
            result["deliveryDetails"] = .object([
                "locationType": .string(signed ? "RECEPTIONIST_OR_FRONT_DESK" : "FRONT_DOOR"),
                "locationDescription": .string(signed ? "Receptionist/Front Desk" : "Front door"),
                "deliveryAttempts": .string(String(steps.filter { $0.status == .attemptFailed }.count)),
                "receivedByName": .string(""),
                "signedByName": .string(signed ? FormatSupport.signer(of: number) : ""),
            ])
            if signed { result["availableImages"] = .array([.object(["type": .string("SIGNATURE_PROOF_OF_DELIVERY")])]) }
        } else if let estimate = FormatSupport.estimates(steps).current {
            // The promised day as a window from 08:00 to the end of the day (20:00) at the destination.
            let ends = StepTime(estimate, at: journey.destination)
            let begins = StepTime(estimate.addingTimeInterval(-12 * 3600), at: journey.destination)
            result["estimatedDeliveryTimeWindow"] = .object(["window": .object([
                "begins": .string(begins.offsetISO), "ends": .string(ends.offsetISO),
            ])])
            dates.append(.object(["type": .string("ESTIMATED_DELIVERY"), "dateTime": .string(ends.offsetISO)]))
        }
        result["dateAndTimes"] = .array(dates)
        return .object(result)
    }

    static func scanEvent(_ step: SimulatedStep) -> JSONValue {
        let code = codes(step)
        return .object([
            "date": .string(StepTime(step).offsetISO),
            "eventType": .string(code.eventType),
            "eventDescription": .string(step.description),
            "exceptionCode": .string(code.exceptionCode),
            "exceptionDescription": .string(code.exceptionDescription),
            "scanLocation": address(step.location),
            "locationType": .string(code.locationType),
            "derivedStatusCode": .string(code.derived),
            "derivedStatus": .string(code.derivedText),
        ])
    }

    static func address(_ location: Location) -> JSONValue {
        .object([
            "city": .string(location.city), "stateOrProvinceCode": .string(location.region), "postalCode": .string(location.postalCode),
            "countryCode": .string(location.country), "residential": .bool(false),
        ])
    }

    struct Codes {
        var eventType: String
        var derived: String
        var derivedText: String
        var exceptionCode = ""
        var exceptionDescription = ""
        var locationType = "FEDEX_FACILITY"
    }

    static func codes(_ step: SimulatedStep) -> Codes {
        switch StepKind(status: step.status, substatus: step.substatus, reason: step.reason) {
        case .labelCreated: Codes(eventType: "OC", derived: "IN", derivedText: "Label created", locationType: "CUSTOMER")
        case .pickedUp: Codes(eventType: "PU", derived: "PU", derivedText: "Picked up", locationType: "PICKUP_LOCATION")
        case .originScan: Codes(eventType: "OF", derived: "IT", derivedText: "In transit")
        case .arrived: Codes(eventType: "AR", derived: "IT", derivedText: "In transit")
        case .departed: Codes(eventType: "DP", derived: "IT", derivedText: "In transit")
        case .customsPending: Codes(eventType: "CP", derived: "IT", derivedText: "In transit")
        case .customsCleared: Codes(eventType: "CC", derived: "IT", derivedText: "In transit")
        case .customsHeld: Codes(eventType: "CD", derived: "DE", derivedText: "Delivery exception")
        case .weatherDelay:
            Codes(eventType: "SE", derived: "DE", derivedText: "Delivery exception", exceptionCode: "A52",
                  exceptionDescription: "Package delayed due to severe weather")
        case .addressProblem:
            Codes(eventType: "DE", derived: "DE", derivedText: "Delivery exception", exceptionCode: "03",
                  exceptionDescription: "Incorrect recipient address", locationType: "DELIVERY_LOCATION")
        case .outForDelivery: Codes(eventType: "OD", derived: "OD", derivedText: "On FedEx vehicle for delivery", locationType: "VEHICLE")
        case .attemptFailed:
            Codes(eventType: "DE", derived: "DE", derivedText: "Delivery exception", exceptionCode: "08",
                  exceptionDescription: "Customer not available or business closed", locationType: "DELIVERY_LOCATION")
        case .availableForPickup: Codes(eventType: "HP", derived: "HP", derivedText: "Ready for recipient pickup", locationType: "FEDEX_OFFICE")
        case .delivered, .collected: Codes(eventType: "DL", derived: "DL", derivedText: "Delivered", locationType: "DELIVERY_LOCATION")
        case .returnInitiated, .returned: Codes(eventType: "RS", derived: "RS", derivedText: "Return to shipper")
        }
    }

    static func token(_ token: String, expiresIn: Int) -> SimulatedResponse {
        SimulatedResponse(status: 200, json: .object([
            "access_token": .string(token), "token_type": .string("bearer"), "expires_in": .number(Double(expiresIn)), "scope": .string("CXS"),
        ]))
    }

    static func error(status: Int, code: String, message: String, headers: [String: String] = [:]) -> SimulatedResponse {
        SimulatedResponse(status: status, headers: headers, json: .object([
            "transactionId": .string(UUID().uuidString.lowercased()),
            "errors": .array([.object(["code": .string(code), "message": .string(message)])]),
        ]))
    }

    static func unauthorized() -> SimulatedResponse {
        error(status: 401, code: "NOT.AUTHORIZED.ERROR",
              message: "The given client credentials were not valid. Please modify your request and try again.")
    }
}
