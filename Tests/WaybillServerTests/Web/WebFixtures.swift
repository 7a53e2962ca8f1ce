import Foundation
import WaybillCore
@testable import WaybillServer
import WaybillStore

/// Shipments and events built in memory for rendering tests.
enum WebFixtures {
    static let now = Date(timeIntervalSince1970: 1_795_217_400)  // 2026-11-20T23:30:00Z

    static func shipment(_ status: ShipmentStatus, substatus: Substatus? = nil, carrier: String = "ups",
                         trackingNumber: String = "1Z999AA10123456784", eta: DeliveryEstimate? = nil,
                         deliveredAt: Date? = nil, signedBy: String? = nil, customer: Customer = Customer(timeZone: "Europe/Berlin"),
                         updatedAt: Date = now) -> Shipment {
        Shipment(id: "shp_test", tenantID: "ten_test", orderID: "O-1", trackingNumber: trackingNumber, carrier: carrier, service: nil,
                 status: status, substatus: substatus, estimatedDelivery: eta, deliveredAt: deliveredAt, signedBy: signedBy,
                 lastEventID: "evt_1", lastEventAt: now, publicToken: "tok_test_0123456789abcdef", customer: customer, metadata: [:],
                 createdAt: now, updatedAt: updatedAt, trackingStoppedAt: nil)
    }

    static func event(_ status: ShipmentStatus, substatus: Substatus? = nil, reason: Reason? = nil, actionRequired: Bool = false,
                      code: String = "RAWCODE-XYZ", description: String = "RAW CARRIER TEXT", local: String? = nil,
                      offset: String? = nil, occurredAt: Date? = nil, city: String? = "Berlin", country: String? = "DE",
                      sequence: Int = 1) -> StoredEvent {
        let event = CanonicalEvent(
            status: status, substatus: substatus, reason: reason, actionRequired: actionRequired, carrierCode: code,
            carrierDescription: description, occurredAt: occurredAt, localTime: local.flatMap(LocalDateTime.init(parsing:)),
            utcOffset: offset.flatMap(UTCOffset.init(parsing:)), zoneSource: offset == nil ? .unknown : .carrierOffset,
            location: city == nil && country == nil ? nil : Location(city: city, country: country), sequence: sequence)
        return StoredEvent(id: "evt_\(sequence)", shipmentID: "shp_test", fingerprint: "fp\(sequence)", event: event, source: .api,
                           rawPayloadID: nil, recordedAt: now, arrival: Int64(sequence))
    }

    /// The tracking page's HTML for a shipment.
    static func page(_ shipment: Shipment, _ events: [StoredEvent], legs: [ShipmentLeg] = [], language: Language = .english,
                     branding: Branding? = nil) -> String {
        let chrome = PageChrome(language: language, title: "t", branding: branding, fallbackName: "Waybill", pollScript: true)
        let view = ShipmentView(shipment: shipment, events: events, legs: legs, language: language, now: now)
        return WebAssets.render("tracking", CustomerPagesController.TrackingPage(chrome: chrome, shipment: view, pollURL: "/t/x", etag: "\"e\""))
    }
}
