import Foundation
import Testing
@testable import WaybillCarriers
import WaybillCore

@Suite("Amazon Shipping adapter")
struct AmazonTests {
    let adapter = AmazonAdapter()

    func fixture(_ name: String) throws -> CarrierParseResult {
        try adapter.parse(Data(contentsOf: CarrierTestFiles.testsDirectory.appendingPathComponent("Fixtures/amazon/\(name)")))
    }

    @Test("real samples: bare v1, payload v1 with Received, v2 return leg delivered means returned",
          .enabled(if: CarrierTestFiles.sharedSamplesAvailable, CarrierTestFiles.sharedSamplesMissing))
    func realSamples() throws {
        let folder = CarrierTestFiles.sharedSamples.appendingPathComponent("amazon")
        let bare = try #require(try adapter.parse(Data(contentsOf: folder.appendingPathComponent("v1-get-tracking-delivered.json"))).shipments.first)
        #expect(bare.trackingNumber == "89108749065090")
        #expect(bare.events.first?.zoneSource == .carrierUTC)
        #expect(bare.events.first?.location == Location(city: "San Bernardino", region: "CA", postalCode: "92404", country: "US"))
        #expect(bare.state.status == .delivered)

        let wrapped = try adapter.parse(Data(contentsOf: folder.appendingPathComponent("v1-get-tracking-payload-delivered.json")))
        let shipment = try #require(wrapped.shipments.first)
        #expect(shipment.trackingNumber == "23AA47DE2B3B6")
        #expect(shipment.events.count == 12)
        #expect(wrapped.unmappedEventCount == 0)
        #expect(shipment.events.first { $0.carrierCode == "Received" }?.substatus == .arrivedFacility)
        #expect(shipment.events.first?.location == nil)
        #expect(shipment.estimatedDelivery?.earliest.instant.map(Timestamp.utcString) == "2019-03-22T03:00:00.000Z")
        #expect(shipment.state.status == .delivered)

        let v2 = try #require(try adapter.parse(Data(contentsOf: folder.appendingPathComponent("v2-get-tracking-returned-doc-example.json"))).shipments.first)
        #expect(v2.alternateTrackingNumbers.isEmpty)
        #expect(v2.events.map(\.status) == [.exception, .returnedToSender, .returnedToSender])
        #expect(v2.events[0].reason == .refused)
        #expect(v2.events[2].carrierCode == "Delivered")
        #expect(v2.events[2].localTime?.description == "2024-02-13T04:09:05.513")
        #expect(v2.state.status == .returnedToSender)
        #expect(v2.state.deliveredAt == nil)
    }

    @Test("delivered to a neighbour: UTC instants read on the UK wall clock")
    func deliveredToNeighbour() throws {
        let shipment = try #require(try fixture("v2-delivered-to-neighbour-gb.json").shipments.first)
        #expect(shipment.events.count == 6)
        let delivered = try #require(shipment.events.last)
        #expect(delivered.substatus == .deliveredNeighbour)
        #expect(delivered.zoneSource == .carrierUTC)
        #expect(delivered.utcOffset?.description == "+01:00")
        #expect(delivered.localTime?.description == "2026-03-29T14:04:51")
        #expect(shipment.events[3].utcOffset?.description == "+01:00")
        #expect(shipment.events[2].utcOffset?.description == "+00:00")
        #expect(shipment.events[0].localTime == nil)
        #expect(shipment.state.status == .delivered)
        #expect(shipment.alternateTrackingNumbers.isEmpty)
    }

    @Test("failed attempt then pickup point; the instants stay the carrier UTC ones")
    func attemptThenPickup() throws {
        let shipment = try #require(try fixture("v2-attempt-then-pickup-us.json").shipments.first)
        #expect(shipment.events.map(\.status) == [.outForDelivery, .attemptFailed, .availableForPickup])
        #expect(shipment.events[2].actionRequired)
        #expect(shipment.events[2].occurredAt.map(Timestamp.utcString) == "2026-11-21T17:10:00.000Z")
        #expect(shipment.events.allSatisfy { $0.zoneSource == .carrierUTC })
        #expect(shipment.state.status == .availableForPickup)
    }

    @Test("rejected, then the return leg: delivered back to the sender is returned_to_sender")
    func rejectedReturned() throws {
        let shipment = try #require(try fixture("v2-rejected-returned-to-sender.json").shipments.first)
        #expect(shipment.alternateTrackingNumbers == ["TBA777000111001"])
        #expect(shipment.events[1].reason == .refused)
        #expect(shipment.events[4].carrierCode == "Delivered")
        #expect(shipment.events[4].status == .returnedToSender)
        #expect(shipment.events[4].substatus == .returnedToSender)
        #expect(shipment.state.status == .returnedToSender)
    }

    @Test("lost; an unknown code without a time is kept, unmapped, with no time")
    func lost() throws {
        let result = try fixture("v1-lost-with-unknown-code.json")
        let shipment = try #require(result.shipments.first)
        #expect(shipment.events[2].substatus == .unmapped)
        #expect(shipment.events[2].occurredAt == nil)
        #expect(shipment.events[2].zoneSource == .unknown)
        #expect(shipment.state.status == .exception)
        #expect(shipment.state.substatus == .lost)
        #expect(result.unmappedEventCount == 1)
    }

