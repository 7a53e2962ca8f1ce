import Foundation
import Testing
@testable import WaybillCarriers
import WaybillCore

@Suite("GLS adapter")
struct GLSTests {
    let adapter = GLSAdapter()

    func fixture(_ name: String) throws -> CarrierParseResult {
        try adapter.parse(Data(contentsOf: CarrierTestFiles.testsDirectory.appendingPathComponent("Fixtures/gls/\(name)")))
    }

    @Test("real samples: ParcelShop is ready for pickup, a not-found parcel is a notice, one reference gives two parcels",
          .enabled(if: CarrierTestFiles.sharedSamplesAvailable, CarrierTestFiles.sharedSamplesMissing))
    func realSamples() throws {
        let folder = CarrierTestFiles.sharedSamples.appendingPathComponent("gls")
        let parcelShop = try adapter.parse(Data(contentsOf: folder.appendingPathComponent("tt-v1-delivered-parcelshop.json")))
        let shipment = try #require(parcelShop.shipments.first)
        #expect(shipment.events.map(\.carrierCode) == ["INTIAL.PREADVICE", "INTIAL.E48_DATA", "INTIAL.NORMAL", "DELIVD.PARCELSHOP"])
        #expect(shipment.state.status == .availableForPickup)
        #expect(shipment.events[3].utcOffset?.description == "+01:00")
        #expect(shipment.events[3].occurredAt.map(Timestamp.utcString) == "2025-02-10T14:13:46.000Z")
        #expect(shipment.events[3].location == nil)

        let mixed = try adapter.parse(Data(contentsOf: folder.appendingPathComponent("tt-v1-preadvice-with-not-found.json")))
        #expect(mixed.notices == [CarrierNotice(trackingNumber: "42249018928", kind: .notFound, code: "E_404_01", message: "Resource Not Found")])
        #expect(mixed.shipments.map(\.trackingNumber) == ["36301917596"])
        #expect(mixed.shipments.first?.state.status == .infoReceived)

        let reference = try adapter.parse(Data(contentsOf: folder.appendingPathComponent("tt-v1-reference-two-parcels-in-transit.json")))
        #expect(reference.shipments.map(\.trackingNumber) == ["93835330599", "93835330600"])
        #expect(reference.shipments.allSatisfy { $0.references == ["747N6K"] && $0.state.status == .inTransit })
    }

    @Test("delivered: newest-first list reversed, offsets kept per event, requested reference kept")
    func delivered() throws {
        let shipment = try #require(try fixture("delivered-door.json").shipments.first)
        #expect(shipment.trackingNumber == "50312345678")
        #expect(shipment.references == ["ORDER-20931"])
        #expect(shipment.events.first?.carrierCode == "INTIAL.PREADVICE")
        #expect(shipment.events.map(\.sequence) == Array(0..<6))
        #expect(shipment.events[2].utcOffset?.description == "+01:00")
        #expect(shipment.events[5].utcOffset?.description == "+02:00")
        #expect(shipment.events[5].zoneSource == .carrierOffset)
        #expect(shipment.events[5].location == Location(city: "Wien", postalCode: "1100", country: "AT"))
        #expect(shipment.state.status == .delivered)
        #expect(shipment.state.deliveredAt.map(Timestamp.utcString) == "2026-03-30T09:02:40.000Z")
    }

    @Test("failed attempt, then ParcelShop (action required), then collected")
    func parcelShop() throws {
        let shipment = try #require(try fixture("failed-attempt-parcelshop-collected.json").shipments.first)
        #expect(shipment.events.map(\.status) == [.outForDelivery, .attemptFailed, .availableForPickup, .delivered])
        #expect(shipment.events[1].reason == .consigneeNotHome)
        #expect(shipment.events[2].actionRequired)
        #expect(shipment.events[3].substatus == .deliveredCollected)
        #expect(shipment.state.status == .delivered)
    }

    @Test("not found and error parcels are notices")
    func notices() throws {
        let result = try fixture("not-found-and-error.json")
        #expect(result.shipments.isEmpty)
        #expect(result.notices.map(\.kind) == [.notFound, .error])
        #expect(result.notices.map(\.code) == ["E_404_01", "E_400_02"])
    }

