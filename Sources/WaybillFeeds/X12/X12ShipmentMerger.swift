import WaybillCarriers
import WaybillCore

/// One shipment per tracking number: carriers send a transaction set per status, so one file
/// can report a parcel several times (the Canada Post sample has one parcel in three sets).
/// The events of all its sets are one timeline; an event reported twice is kept once.
enum X12ShipmentMerger {
    static func merged(_ shipments: [ParsedShipment]) -> [ParsedShipment] {
        var order: [String] = []
        var byNumber: [String: ParsedShipment] = [:]
        for shipment in shipments {
            guard var existing = byNumber[shipment.trackingNumber] else {
                order.append(shipment.trackingNumber)
                byNumber[shipment.trackingNumber] = shipment
                continue
            }
            existing.estimatedDelivery = shipment.estimatedDelivery ?? existing.estimatedDelivery
            for reference in shipment.references where !existing.references.contains(reference) {
                existing.references.append(reference)
            }
            for number in shipment.alternateTrackingNumbers where !existing.alternateTrackingNumbers.contains(number) {
                existing.alternateTrackingNumbers.append(number)
            }
            for event in shipment.events where !existing.events.contains(where: { same($0, event) }) {
                existing.events.append(event)
            }
            byNumber[shipment.trackingNumber] = existing
        }
        return order.compactMap { byNumber[$0] }.map(resequenced)
    }

    /// Oldest first again after a merge, with the delivery facts of the last delivery.
    private static func resequenced(_ shipment: ParsedShipment) -> ParsedShipment {
        var shipment = shipment
        shipment.events = StatusResolver.chronologicalOrder(shipment.events).enumerated().map { sequence, index in
            var event = shipment.events[index]
            event.sequence = sequence
            return event
        }
        let delivered = shipment.events.last { $0.status == .delivered }
        shipment.deliveredAt = delivered?.occurredAt
        shipment.signedBy = delivered?.signedBy
        return shipment
    }

    private static func same(_ a: CanonicalEvent, _ b: CanonicalEvent) -> Bool {
        var a = a, b = b
        a.sequence = 0
        b.sequence = 0
        return a == b
    }
}
