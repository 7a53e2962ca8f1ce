import Crypto
import Foundation
import WaybillCore

/// AfterShip's tracking webhook (`{ts, event, event_id, msg: tracking}`): the whole tracking,
/// every checkpoint so far oldest first, signed with `aftership-hmac-sha256` = base64
/// HMAC-SHA256 of the raw body with the webhook secret.
enum AfterShipFormat {
    static func webhook(_ journey: SimulatedJourney, through steps: ArraySlice<SimulatedStep>, eventID: String) -> JSONValue {
        .object([
            "ts": .number(Double(Int(Date().timeIntervalSince1970))),
            "event": .string("tracking_update"),
            "event_id": .string(eventID),
            "msg": tracking(journey, through: steps),
        ])
    }

    /// `GET /tracking/{version}/trackings?tracking_numbers=…`: the API envelope around the trackings.
    static func trackings(_ found: [(SimulatedJourney, [SimulatedStep])]) -> SimulatedResponse {
        SimulatedResponse(status: 200, json: .object([
            "meta": .object(["code": .number(200), "message": .string("OK")]),
            "data": .object(["trackings": .array(found.map { tracking($0.0, through: $0.1[...]) })]),
        ]))
    }

    static func tracking(_ journey: SimulatedJourney, through steps: ArraySlice<SimulatedStep>) -> JSONValue {
        let latest = steps.last
        var tracking: [String: JSONValue] = [
            "tracking_number": .string(journey.trackingNumber),
            "slug": .string(journey.carrier),
            "tag": .string(latest.map { tag($0).tag }),
            "subtag": .string(latest.map { tag($0).subtag }),
            "shipment_type": .string(journey.service),
            "destination_country_region": .string(alpha3(journey.destination.country)),
            "return_to_sender": .bool(false),
            "checkpoints": .array(steps.map(checkpoint)),
        ]
        if let lastMile = journey.lastMile {
            tracking["next_couriers"] = .array([.object([
                "slug": .string(lastMile.carrier), "tracking_number": .string(lastMile.trackingNumber), "source": .string("system"),
            ])])
        }
        if let estimate = latest?.estimatedDelivery {
            let local = StepTime(estimate, at: journey.destination)
            tracking["courier_estimated_delivery_date"] = .object([
                "estimated_delivery_date": .string(local.isoDate), "estimated_delivery_date_min": .null, "estimated_delivery_date_max": .null,
            ])
        }
        if let delivered = steps.last(where: { $0.status == .delivered }) {
            tracking["shipment_delivery_date"] = .string(StepTime(delivered).offsetISO)
            if delivered.substatus == .deliveredSigned { tracking["signed_by"] = .string(FormatSupport.signer(of: journey.trackingNumber)) }
        }
        return .object(tracking)
    }

    static func checkpoint(_ step: SimulatedStep) -> JSONValue {
        let codes = tag(step)
        return .object([
            "checkpoint_time": .string(StepTime(step).offsetISO),
            "message": .string(step.description),
            "city": .string(step.location.city), "state": .string(step.location.region),
            "postal_code": .string(step.location.postalCode), "country_region": .string(alpha3(step.location.country)),
            "location": .string([step.location.city, step.location.region].compactMap { $0 }.joined(separator: ", ")),
            "tag": .string(codes.tag), "subtag": .string(codes.subtag),
        ])
    }

    static func tag(_ step: SimulatedStep) -> (tag: String, subtag: String) {
        switch StepKind(status: step.status, substatus: step.substatus, reason: step.reason) {
        case .labelCreated: ("InfoReceived", "InfoReceived_001")
        case .pickedUp: ("InTransit", "InTransit_002")
        case .originScan, .arrived: ("InTransit", "InTransit_003")
        case .departed: ("InTransit", "InTransit_007")
        case .customsPending: ("InTransit", "InTransit_006")
        case .customsCleared: ("InTransit", "InTransit_005")
        case .customsHeld: ("Exception", "Exception_004")
        case .weatherDelay: ("Exception", "Exception_001")
        case .addressProblem: ("Exception", "Exception_007")
        case .outForDelivery: ("OutForDelivery", "OutForDelivery_001")
        case .attemptFailed: ("AttemptFail", "AttemptFail_002")
        case .availableForPickup: ("AvailableForPickup", "AvailableForPickup_001")
        case .delivered(.deliveredSigned): ("Delivered", "Delivered_003")
        case .delivered: ("Delivered", "Delivered_001")
        case .collected: ("Delivered", "Delivered_002")
        case .returnInitiated: ("Exception", "Exception_010")
        case .returned: ("Exception", "Exception_011")
        }
    }

    static func alpha3(_ country: String?) -> String? {
        guard let country else { return nil }
        return ["US": "USA", "DE": "DEU", "GB": "GBR"][country] ?? country
    }

    /// The `aftership-hmac-sha256` header value for `body`.
    static func signature(_ body: Data, secret: String) -> String {
        Data(HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Data(secret.utf8)))).base64EncodedString()
    }
}
