import Foundation
import Testing
import WaybillTestSupport
import WaybillCore
@testable import WaybillCarriers

@Suite("PostNL adapter")
struct PostNLTests {
    let adapter = PostNLAdapter()

    func fixture(_ name: String) throws -> CarrierParseResult {
        let url = CarrierTestFiles.testsDirectory.appendingPathComponent("Fixtures/postnl/\(name)")
        return try adapter.parse(try Data(contentsOf: url))
    }

    @Test(.enabled(if: CarrierTestFiles.sharedSamplesAvailable, CarrierTestFiles.sharedSamplesMissing))
    func deliveredSampleUsesTheStatusAtTheSameSecondForUnlistedCodes() throws {
        let url = CarrierTestFiles.sharedSamples.appendingPathComponent("postnl/shippingstatus-v2-complete-delivered.json")
        let result = try adapter.parse(try Data(contentsOf: url))
        let shipment = try #require(result.shipments.first)
        #expect(shipment.trackingNumber == "3SABCD987516327")
        // Events oldest first in PostNL's list order; "01B" (not in PostNL's code list) is the
        // delivery because status 11 was recorded at 26-03-2021 15:06:53.
        #expect(shipment.events.map(\.carrierCode) == ["A01", "B01", "J01", "J05", "01B"])
        let delivered = try #require(shipment.events.last)
        #expect(delivered.status == .delivered && delivered.substatus == nil)
        #expect(result.unmappedEventCount == 0)
        #expect(shipment.state.status == .delivered)
        // Amsterdam local time (CET on 26 March 2021), not UTC as karrio-style parsers have it.
        #expect(delivered.localTime?.description == "2021-03-26T15:06:53")
        #expect(delivered.utcOffset == UTCOffset(seconds: 3600) && delivered.zoneSource == .location)
        #expect(delivered.occurredAt == utc("2021-03-26T14:06:53Z"))
        #expect(delivered.location == nil)
        #expect(shipment.estimatedDelivery?.earliest.instant == utc("2021-03-26T13:05:00Z"))
        #expect(shipment.estimatedDelivery?.latest?.local?.description == "2021-03-26T16:05:00")
        // Empty "{}" reference is no reference.
        #expect(shipment.references.isEmpty)
    }

    @Test func deliveredToANeighbourInAMultiColloShipment() throws {
        let shipment = try #require(try fixture("delivered-neighbour-multi-collo.json").shipments.first)
        #expect(shipment.trackingNumber == "3SWAYB1000002")
        #expect(shipment.alternateTrackingNumbers == ["3SWAYB1000001"])
        #expect(shipment.references == ["ORD-7781"])
        #expect(shipment.service == "Standaard zending")
        #expect(shipment.events.map(\.status) == [.infoReceived, .inTransit, .inTransit, .outForDelivery, .delivered])
        #expect(shipment.events.map(\.sequence) == [0, 1, 2, 3, 4])
        #expect(shipment.events.last?.substatus == .deliveredNeighbour)
        // CEST in July; milliseconds kept.
        #expect(shipment.events.last?.occurredAt == utc("2026-07-14T11:22:41Z"))
        #expect(shipment.events[2].localTime?.description == "2026-07-14T04:30:58.412")
        #expect(shipment.state.status == .delivered)
        let window = try #require(shipment.estimatedDelivery)
        #expect(window.earliest.instant == utc("2026-07-14T10:30:00Z") && window.latest?.instant == utc("2026-07-14T12:30:00Z"))
    }

