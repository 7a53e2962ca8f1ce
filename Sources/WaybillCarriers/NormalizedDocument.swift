import Foundation
import WaybillCore

/// The output of `waybill normalize` (a contract users' scripts rely on): shipments with
/// their events oldest first, instants in UTC (`...Z`), local times and offsets as given.
public struct NormalizedDocument: Encodable, Sendable {
    let shipments: [Shipment]
    let notices: [Notice]

    public init(_ result: CarrierParseResult) {
        shipments = result.shipments.map(Shipment.init)
        notices = result.notices.map(Notice.init)
    }

    public static func render(_ result: CarrierParseResult) throws -> JSONValue {
        try JSONValue(encoding: NormalizedDocument(result))
    }

    struct Shipment: Encodable, Sendable {
        let carrier: String
        let trackingNumber: String
        let service: String?
        let status: ShipmentStatus
        let substatus: Substatus?
        let estimatedDelivery: Estimate?
        let deliveredAt: Date?
        let signedBy: String?
        let deliveryLocation: String?
        let proofOfDelivery: [String]
        let references: [String]
        let alternateTrackingNumbers: [String]
        let unmappedEvents: Int
        let events: [EventRepresentation]

        enum CodingKeys: String, CodingKey {
            case carrier, service, status, substatus, references, events
            case trackingNumber = "tracking_number"
            case estimatedDelivery = "estimated_delivery"
            case deliveredAt = "delivered_at"
            case signedBy = "signed_by"
            case deliveryLocation = "delivery_location"
            case proofOfDelivery = "proof_of_delivery"
            case alternateTrackingNumbers = "alternate_tracking_numbers"
            case unmappedEvents = "unmapped_events"
        }

        init(_ shipment: ParsedShipment) {
            let state = shipment.state
            carrier = shipment.carrier
            trackingNumber = shipment.trackingNumber
            service = shipment.service
            status = state.status
            substatus = state.substatus
            estimatedDelivery = shipment.estimatedDelivery.map { Estimate(earliest: Self.time($0.earliest), latest: $0.latest.flatMap(Self.time)) }
            deliveredAt = shipment.deliveredAt ?? state.deliveredAt
            signedBy = shipment.signedBy ?? state.signedBy
            deliveryLocation = shipment.deliveryLocation
            proofOfDelivery = shipment.proofOfDelivery
            references = shipment.references
            alternateTrackingNumbers = shipment.alternateTrackingNumbers
            unmappedEvents = shipment.events.filter { $0.substatus == .unmapped }.count
            events = StatusResolver.chronologicalOrder(shipment.events).map {
                EventRepresentation(shipment.events[$0], instants: .utc, coordinates: .omitted)
            }
        }

        /// An instant in UTC when known, else the local date or time as the carrier gave it.
        static func time(_ time: CarrierTime) -> String? {
            if let instant = time.instant { return Timestamp.utcString(instant) }
            return time.local?.description
        }
    }

    struct Estimate: Encodable, Sendable {
        let earliest: String?
        let latest: String?
    }

    struct Notice: Encodable, Sendable {
        let trackingNumber: String?
        let kind: String
        let code: String?
        let message: String
        let path: String?

        enum CodingKeys: String, CodingKey {
            case kind, code, message, path
            case trackingNumber = "tracking_number"
        }

        init(_ notice: CarrierNotice) {
            trackingNumber = notice.trackingNumber
            kind = notice.kind.rawValue
            code = notice.code
            message = notice.message
            path = notice.path
        }
    }
}
