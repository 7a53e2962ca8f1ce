import Foundation
import WaybillCore

/// A made-up shipment for the branding preview: no tenant data is shown.
enum SamplePage {
    static func shipment(now: Date) -> (shipment: Shipment, events: [StoredEvent]) {
        let shipment = Shipment(
            id: "shp_preview", tenantID: "", orderID: "1001", trackingNumber: "1Z999AA10123456784", carrier: "ups", service: nil,
            status: .inTransit, substatus: .departedFacility,
            estimatedDelivery: DeliveryEstimate(earliest: now.addingTimeInterval(86_400), latest: now.addingTimeInterval(2 * 86_400), source: .carrier),
            deliveredAt: nil, signedBy: nil, lastEventID: nil, lastEventAt: now, publicToken: "preview", customer: Customer(),
            metadata: [:], createdAt: now, updatedAt: now, trackingStoppedAt: nil)
        func event(_ status: ShipmentStatus, _ substatus: Substatus, hoursAgo: Double, city: String, sequence: Int) -> StoredEvent {
            let instant = now.addingTimeInterval(-hoursAgo * 3600)
            let canonical = CanonicalEvent(status: status, substatus: substatus, occurredAt: instant, utcOffset: UTCOffset(seconds: 3600),
                                           zoneSource: .carrierOffset, location: Location(city: city, country: "DE"), sequence: sequence)
            return StoredEvent(id: "evt_preview_\(sequence)", shipmentID: shipment.id, fingerprint: "", event: canonical, source: .api,
                               rawPayloadID: nil, recordedAt: instant, arrival: Int64(sequence))
        }
        return (shipment, [
            event(.infoReceived, .labelCreated, hoursAgo: 30, city: "Hamburg", sequence: 1),
            event(.inTransit, .pickedUp, hoursAgo: 20, city: "Hamburg", sequence: 2),
            event(.inTransit, .departedFacility, hoursAgo: 4, city: "Hannover", sequence: 3),
        ])
    }
}
