import Foundation
import WaybillCore
import WaybillIngest
import WaybillStore

/// Realistic shipments for `waybill demo`: journeys across real lanes with local times and
/// offsets, loaded through the real ingest pipeline (and one replayed payload to show dedupe).
enum DemoData {
    struct Place {
        var city: String
        var region: String?
        var postalCode: String
        var country: String
        var offsetHours: Int
    }

    struct Lane {
        var carrier: String
        var service: String
        var trackingPrefix: String
        var trackingDigits: Int
        var trackingSuffix: String = ""
        var stops: [Place]
    }

    static let lanes: [Lane] = [
        Lane(carrier: "ups", service: "UPS Ground", trackingPrefix: "1Z999AA1", trackingDigits: 10, stops: [
            Place(city: "Atlanta", region: "GA", postalCode: "30301", country: "US", offsetHours: -5),
            Place(city: "Louisville", region: "KY", postalCode: "40209", country: "US", offsetHours: -5),
            Place(city: "Chicago", region: "IL", postalCode: "60607", country: "US", offsetHours: -6),
            Place(city: "Denver", region: "CO", postalCode: "80202", country: "US", offsetHours: -7),
        ]),
        Lane(carrier: "fedex", service: "FedEx Home Delivery", trackingPrefix: "7712", trackingDigits: 8, stops: [
            Place(city: "Newark", region: "NJ", postalCode: "07102", country: "US", offsetHours: -5),
            Place(city: "Memphis", region: "TN", postalCode: "38118", country: "US", offsetHours: -6),
            Place(city: "Phoenix", region: "AZ", postalCode: "85004", country: "US", offsetHours: -7),
            Place(city: "Los Angeles", region: "CA", postalCode: "90012", country: "US", offsetHours: -8),
        ]),
        Lane(carrier: "usps", service: "Priority Mail", trackingPrefix: "9400111", trackingDigits: 15, stops: [
            Place(city: "Seattle", region: "WA", postalCode: "98101", country: "US", offsetHours: -8),
            Place(city: "Portland", region: "OR", postalCode: "97201", country: "US", offsetHours: -8),
            Place(city: "Boise", region: "ID", postalCode: "83702", country: "US", offsetHours: -7),
        ]),
        Lane(carrier: "dhl", service: "DHL Paket", trackingPrefix: "00340434", trackingDigits: 12, stops: [
            Place(city: "Hamburg", region: nil, postalCode: "20095", country: "DE", offsetHours: 1),
            Place(city: "Leipzig", region: nil, postalCode: "04435", country: "DE", offsetHours: 1),
            Place(city: "München", region: nil, postalCode: "80331", country: "DE", offsetHours: 1),
        ]),
        Lane(carrier: "postnl", service: "Standaard", trackingPrefix: "3SABCD", trackingDigits: 9, stops: [
            Place(city: "Amsterdam", region: nil, postalCode: "1012AB", country: "NL", offsetHours: 1),
            Place(city: "Nieuwegein", region: nil, postalCode: "3439MN", country: "NL", offsetHours: 1),
            Place(city: "Utrecht", region: nil, postalCode: "3511AA", country: "NL", offsetHours: 1),
        ]),
        Lane(carrier: "royal_mail", service: "Tracked 48", trackingPrefix: "RM", trackingDigits: 9, trackingSuffix: "GB", stops: [
            Place(city: "London", region: nil, postalCode: "EC1A 1BB", country: "GB", offsetHours: 0),
            Place(city: "Warrington", region: nil, postalCode: "WA1 1AA", country: "GB", offsetHours: 0),
            Place(city: "Manchester", region: nil, postalCode: "M1 1AE", country: "GB", offsetHours: 0),
        ]),
    ]

    /// How far along a demo journey gets.
    enum Ending: CaseIterable {
        case labelOnly, inTransit, outForDelivery, delivered, deliveredSigned, failedAttempt, pickupPoint, addressProblem, returned
    }

    struct Step {
        var status: ShipmentStatus
        var substatus: Substatus?
        var reason: Reason?
        var actionRequired = false
        var code: String
        var text: String
        var stop: Int
        var signedBy: String?
    }

