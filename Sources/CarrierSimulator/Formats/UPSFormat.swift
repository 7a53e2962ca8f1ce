import Foundation
import WaybillCore

/// UPS Track API v1 (`GET /api/track/v1/details/{inquiryNumber}`), its OAuth token endpoint
/// and the Track Alert webhook body. Activities are listed newest first; each carries the local
/// date and time, UPS's GMT date and time and the offset.
public enum UPSFormat {
    static func track(_ tracked: TrackedNumber) -> SimulatedResponse {
        switch tracked {
        case .notFound(let number):
            // UPS answers an unknown (or not yet manifested) number with a warning and no package.
            return SimulatedResponse(status: 200, json: .object(["trackResponse": .object(["shipment": .array([.object([
                "inquiryNumber": .string(number),
                "warnings": .array([.object(["code": .string("TW0001"), "message": .string("Tracking Information Not Found")])]),
            ])])])]))
        case .found(let journey, let steps):
            return SimulatedResponse(status: 200, json: .object(["trackResponse": .object(["shipment": .array([.object([
                "inquiryNumber": .string(journey.trackingNumber),
                "package": .array([package(journey, steps)]),
            ])])])]))
        }
    }

    static func package(_ journey: SimulatedJourney, _ steps: [SimulatedStep]) -> JSONValue {
        var package: [String: JSONValue] = [
            "trackingNumber": .string(journey.trackingNumber),
            "activity": .array(steps.reversed().map(activity)),
            "packageAddress": .array([
                .object(["type": .string("ORIGIN"), "name": .string("SIMULATED SHIPPER"), "address": address(journey.origin)]),
                .object(["type": .string("DESTINATION"), "name": .string("SIMULATED RECEIVER"), "address": address(journey.destination)]),
            ]),
            "service": .object(["code": .string("003"), "levelCode": .string("003"), "description": .string(journey.service)]),
            "packageCount": .number(1),
        ]
        if let lastMile = journey.lastMile, lastMile.carrier == "usps" {
            package["alternateTrackingNumber"] = .array([.object(["type": .string("USPS_PIC"), "number": .string(lastMile.trackingNumber)])])
        }
        if let latest = FormatSupport.latest(steps) {
            let code = codes(latest)
            package["currentStatus"] = .object([
                "type": .string(code.type), "code": .string(code.statusCode), "description": .string(latest.description),
                "simplifiedTextDescription": .string(latest.description), "statusCode": .string(code.statusCode),
            ])
        }
        var dates: [JSONValue] = []
        let estimates = FormatSupport.estimates(steps)
        if let delivered = steps.last(where: { $0.status == .delivered }) {
            let time = StepTime(delivered)
            dates.append(.object(["type": .string("DEL"), "date": .string(time.compactDate)]))
            package["deliveryTime"] = .object(["type": .string("DEL"), "endTime": .string(time.compactTime)])
            var information: [String: JSONValue] = ["location": .string(delivered.substatus == .deliveredCollected ? "UPS Access Point" : "Front Door")]
            if delivered.substatus == .deliveredSigned { information["receivedBy"] = .string(FormatSupport.signer(of: journey.trackingNumber)) }
            package["deliveryInformation"] = .object(information)
        } else if let current = estimates.current {
            let destinationLocal = StepTime(current, at: journey.destination)
            if let first = estimates.first {
                dates.append(.object(["type": .string("SDD"), "date": .string(StepTime(first, at: journey.destination).compactDate)]))
            }
            if let first = estimates.first, first != current {
                dates.append(.object(["type": .string("RDD"), "date": .string(destinationLocal.compactDate)]))
            }
            package["deliveryTime"] = .object(["type": .string("EOD"), "endTime": .string(destinationLocal.compactTime)])
        }
        if !dates.isEmpty { package["deliveryDate"] = .array(dates) }
        return .object(package)
    }

    static func activity(_ step: SimulatedStep) -> JSONValue {
        let time = StepTime(step)
        let code = codes(step)
        return .object([
            "location": .object(["address": address(step.location), "slic": .string(String(step.location.postalCode?.prefix(4) ?? "0000"))]),
            "status": .object([
                "type": .string(code.type), "code": .string(code.scan), "description": .string(step.description + " "),
                "simplifiedTextDescription": .string(step.description), "statusCode": .string(code.statusCode),
            ]),
            "date": .string(time.compactDate), "time": .string(time.compactTime),
            "gmtDate": .string(StepTime.compactDate(time.utc)), "gmtTime": .string(StepTime.colonTime(time.utc)),
            "gmtOffset": .string(time.offset),
        ])
    }