    @Test func exceptionAttemptPickupAndReturn() throws {
        let result = try fixture("exception-attempt-pickup-return.json")
        let shipment = try #require(result.shipments.first)
        #expect(shipment.events.map(\.status) == [.inTransit, .exception, .outForDelivery, .attemptFailed, .availableForPickup,
                                                  .availableForPickup, .returnedToSender])
        #expect(shipment.events[1].reason == .damaged)
        // "01C" is not a listed event code: status 8 at the same second says it was a failed attempt.
        #expect(shipment.events[3].carrierCode == "01C" && shipment.events[3].substatus != .unmapped)
        #expect(shipment.events[4].actionRequired && shipment.events[4].substatus == .awaitingCollection)
        #expect(shipment.events[5].substatus == .unmapped && shipment.events[5].carrierCode == "Q99")
        #expect(result.unmappedEventCount == 1)
        #expect(shipment.events[6].reason == .unclaimed)
        #expect(shipment.state.status == .returnedToSender)
    }

    @Test func timeZoneCases() throws {
        let shipment = try #require(try fixture("time-zone-current-status-only.json").shipments.first)
        // Without events, the statuses are the timeline (the single OldStatus is an object, not a list).
        #expect(shipment.events.map(\.carrierCode) == ["2", "5"])
        // 28 March: CET; milliseconds kept.
        #expect(shipment.events[0].occurredAt == utc("2026-03-28T22:10:00.250Z"))
        // 02:30 on 29 March does not exist in Amsterdam: the offset before the gap applies.
        #expect(shipment.events[1].utcOffset == UTCOffset(seconds: 3600) && shipment.events[1].zoneSource == .location)
        #expect(shipment.events[1].occurredAt == utc("2026-03-29T01:30:00Z"))
        // The signature time carries its own offset.
        let signed = try #require(try fixture("signature.json").shipments.first)
        #expect(signed.deliveredAt == utc("2026-07-14T11:22:41Z") && signed.events.isEmpty)
        #expect(signed.proofOfDelivery == ["/shipment/v2/status/signature/3SWAYB1000002"])
        // updatedshipments: ISO local "Timestamp" (lower-case s), winter and summer.
        let updates = try fixture("updated-shipments.json").shipments
        #expect(updates.map(\.trackingNumber) == ["3SWAYB4000001", "3SWAYB4000002"])
        #expect(updates[0].events.first?.status == .delivered && updates[0].events.first?.substatus == .deliveredCollected)
        #expect(updates[0].events.first?.occurredAt == utc("2026-07-02T10:57:15Z"))
        #expect(updates[1].events.first?.occurredAt == utc("2026-12-02T07:00:00Z"))
    }

    @Test func parsesPostNLTimestamps() {
        #expect(PostNLTime.local("26-03-2021 15:06:53")?.description == "2021-03-26T15:06:53")
        #expect(PostNLTime.local("07-03-2018 23:22:56.326")?.description == "2018-03-07T23:22:56.326")
        #expect(PostNLTime.local("2021-02-26T12:57:15")?.description == "2021-02-26T12:57:15")
        #expect(PostNLTime.local("26-03-2021")?.description == "2021-03-26")
        #expect(PostNLTime.local("32-13-2021 10:00:00") == nil)
        // An event without a time has no instant.
        #expect(PostNLTime.resolve(nil) == nil)
    }

    @Test func notFoundAndErrorsAreNotices() throws {
        #expect(try fixture("not-found-warning.json").notices == [CarrierNotice(trackingNumber: nil, kind: .notFound, code: "2",
                                                                                 message: "No shipment found")])
        #expect(try fixture("error-invalid-api-key.json").notices == [CarrierNotice(trackingNumber: nil, kind: .error,
                                                                                     code: "oauth.v2.InvalidApiKey",
                                                                                     message: "Invalid ApiKey")])
    }

    @Test func warningsWrappedInAnObjectAreRead() throws {
        let body = Data(#"{"Warnings":{"Warning":{"Message":"No signature found","Code":"2"}}}"#.utf8)
        #expect(adapter.sniff(body) > 0.5)
        #expect(try adapter.parse(body).notices == [CarrierNotice(trackingNumber: nil, kind: .notFound, code: "2",
                                                                   message: "No signature found")])
    }

    @Test func bodiesThatAreNotPostNLThrow() {
        #expect(throws: CarrierParseError.self) { try adapter.parse(Data("{\"shipments\": []}".utf8)) }
        #expect(throws: CarrierParseError.self) { try adapter.parse(Data("[{\"Barcode\": [1, 2]}]".utf8)) }
        #expect(adapter.sniff(Data("<a/>".utf8)) == 0)
    }

    @Test func trackingRequestUsesTheAPIKeyHeader() {
        let configuration = CarrierConfiguration(baseURL: "https://api.postnl.nl", credentials: ["apiKey": "k", "language": "EN"])
        let request = adapter.trackingRequest(for: ["3SWAYB1000002"], configuration: configuration)
        #expect(request.method == "GET")
        #expect(request.url == "https://api.postnl.nl/shipment/v2/status/barcode/3SWAYB1000002?detail=true&language=EN")
        #expect(request.headers["apikey"] == "k")
        #expect(adapter.auth == .apiKeyHeader(name: "apikey"))
    }
}
