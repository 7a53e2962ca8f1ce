import Foundation
import Testing
@testable import WaybillCarriers
import WaybillCore

@Suite("Royal Mail adapter")
struct RoyalMailTests {
    let adapter = RoyalMailAdapter()

    func fixture(_ name: String) throws -> CarrierParseResult {
        try adapter.parse(Data(contentsOf: CarrierTestFiles.testsDirectory.appendingPathComponent("Fixtures/royal_mail/\(name)")))
    }

    @Test("real samples: mis-sort event with offset, signature, estimate window; E0004 is an error notice",
          .enabled(if: CarrierTestFiles.sharedSamplesAvailable, CarrierTestFiles.sharedSamplesMissing))
    func realSamples() throws {
        let folder = CarrierTestFiles.sharedSamples.appendingPathComponent("royalmail")
        let result = try adapter.parse(Data(contentsOf: folder.appendingPathComponent("mailpieces-v2-events-redirected.json")))
        let shipment = try #require(result.shipments.first)
        #expect(shipment.trackingNumber == "090367574000000FE1E1B")
        #expect(shipment.alternateTrackingNumbers == ["FQ087430672GB"])
        #expect(shipment.service == "Special Delivery Guaranteed")
        #expect(shipment.signedBy == "Simon")
        #expect(shipment.proofOfDelivery == ["signature:001234"])
        let event = try #require(shipment.events.first)
        #expect(event.carrierCode == "EVNMI")
        #expect(event.status == .inTransit)
        #expect(event.reason == .missorted)
        #expect(event.utcOffset?.description == "+01:00")
        #expect(event.occurredAt.map(Timestamp.utcString) == "2016-10-20T09:04:00.000Z")
        let estimate = try #require(shipment.estimatedDelivery)
        #expect(estimate.earliest.instant.map(Timestamp.utcString) == "2017-02-20T07:00:00.000Z")
        #expect(estimate.latest?.local?.description == "2017-02-20T11:00:00")

        let error = try adapter.parse(Data(contentsOf: folder.appendingPathComponent("mailpieces-v2-error-400.json")))
        #expect(error.notices == [CarrierNotice(trackingNumber: nil, kind: .error, code: "E0004",
                                                message: "Failed header validation for X-Accept-RMG-Terms")])
    }

    @Test("delivered and signed: oldest first, GMT and BST offsets, signer")
    func deliveredSigned() throws {
        let shipment = try #require(try fixture("events-delivered-signed.json").shipments.first)
        #expect(shipment.events.map(\.carrierCode) == ["EVPPA", "EVOCO", "EVGPD", "EVKSP"])
        #expect(shipment.events[1].utcOffset?.description == "+01:00")
        #expect(shipment.events[3].utcOffset?.description == "+00:00")
        #expect(shipment.events[3].substatus == .deliveredSigned)
        #expect(shipment.events[3].location == Location(city: "Bristol DO", country: "GB"))
        #expect(shipment.state.status == .delivered)
        #expect(shipment.signedBy == "J SMITH")
        #expect(shipment.alternateTrackingNumbers == ["090367574000000AB12CD"])
    }

    @Test("failed attempt, available for collection, collected; a date-only estimate stays a date")
    func attemptThenCollected() throws {
        let shipment = try #require(try fixture("events-attempt-then-collected.json").shipments.first)
        #expect(shipment.events.map(\.status) == [.attemptFailed, .availableForPickup, .delivered])
        #expect(shipment.events[0].reason == .consigneeNotHome)
        // A domestic item's local time without offset is resolved in the UK.
        #expect(shipment.events[0].zoneSource == .location)
        #expect(shipment.events[0].occurredAt.map(Timestamp.utcString) == "2026-11-21T10:14:00.000Z")
        #expect(shipment.events[1].actionRequired)
        #expect(shipment.state.substatus == .deliveredCollected)
        #expect(shipment.estimatedDelivery?.earliest.local?.description == "2026-11-21")
        #expect(shipment.estimatedDelivery?.earliest.instant == nil)
    }

    @Test("UTC times, a local time without zone, an unknown code, and the latest event mapped by statusCategory")
    func unmappedAndZones() throws {
        let result = try fixture("events-window-unmapped-utc.json")
        let events = try #require(result.shipments.first).events
        #expect(events.map(\.carrierCode) == ["EVDAV", "EVGMI", "EVXQZ"])
        #expect(events[0].zoneSource == .unknown)
        #expect(events[0].occurredAt == nil)
        #expect(events[0].localTime?.description == "2026-06-01T18:00:00")
        // EVGMI is not in the code table; its name "In Transit" is a phrase.
        #expect(events[1].status == .inTransit && events[1].substatus == nil)
        #expect(events[1].zoneSource == .carrierUTC)
        #expect(events[2].status == .inTransit)
        #expect(events[2].substatus == nil)
        #expect(result.unmappedEventCount == 0)
    }

    @Test("summary list: the latest event per piece; per-piece errors are notices")
    func summaryList() throws {
        let result = try fixture("summary-two-pieces-one-error.json")
        #expect(result.shipments.map(\.trackingNumber) == ["TT111222333GB"])
        #expect(result.shipments.first?.events.map(\.carrierCode) == ["EVODO"])
        #expect(result.shipments.first?.state.substatus == .departedFacility)
        #expect(result.notices.map(\.trackingNumber) == ["TT000000000GB"])
        #expect(result.notices.map(\.code) == ["E1142"])
    }

    @Test("HTTP 404 answer is a not-found notice")
    func notFound() throws {
        let result = try fixture("error-404-not-found.json")
        #expect(result.notices.map(\.kind) == [.notFound])
        #expect(result.shipments.isEmpty)
    }

    @Test("a body that is not Royal Mail throws")
    func notRoyalMail() {
        #expect(throws: CarrierParseError.self) { try adapter.parse(Data("{\"parcels\":[]}".utf8)) }
        #expect(throws: CarrierParseError.self) { try adapter.parse(Data("[1,2]".utf8)) }
        #expect(adapter.sniff(Data("{\"parcels\":[]}".utf8)) == 0)
    }

    @Test("tracking request: events for one number, summary for several; RMG terms header")
    func trackingRequest() {
        let configuration = CarrierConfiguration(baseURL: "https://api.royalmail.net/",
                                                 credentials: ["clientId": "id-1", "clientSecret": "secret-1"])
        let single = adapter.trackingRequest(for: ["TT123456785GB"], configuration: configuration)
        #expect(single.method == "GET")
        #expect(single.url == "https://api.royalmail.net/mailpieces/v2/TT123456785GB/events")
        #expect(single.headers["X-Accept-RMG-Terms"] == "yes")
        #expect(single.headers["X-IBM-Client-Id"] == "id-1")
        #expect(single.headers["X-IBM-Client-Secret"] == "secret-1")
        let many = adapter.trackingRequest(for: ["A1", "B2"], configuration: configuration)
        #expect(many.url == "https://api.royalmail.net/mailpieces/v2/summary?mailPieceId=A1,B2")
        #expect(adapter.auth == .apiKeyHeader(name: "X-IBM-Client-Id"))
    }
}