    static func address(_ location: Location) -> JSONValue {
        .object([
            "city": .string(location.city), "stateProvince": .string(location.region), "postalCode": .string(location.postalCode),
            "country": .string(location.country), "countryCode": .string(location.country),
        ])
    }

    /// Activity type, scan code and 3-digit status code of a step.
    static func codes(_ step: SimulatedStep) -> (type: String, scan: String, statusCode: String) {
        switch StepKind(status: step.status, substatus: step.substatus, reason: step.reason) {
        case .labelCreated: ("M", "MP", "003")
        case .pickedUp: ("P", "PU", "038")
        case .originScan: ("I", "OR", "005")
        case .arrived: ("I", "AR", "005")
        case .departed: ("I", "DP", "005")
        case .customsPending: ("I", "IP", "012")
        case .customsCleared: ("I", "CR", "014")
        case .customsHeld: ("X", "RZ", "058")
        case .weatherDelay: ("X", "WD", "013")
        case .addressProblem: ("X", "UA", "069")
        case .outForDelivery: ("I", "OT", "021")
        case .attemptFailed: ("X", "48", "022")
        case .availableForPickup: ("I", "ZP", "161")
        case .delivered: ("D", "FS", "011")
        case .collected: ("D", "KM", "011")
        case .returnInitiated: ("X", "RS", "033")
        case .returned: ("D", "RT", "036")
        }
    }

    /// The Track Alert body of one step (one activity per POST; absent values are `""`).
    /// A UPS Track Alert webhook body for one step of a journey.
    public static func trackAlert(_ journey: SimulatedJourney, _ step: SimulatedStep) -> JSONValue {
        let time = StepTime(step)
        let code = codes(step)
        let delivered = step.status == .delivered
        let scheduled = step.estimatedDelivery.map { StepTime($0, at: journey.destination).compactDate } ?? ""
        return .object([
            "trackingNumber": .string(journey.trackingNumber),
            "localActivityDate": .string(time.compactDate), "localActivityTime": .string(time.compactTime),
            "gmtActivityDate": .string(StepTime.compactDate(time.utc)), "gmtActivityTime": .string(StepTime.compactTime(time.utc)),
            "gmtOffset": .string(time.offset.replacingOccurrences(of: ":", with: ".")),
            "activityLocation": .object([
                "city": .string(step.location.city ?? ""), "stateProvince": .string(step.location.region ?? ""),
                "postalCode": .string(delivered ? step.location.postalCode ?? "" : ""), "country": .string(step.location.country ?? ""),
            ]),
            "activityStatus": .object([
                "type": .string(code.type), "code": .string(code.scan), "description": .string(step.description),
                "descriptionCode": .string(code.statusCode),
            ]),
            "scheduledDeliveryDate": .string(delivered ? "" : scheduled),
            "actualDeliveryDate": .string(delivered ? time.compactDate : ""),
            "actualDeliveryTime": .string(delivered ? time.compactTime : ""),
            "deliveryStartTime": .string(""), "deliveryEndTime": .string(""),
            "deliveryTimeDescription": .string(delivered ? "" : "end of day"),
            "receivedBy": .string(step.substatus == .deliveredSigned ? FormatSupport.signer(of: journey.trackingNumber) : ""),
        ])
    }

    static func token(_ token: String, expiresIn: Int, clientID: String) -> SimulatedResponse {
        SimulatedResponse(status: 200, json: .object([
            "token_type": .string("Bearer"), "issued_at": .string(String(Int64(Date().timeIntervalSince1970 * 1000))),
            "client_id": .string(clientID), "access_token": .string(token), "expires_in": .string(String(expiresIn)),
            "refresh_count": .string("0"), "status": .string("approved"),
        ]))
    }

    static func error(status: Int, code: String, message: String, headers: [String: String] = [:]) -> SimulatedResponse {
        SimulatedResponse(status: status, headers: headers, json: .object(["response": .object([
            "errors": .array([.object(["code": .string(code), "message": .string(message)])]),
        ])]))
    }

    static func unauthorized() -> SimulatedResponse {
        error(status: 401, code: "250002", message: "Invalid Authentication Information.")
    }
}
