import Foundation
import Testing
import WaybillTestSupport
import WaybillCore
@testable import WaybillCarriers

/// DHL Parcel DE piece-detail XML, read by the `dhl` adapter. The bodies are written here in
/// DHL's format (attributes only, German local times).
@Suite("DHL Parcel DE piece detail")
struct DHLParcelDETests {
    let adapter = DHLAdapter()

    static let summerDelivery = Data("""
        <?xml version="1.0" encoding="UTF-8"?>
        <data name="piece-shipment-list" code="0" request-id="1">
          <data name="piece-shipment" error-status="0" piece-code="00340434161094099991" piece-identifier="340434161094099991"
                searched-piece-code="00340434161094099991" status="Die Sendung wurde zugestellt." status-timestamp="02.07.2026 14:05"
                product-name="DHL PAKET" delivery-event-flag="1" recipient-name="Nachbar M. Schulz" recipient-id-text="Nachbar">
            <data name="piece-event-list" piece-identifier="340434161094099991">
              <data name="piece-event" event-timestamp="01.07.2026 19:40" event-status="Die Sendung wurde im Start-Paketzentrum bearbeitet."
                    ice="LDTMV" ric="MVMTV" event-location="Köln" event-country="Deutschland" standard-event-code="AA" />
              <data name="piece-event" event-timestamp="02.07.2026 09:12" event-status="Die Sendung wurde in das Zustellfahrzeug geladen."
                    ice="SRTED" ric="NRQRD" event-location="" event-country="" standard-event-code="PO" />
              <data name="piece-event" event-timestamp="2.7.26 13:00" event-status="Zustellversuch"
                    ice="NDELV" event-location="Bonn" event-country="Deutschland" />
              <data name="piece-event" event-timestamp="02.07.2026 14:05" event-status="Die Sendung wurde beim Nachbarn zugestellt."
                    ice="DLVRD" ric="OTHER" event-location="Bonn" event-country="Deutschland" standard-event-code="ZU" />
            </data>
          </data>
        </data>
        """.utf8)

    @Test func eventsAreGermanLocalTimesAndTheTextRefinesBroadCodes() throws {
        let result = try adapter.parse(Self.summerDelivery)
        let shipment = try #require(result.shipments.first)
        #expect(shipment.trackingNumber == "00340434161094099991")
        #expect(shipment.alternateTrackingNumbers == ["340434161094099991"])
        // Europe/Berlin is +02:00 in July, whatever the event's country field says.
        #expect(shipment.events.map(\.occurredAt) == [utc("2026-07-01T17:40:00Z"), utc("2026-07-02T07:12:00Z"),
                                                      utc("2026-07-02T12:05:00Z")])
        #expect(shipment.events.map(\.status) == [.inTransit, .outForDelivery, .delivered])
        #expect(shipment.events[0].location == Location(city: "Köln", country: "DE"))
        #expect(shipment.events[2].substatus == .deliveredNeighbour)
        #expect(shipment.signedBy == "Nachbar M. Schulz" && shipment.events[2].signedBy == "Nachbar M. Schulz")
        // The malformed time is reported, not dropped silently.
        #expect(result.notices.count == 1 && result.notices[0].kind == .warning)
        #expect(result.notices[0].message.contains("2.7.26 13:00"))
    }

    @Test func aPieceWithoutEventsIsItsCurrentStatusAndNoDataIsNotFound() throws {
        let current = Data("""
            <data name="piece-shipment-list" code="0"><data name="piece-shipment" error-status="0" piece-code="00340434161094099992" \
            status="The shipment has been loaded onto the delivery vehicle" status-timestamp="15.01.2026 08:30" ice="SRTED" \
            delivery-event-flag="0" recipient-name="Signature not required"/></data>
            """.utf8)
        let shipment = try #require(try adapter.parse(current).shipments.first)
        #expect(shipment.events.count == 1 && shipment.events[0].status == .outForDelivery)
        #expect(shipment.events[0].occurredAt == utc("2026-01-15T07:30:00Z"))
        #expect(shipment.signedBy == nil)
        let empty = try adapter.parse(Data(#"<data name="piece-shipment-list" code="100" error="No data found"/>"#.utf8))
        #expect(empty.shipments.isEmpty && empty.notices.first?.kind == .notFound && empty.notices.first?.code == "100")
    }

    @Test func sniffTakesThePieceListForDHL() {
        #expect(adapter.sniff(Self.summerDelivery) >= 0.9)
        #expect(DHLExpressAdapter().sniff(Self.summerDelivery) == 0)
    }
}