    @Test("a parcel without events is one event from its status")
    func statusOnly() throws {
        let shipment = try #require(try fixture("status-only-without-events.json").shipments.first)
        #expect(shipment.events.count == 1)
        #expect(shipment.events[0].carrierCode == "INDELIVERY")
        #expect(shipment.state.status == .outForDelivery)
        #expect(shipment.events[0].occurredAt.map(Timestamp.utcString) == "2026-07-14T06:03:55.000Z")
    }

    @Test("times without offset: resolved by country, else unknown; an unknown code is unmapped")
    func localTimes() throws {
        let result = try fixture("local-times-unknown-zone-unmapped.json")
        let events = try #require(result.shipments.first).events
        #expect(events[0].zoneSource == .location)
        #expect(events[0].utcOffset?.description == "+02:00")
        #expect(events[1].location?.country == "AT")
        #expect(events[1].occurredAt.map(Timestamp.utcString) == "2026-07-14T20:41:00.000Z")
        #expect(events[2].zoneSource == .unknown)
        #expect(events[2].occurredAt == nil)
        #expect(events[2].localTime?.description == "2026-07-15T06:10:00")
        #expect(events[2].substatus == .unmapped)
        #expect(events[2].status == .inTransit)
        #expect(result.unmappedEventCount == 1)
    }

    @Test("a body that is not GLS throws with the JSON path")
    func notGLS() {
        #expect(throws: CarrierParseError.self) { try adapter.parse(Data("{\"mailPieces\":{}}".utf8)) }
        // An event without its code is skipped with a warning naming it; the parcel stays, and
        // that it is left with nothing to show is said too.
        let lenient = try? adapter.parse(Data("{\"parcels\":[{\"unitno\":\"1\",\"events\":[{\"description\":\"x\"}]}]}".utf8))
        #expect(lenient?.shipments.map(\.trackingNumber) == ["1"])
        #expect(lenient?.notices.map(\.path) == ["parcels[0].events[0]", "parcels[0].status"])
    }

    @Test("tracking request: up to 10 numbers, comma-separated, with events")
    func trackingRequest() {
        let numbers = (1...12).map { "5030000000\($0)" }
        let request = adapter.trackingRequest(for: numbers, configuration: CarrierConfiguration(baseURL: "https://api.gls-group.net"))
        #expect(request.method == "GET")
        #expect(request.url == "https://api.gls-group.net/track-and-trace-v1/tracking/simple/trackids/"
                + numbers.prefix(10).joined(separator: ",") + "?showEvents=true")
        #expect(request.headers["Accept"] == "application/json")
        #expect(adapter.auth == .oauth2ClientCredentials(tokenPath: "/oauth2/v2/token"))
        #expect(adapter.sniff(Data("{\"parcels\":[{\"unitno\":\"1\"}]}".utf8)) > 0.5)
        #expect(adapter.sniff(Data("<xml/>".utf8)) == 0)
    }

    @Test("public tracking JSON (tuStatus): German texts classified when the event numbers do not line up")
    func publicTrackingByText() throws {
        // Two history entries but three event numbers: the numbers are not paired, the texts decide.
        let body = #"{"tuStatus":[{"tuNo":"50346007538","progressBar":{"statusInfo":"INDELIVERY","evtNos":["11.0","2.0","0.0"]},"signature":{"name":"Unterschrift:","value":"true"},"history":[{"address":{"city":"Bernau","countryCode":"DE"},"date":"2024-07-02","time":"07:24:34","evtDscr":"Das Paket wurde auf das GLS Zustellfahrzeug verladen und ist für die Zustellung im Laufe des Tages vorgesehen."},{"address":{"city":"Neuenstein","countryCode":"DE"},"date":"2024-07-01","time":"19:30:41","evtDscr":"Das Paket hat den GLS Standort verlassen."}]}]}"#
        #expect(CarrierRegistry.sniff(Data(body.utf8))?.id == "gls")
        let shipment = try #require(adapter.parse(Data(body.utf8)).shipments.first)
        #expect(shipment.events.allSatisfy { $0.carrierCode == nil })
        #expect(shipment.events.map(\.status) == [.inTransit, .outForDelivery])
        // CEST in July: +02:00.
        #expect(shipment.events[1].occurredAt.map(Timestamp.utcString) == "2024-07-02T05:24:34.000Z")
        #expect(shipment.signedBy == nil)
    }
}