    static func steps(_ ending: Ending, stops: Int) -> [Step] {
        let last = stops - 1
        var steps = [Step(status: .infoReceived, substatus: .labelCreated, code: "MP", text: "Shipper created a label", stop: 0)]
        if ending == .labelOnly { return steps }
        steps.append(Step(status: .inTransit, substatus: .pickedUp, code: "PU", text: "Picked up", stop: 0))
        for stop in 1..<stops {
            steps.append(Step(status: .inTransit, substatus: .arrivedFacility, code: "AR", text: "Arrived at facility", stop: stop))
            if stop < last {
                steps.append(Step(status: .inTransit, substatus: .departedFacility, code: "DP", text: "Departed facility", stop: stop))
            }
        }
        if ending == .inTransit { return Array(steps.dropLast()) }
        if ending == .addressProblem {
            steps.append(Step(status: .exception, substatus: .addressProblem, reason: .addressIncorrect, actionRequired: true,
                              code: "AD", text: "The address is incomplete; contact the carrier", stop: last))
            return steps
        }
        steps.append(Step(status: .outForDelivery, substatus: .outForDelivery, code: "OD", text: "Out for delivery", stop: last))
        switch ending {
        case .outForDelivery:
            break
        case .delivered:
            steps.append(Step(status: .delivered, substatus: .deliveredDoor, code: "DL", text: "Delivered, left at front door", stop: last))
        case .deliveredSigned:
            steps.append(Step(status: .delivered, substatus: .deliveredSigned, code: "DL", text: "Delivered, signed by M. GARCIA",
                              stop: last, signedBy: "M. GARCIA"))
            steps.append(Step(status: .delivered, substatus: .proofOfDeliveryRecorded, code: "SG", text: "Signature image recorded",
                              stop: last))
        case .failedAttempt:
            steps.append(Step(status: .attemptFailed, reason: .consigneeNotHome, code: "NH",
                              text: "Delivery attempted, nobody home; we will try again next business day", stop: last))
        case .pickupPoint:
            steps.append(Step(status: .attemptFailed, reason: .consigneeNotHome, code: "NH", text: "Nobody home", stop: last))
            steps.append(Step(status: .availableForPickup, substatus: .awaitingCollection, actionRequired: true, code: "PP",
                              text: "Ready for collection at the post office", stop: last))
        case .returned:
            steps.append(Step(status: .attemptFailed, reason: .refused, code: "RF", text: "Refused by recipient", stop: last))
            steps.append(Step(status: .returnedToSender, substatus: .returnInitiated, reason: .refused, code: "RS",
                              text: "Returning to sender", stop: last))
        default:
            break
        }
        return steps
    }

    /// Registers `count` shipments and ingests their histories; returns the tracking numbers.
    static func load(count: Int, tenantID: String, pipeline: IngestPipeline, now: Date = Date()) async throws -> Int {
        var generator = SystemRandomNumberGenerator()
        var loaded = 0
        for index in 0..<count {
            let lane = lanes[index % lanes.count]
            let ending = Ending.allCases[(index / lanes.count + index) % Ending.allCases.count]
            let digits = String((0..<lane.trackingDigits).map { _ in Character(String(Int.random(in: 0...9, using: &generator))) })
            let trackingNumber = lane.trackingPrefix + digits + lane.trackingSuffix
            let orderNumber = "DEMO-\(1000 + index / 2)"
            let (shipment, _) = try await pipeline.store.registerShipment(NewShipment(
                tenantID: tenantID, trackingNumber: trackingNumber, carrier: lane.carrier, service: lane.service,
                merchantOrderID: orderNumber,
                customer: Customer(email: "customer\(index)@example.com", postalCode: lane.stops.last?.postalCode,
                                   locale: lane.stops.last?.country == "US" ? "en-US" : nil),
                metadata: ["channel": index % 3 == 0 ? "marketplace" : "webshop"], actor: "demo"))

            let steps = steps(ending, stops: lane.stops.count)
            let hoursPerStep = 9.0 + Double(index % 5)
            let start = now.addingTimeInterval(-hoursPerStep * 3600 * Double(steps.count) - 1800)
            let events = steps.enumerated().map { position, step in
                let place = lane.stops[step.stop]
                let offset = UTCOffset(seconds: place.offsetHours * 3600)
                let instant = start.addingTimeInterval(hoursPerStep * 3600 * Double(position) + Double(index * 97 % 1800))
                return CanonicalEvent(
                    status: step.status, substatus: step.substatus, reason: step.reason, actionRequired: step.actionRequired,
                    carrierCode: step.code, carrierDescription: step.text, occurredAt: instant,
                    localTime: LocalDateTime(instant: instant, offset: offset), utcOffset: offset, zoneSource: .carrierOffset,
                    location: Location(city: place.city, region: place.region, postalCode: place.postalCode, country: place.country),
                    sequence: position, isInformational: step.substatus == .proofOfDeliveryRecorded, signedBy: step.signedBy)
            }
            // Carriers list newest first; the feed is split in two overlapping payloads, as polls overlap webhooks.
            let split = max(1, events.count / 2)
            for part in [Array(events.prefix(split + 1)), Array(events.suffix(from: split))] where !part.isEmpty {
                try await pipeline.ingest(IngestBatch(
                    tenantID: tenantID,
                    raw: NewRawPayload(source: .api, carrier: lane.carrier, contentType: "application/json",
                                       body: payload(trackingNumber: trackingNumber, events: part.reversed())),
                    events: part.map { IngestBatch.ShipmentEvent(shipmentID: shipment.id, event: $0) }, actor: "demo"))
            }
            loaded += 1
        }
        return loaded
    }

    /// The demo's raw payload: a carrier-like JSON list, newest first.
    static func payload(trackingNumber: String, events: [CanonicalEvent]) -> Data {
        JSONValue.object([
            "tracking_number": .string(trackingNumber),
            "events": .array(events.map { event in
                .object([
                    "code": .string(event.carrierCode), "description": .string(event.carrierDescription),
                    "local_time": .string(event.localTime?.description), "utc_offset": .string(event.utcOffset?.description),
                    "city": .string(event.location?.city), "postal_code": .string(event.location?.postalCode),
                    "country": .string(event.location?.country),
                ])
            }),
        ]).encoded()
    }
}
