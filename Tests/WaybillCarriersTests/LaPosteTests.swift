import Foundation
import Testing
@testable import WaybillCarriers
import WaybillCore

@Suite("La Poste adapter")
struct LaPosteTests {
    let adapter = LaPosteAdapter()

    func fixture(_ name: String) throws -> CarrierParseResult {
        try adapter.parse(Data(contentsOf: CarrierTestFiles.testsDirectory.appendingPathComponent("Fixtures/la_poste/\(name)")))
    }

    @Test("real sample: ET1 is processing (not out for delivery), DI1 delivered, offsets kept",
          .enabled(if: CarrierTestFiles.sharedSamplesAvailable, CarrierTestFiles.sharedSamplesMissing))
    func realSamples() throws {
        let folder = CarrierTestFiles.sharedSamples.appendingPathComponent("laposte")
        let result = try adapter.parse(Data(contentsOf: folder.appendingPathComponent("suivi-v2-colissimo-delivered.json")))
        let shipment = try #require(result.shipments.first)
        #expect(shipment.trackingNumber == "EW112720413FR")
        #expect(shipment.service == "colissimo")
        #expect(shipment.events.first?.carrierCode == "DR1")
        #expect(shipment.events.filter { $0.carrierCode == "ET1" }.allSatisfy { $0.status == .inTransit })
        #expect(shipment.events.last?.status == .delivered)
        #expect(shipment.events.last?.occurredAt.map(Timestamp.utcString) == "2023-03-09T08:38:00.000Z")
        #expect(shipment.deliveredAt.map(Timestamp.utcString) == "2023-03-09T08:38:00.000Z")
        #expect(shipment.estimatedDelivery == nil)
        #expect(shipment.state.status == .delivered)

        let error = try adapter.parse(Data(contentsOf: folder.appendingPathComponent("suivi-v2-invalid-id-400.json")))
        #expect(error.shipments.isEmpty)
        #expect(error.notices.first?.kind == .error)
        #expect(error.notices.first?.code == "400")
        #expect(error.notices.first?.trackingNumber?.hasPrefix("WBZQ03") == true)
    }

    @Test("failed attempt then waiting at the post office; a midnight estimate is a date")
    func awaitingCounterPickup() throws {
        let shipment = try #require(try fixture("colissimo-awaiting-counter-pickup.json").shipments.first)
        #expect(shipment.events.map(\.carrierCode) == ["DR1", "PC1", "ET1", "MD2", "ND1", "AG1"])
        #expect(shipment.events[4].status == .attemptFailed)
        #expect(shipment.events[5].status == .availableForPickup)
        #expect(shipment.events[5].actionRequired)
        #expect(shipment.state.status == .availableForPickup)
        #expect(shipment.estimatedDelivery?.earliest.local?.description == "2026-11-21")
        #expect(shipment.estimatedDelivery?.earliest.instant == nil)
    }

    @Test("returned to sender: RE1 then DI2 delivered back to the sender is not a delivery")
    func returned() throws {
        let shipment = try #require(try fixture("colissimo-returned-to-sender.json").shipments.first)
        #expect(shipment.events.suffix(2).map(\.status) == [.returnedToSender, .returnedToSender])
        #expect(shipment.state.status == .returnedToSender)
        #expect(shipment.state.deliveredAt == nil)
        #expect(shipment.events[3].utcOffset?.description == "+02:00")
    }

    @Test("held in customs: exception; UTC times stay UTC")
    func customs() throws {
        let shipment = try #require(try fixture("international-held-in-customs-utc.json").shipments.first)
        #expect(shipment.state.status == .exception)
        #expect(shipment.state.substatus == .heldByCustoms)
        #expect(shipment.events[3].substatus == .customsPending)
        #expect(shipment.events[4].zoneSource == .carrierUTC)
        #expect(shipment.events[4].occurredAt.map(Timestamp.utcString) == "2026-05-09T08:30:00.000Z")
        #expect(shipment.events[4].localTime == nil)
    }

    @Test("array answer: a delivered letter and an unknown number; a time without offset and no location is unknown")
    func multi() throws {
        let result = try fixture("multi-207-delivered-and-unknown.json")
        #expect(result.notices == [CarrierNotice(trackingNumber: "6A20000000000", kind: .notFound, code: "404",
                                                 message: "Numéro d’envoi 6A20000000000 inconnu")])
        let shipment = try #require(result.shipments.first)
        #expect(shipment.service == "lettre suivie")
        #expect(shipment.events[1].substatus == .unmapped)
        #expect(shipment.events[1].zoneSource == .unknown)
        #expect(shipment.events[1].occurredAt == nil)
        #expect(shipment.events[1].localTime?.description == "2026-02-11T04:00:00")
        #expect(shipment.state.status == .delivered)
        #expect(result.unmappedEventCount == 1)
    }

    @Test("a body that is not La Poste throws with the JSON path")
    func notLaPoste() {
        #expect(throws: CarrierParseError.self) { try adapter.parse(Data("{\"parcels\":[]}".utf8)) }
        #expect(throws: CarrierParseError.self) { try adapter.parse(Data("[{\"returnCode\":\"x\"}]".utf8)) }
        #expect(adapter.sniff(Data("{\"parcels\":[]}".utf8)) == 0)
    }

    @Test("tracking request: ids comma-separated, language, Okapi key")
    func trackingRequest() {
        let request = adapter.trackingRequest(
            for: ["6A21234567890", "CB123456789FR"],
            configuration: CarrierConfiguration(baseURL: "https://api.laposte.fr", credentials: ["apiKey": "okapi-1"]))
        #expect(request.method == "GET")
        #expect(request.url == "https://api.laposte.fr/suivi/v2/idships/6A21234567890,CB123456789FR?lang=fr_FR")
        #expect(request.headers["X-Okapi-Key"] == "okapi-1")
        #expect(adapter.auth == .apiKeyHeader(name: "X-Okapi-Key"))
    }

    @Test("the Okapi gateway's {code, message} refusal is an error notice, and detected as La Poste")
    func gatewayRefusal() throws {
        let body = Data(#"{"code":"TOO_MANY_REQUESTS","message":"Rate limited, max quota reached (100 calls per 1s) (TOO_MANY_REQUESTS)."}"#.utf8)
        #expect(CarrierRegistry.sniff(body)?.id == "la_poste")
        #expect(try adapter.parse(body).notices.map(\.kind) == [.error])
        #expect(adapter.sniff(Data(#"{"code":"X","message":"something else"}"#.utf8)) == 0)
    }
}
