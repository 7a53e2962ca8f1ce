import Foundation
import Testing
import WaybillTestSupport
import WaybillCore
@testable import WaybillCarriers

@Suite("DHL Unified adapter")
struct DHLTests {
    let adapter = DHLAdapter()

    func fixture(_ name: String) throws -> CarrierParseResult {
        let url = CarrierTestFiles.testsDirectory.appendingPathComponent("Fixtures/dhl/\(name)")
        return try adapter.parse(try Data(contentsOf: url))
    }

    @Test(.enabled(if: CarrierTestFiles.sharedSamplesAvailable, CarrierTestFiles.sharedSamplesMissing))
    func docExampleKeepsTheCodeOverTheContradictingText() throws {
        let url = CarrierTestFiles.sharedSamples.appendingPathComponent("dhl/unified-shipments-doc-example.json")
        let shipment = try #require(try adapter.parse(try Data(contentsOf: url)).shipments.first)
        #expect(shipment.trackingNumber == "7777777770")
        // statusCode "pre-transit" with status text "DELIVERED": the code wins, karrio's "delivered" does not.
        #expect(shipment.state.status == .infoReceived)
        let event = try #require(shipment.events.first)
        #expect(event.localTime?.description == "2018-03-02T07:53:47")
        #expect(event.zoneSource == .location && event.utcOffset?.description == "+01:00")
        #expect(shipment.signedBy == "John Doe")
        #expect(shipment.references == ["YZ3892406173"])
        #expect(shipment.estimatedDelivery?.earliest.local?.description == "2018-08-03")
        #expect(shipment.estimatedDelivery?.earliest.instant == nil)
    }

    @Test func deliveredShipmentWithLocalTimesResolvedInGermany() throws {
        let shipment = try #require(try fixture("delivered-parcel-de-local-times.json").shipments.first)
        #expect(shipment.events.map(\.status) == [.infoReceived, .inTransit, .outForDelivery, .delivered])
        #expect(shipment.events.map(\.sequence) == [0, 1, 2, 3])
        let delivered = try #require(shipment.events.last)
        #expect(delivered.substatus == .deliveredNeighbour)
        #expect(delivered.carrierCode == "delivered")
        #expect(delivered.zoneSource == .location)
        #expect(delivered.utcOffset == UTCOffset(seconds: 7200))  // CEST from 29 March 2026
        #expect(delivered.occurredAt == utc("2026-03-30T09:02:00Z"))
        #expect(delivered.signedBy == "Anna Becker")
        // 28 March is still CET.
        #expect(shipment.events[0].utcOffset == UTCOffset(seconds: 3600))
        #expect(shipment.state.status == .delivered)
        #expect(shipment.service == "DHL PAKET")
        #expect(shipment.references == ["ORDER-20391", "77812"])
        #expect(shipment.alternateTrackingNumbers == ["JJD000390007884001234"])
        #expect(shipment.proofOfDelivery == ["https://www.dhl.de/pod/00340434161094042557.pdf"])
        #expect(shipment.estimatedDelivery?.earliest.local?.description == "2026-03-30")
        #expect(shipment.events.last?.location == Location(city: "Bonn", postalCode: "53113", country: "DE"))
    }

    @Test func exceptionAttemptPickupAndReturn() throws {
        let result = try fixture("exception-attempt-pickup-return.json")
        let shipment = try #require(result.shipments.first)
        #expect(shipment.trackingNumber == "1234567890")
        let statuses = shipment.events.map(\.status)
        #expect(statuses == [.exception, .exception, .attemptFailed, .availableForPickup, .returnedToSender])
        // "on-hold" is not one of DHL's codes; its status text "ON HOLD" says what happened.
        #expect(shipment.events[0].substatus == .heldByCarrier && shipment.events[0].carrierCode == "on-hold")
        #expect(result.unmappedEventCount == 0)
        #expect(shipment.events[2].reason == .consigneeNotHome)
        #expect(shipment.events[3].actionRequired)
        #expect(shipment.state.status == .returnedToSender)
        #expect(shipment.references == ["PO-5531"])
        let window = try #require(shipment.estimatedDelivery)
        #expect(window.earliest.instant == utc("2026-05-04T08:00:00Z"))
        #expect(window.latest?.offset == UTCOffset(seconds: 3600))
    }

    @Test func timeZoneCases() throws {
        let events = try #require(try fixture("time-zone-cases.json").shipments.first).events
        #expect(events.count == 5)
        // A date alone stays a date, with no instant.
        #expect(events[0].localTime?.description == "2026-06-30" && events[0].occurredAt == nil && events[0].zoneSource == .unknown)
        // The carrier's offset.
        #expect(events[1].zoneSource == .carrierOffset && events[1].occurredAt == utc("2026-07-01T05:30:00Z"))
        // A `Z`: DHL says UTC.
        #expect(events[2].zoneSource == .carrierUTC && events[2].occurredAt == utc("2026-07-01T20:00:00Z"))
        // Local time in a one-zone country.
        #expect(events[3].zoneSource == .location && events[3].occurredAt == utc("2026-07-02T07:10:00Z"))
        // Local time in the US without a state: no zone, no invented instant, never UTC.
        #expect(events[4].zoneSource == .unknown && events[4].occurredAt == nil && events[4].utcOffset == nil)
        #expect(events[4].localTime?.description == "2026-07-02T16:45:00")
    }

    @Test func notFoundAndErrorsAreNotices() throws {
        let notFound = try fixture("not-found-404.json")
        #expect(notFound.shipments.isEmpty)
        #expect(notFound.notices == [CarrierNotice(trackingNumber: "00340434161094099999", kind: .notFound, code: "404",
                                                   message: "No result found: No shipment with given tracking number found.")])
        let error = try fixture("error-401-unauthorized.json")
        #expect(error.notices.first?.kind == .error && error.notices.first?.code == "401")
    }

    @Test func bodiesThatAreNotDHLThrow() {
        #expect(throws: CarrierParseError.self) { try adapter.parse(Data("{\"foo\": 1}".utf8)) }
        #expect(throws: CarrierParseError.self) { try adapter.parse(Data("<xml/>".utf8)) }
        #expect(adapter.sniff(Data("<xml/>".utf8)) == 0)
    }

    @Test func sniffRecognisesDHLBodies() throws {
        let url = CarrierTestFiles.testsDirectory.appendingPathComponent("Fixtures/dhl/delivered-parcel-de-local-times.json")
        #expect(adapter.sniff(try Data(contentsOf: url)) > 0.5)
    }

    @Test func trackingRequestUsesTheAPIKeyHeader() {
        let configuration = CarrierConfiguration(baseURL: "https://api-eu.dhl.com/", credentials: ["apiKey": "k3y", "language": "de"])
        let request = adapter.trackingRequest(for: ["00340434161094042557", "x"], configuration: configuration)
        #expect(request.method == "GET")
        #expect(request.url == "https://api-eu.dhl.com/track/shipments?trackingNumber=00340434161094042557&language=de")
        #expect(request.headers["DHL-API-Key"] == "k3y")
        #expect(request.body == nil)
        #expect(adapter.auth == .apiKeyHeader(name: "DHL-API-Key"))
    }
}