    @Test("errors: NotFound is retry-later, InvalidInput is an error")
    func errors() throws {
        #expect(try fixture("errors-not-found.json").notices.map(\.kind) == [.notFound])
        let invalid = try fixture("errors-invalid-input.json")
        #expect(invalid.notices == [CarrierNotice(trackingNumber: nil, kind: .error, code: "InvalidInput", message: "carrierId is required.")])
    }

    @Test("a body that is not Amazon throws")
    func notAmazon() {
        #expect(throws: CarrierParseError.self) { try adapter.parse(Data("{\"parcels\":[]}".utf8)) }
        #expect(throws: CarrierParseError.self) { try adapter.parse(Data("{\"payload\":{\"eventHistory\":[]}}".utf8)) }
        #expect(adapter.sniff(Data("{\"parcels\":[]}".utf8)) == 0)
        // A Selling Partner API error is Amazon's; FedEx's errors are not.
        #expect(CarrierRegistry.sniff(Data(#"{"errors":[{"code":"NotFound","message":"x"}]}"#.utf8))?.id == "amazon")
        #expect(adapter.sniff(Data(#"{"transactionId":"1","errors":[{"code":"TRACKING.TRACKINGNUMBER.NOTFOUND","message":"x"}]}"#.utf8)) == 0)
    }

    @Test("tracking request: SP-API v2 with carrier and business ids")
    func trackingRequest() {
        let request = adapter.trackingRequest(
            for: ["TBA304918276000"],
            configuration: CarrierConfiguration(baseURL: "https://sellingpartnerapi-eu.amazon.com",
                                                credentials: ["accessToken": "Atza|t", "carrierId": "AMZN_UK", "businessId": "AmazonShipping_UK"]))
        #expect(request.method == "GET")
        #expect(request.url == "https://sellingpartnerapi-eu.amazon.com/shipping/v2/tracking?trackingId=TBA304918276000&carrierId=AMZN_UK")
        #expect(request.headers["x-amz-access-token"] == "Atza|t")
        #expect(request.headers["x-amzn-shipping-business-id"] == "AmazonShipping_UK")
        #expect(adapter.auth == .apiKeyHeader(name: "x-amz-access-token"))
    }

    @Test("Multi-Channel Fulfillment package tracking: EVENT codes, events put in time order, a signer")
    func fulfillmentPackage() throws {
        let body = #"{"payload":{"packageNumber":"7","trackingNumber":"TBA123456789000","carrierCode":"AMZN_US","currentStatus":"DELIVERED","signedForBy":"J SMITH","trackingEvents":[{"eventDate":"2024-03-02T18:10:00Z","eventAddress":{"city":"Seattle","state":"WA","country":"US"},"eventCode":"EVENT_301","eventDescription":"Delivered."},{"eventDate":"2024-03-02T15:00:00Z","eventAddress":{"city":"Seattle","state":"WA","country":"US"},"eventCode":"EVENT_302","eventDescription":"Out for delivery."}]}}"#
        #expect(adapter.sniff(Data(body.utf8)) > 0.5)
        let shipment = try #require(adapter.parse(Data(body.utf8)).shipments.first)
        #expect(shipment.trackingNumber == "TBA123456789000" && shipment.signedBy == "J SMITH")
        #expect(shipment.events.map(\.status) == [.outForDelivery, .delivered])
        #expect(shipment.events[1].localTime?.description == "2024-03-02T10:10:00")
    }

    @Test("Amazon tracking XML: offsets kept, a note in SignedForByName is no signer, an error is a notice")
    func trackingXML() throws {
        let body = #"<?xml version="1.0"?><AmazonTrackingResponse><APIVersion>3.4</APIVersion><PackageTrackingInfo><TrackingNumber>AZI1000000001</TrackingNumber><TrackingEventHistory><TrackingEventDetail><EventCode>EVENT_301</EventCode><EventCodeDesc>Delivered</EventCodeDesc><EventDateTime>2024-01-08T13:29:00-06:00</EventDateTime><EventLocation><City>CHICAGO</City><StateProvince>IL</StateProvince><CountryCode>US</CountryCode></EventLocation><SignedForByName>FRONT DESK</SignedForByName></TrackingEventDetail><TrackingEventDetail><EventCode>EVENT_999</EventCode><EventCodeDesc>Out for delivery</EventCodeDesc><EventDateTime>2024-01-08T07:38:00-06:00</EventDateTime></TrackingEventDetail></TrackingEventHistory></PackageTrackingInfo></AmazonTrackingResponse>"#
        #expect(CarrierRegistry.sniff(Data(body.utf8))?.id == "amazon")
        let shipment = try #require(adapter.parse(Data(body.utf8)).shipments.first)
        #expect(shipment.events.map(\.status) == [.outForDelivery, .delivered])
        #expect(shipment.events[1].occurredAt.map(Timestamp.utcString) == "2024-01-08T19:29:00.000Z")
        #expect(shipment.signedBy == nil && shipment.deliveryLocation == "FRONT DESK")
        let error = #"<AmazonTrackingResponse><TrackingErrorInfo><TrackingNumber>X1</TrackingNumber><TrackingErrorDetail><ErrorDetailCode>ERROR_101</ErrorDetailCode><ErrorDetailCodeDesc>Invalid request</ErrorDetailCodeDesc></TrackingErrorDetail></TrackingErrorInfo></AmazonTrackingResponse>"#
        #expect(try adapter.parse(Data(error.utf8)).notices == [
            CarrierNotice(trackingNumber: "X1", kind: .error, code: "ERROR_101", message: "Invalid request")])
    }
}
