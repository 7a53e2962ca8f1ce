import Foundation
import Testing
import WaybillTestSupport
import WaybillCore
@testable import WaybillCarriers

@Suite("DHL Express XML-PI adapter")
struct DHLExpressTests {
    let adapter = DHLExpressAdapter()

    func fixture(_ name: String) throws -> CarrierParseResult {
        let url = CarrierTestFiles.testsDirectory.appendingPathComponent("Fixtures/dhl_express/\(name)")
        return try adapter.parse(try Data(contentsOf: url))
    }

    @Test(.enabled(if: CarrierTestFiles.sharedSamplesAvailable, CarrierTestFiles.sharedSamplesMissing))
    func multiAWBSampleResolvesEachCheckpointInItsServiceArea() throws {
        let url = CarrierTestFiles.sharedSamples.appendingPathComponent("dhl/express-xmlpi-tracking-multi-awb.xml")
        let result = try adapter.parse(try Data(contentsOf: url))
        #expect(result.shipments.map(\.trackingNumber) == ["3180831640", "7740842550", "1815115363"])
        let first = result.shipments[0]
        #expect(first.state.status == .delivered)
        #expect(first.signedBy == "CAMPAGNA")
        // Barcelona in summer: CEST, not UTC as karrio has it.
        let pickup = first.events[0]
        #expect(pickup.location?.country == "ES" && pickup.location?.city == "Barcelona")
        #expect(pickup.zoneSource == .location && pickup.utcOffset == UTCOffset(seconds: 7200))
        #expect(pickup.occurredAt == utc("2009-08-28T11:26:00Z"))
        // Signatory "00:00:00" on a departure is not a signer.
        #expect(first.events[1].signedBy == nil)
        #expect(first.events.last?.location?.country == "IT")
        // Singapore (+08:00) and Hong Kong (+08:00).
        #expect(result.shipments[1].events[0].occurredAt == utc("2009-08-26T02:00:00Z"))
        #expect(result.shipments[2].events[0].location?.country == "HK")
        #expect(result.shipments[2].events[1].signedBy == nil)
    }

    @Test func deliveredWithSignatureEstimateAndPieces() throws {
        let shipment = try #require(try fixture("delivered-signed-with-estimate.xml").shipments.first)
        #expect(shipment.trackingNumber == "5584773180")
        #expect(shipment.events.map(\.carrierCode) == ["PU", "DF", "AR", "WC", "OK"])
        #expect(shipment.events.map(\.status) == [.inTransit, .inTransit, .inTransit, .outForDelivery, .delivered])
        #expect(shipment.events.map(\.sequence) == [0, 1, 2, 3, 4])
        #expect(shipment.events[1].carrierDescription == "Departed Facility in LEIPZIG - GERMANY")
        #expect(shipment.events[1].signedBy == nil)
        let delivered = try #require(shipment.events.last)
        #expect(delivered.signedBy == "ROE" && shipment.signedBy == "ROE")
        #expect(delivered.location == Location(city: "LONDON", country: "GB"))
        #expect(delivered.zoneSource == .location && delivered.utcOffset == UTCOffset(seconds: 3600))
        #expect(delivered.occurredAt == utc("2026-04-01T11:03:04Z"))
        #expect(shipment.events[2].location == Location(city: "LONDON-HEATHROW", country: "GB"))
        #expect(shipment.state.status == .delivered)
        #expect(shipment.references == ["SO-88121"])
        #expect(shipment.alternateTrackingNumbers == ["JD014600011111111111"])
        #expect(shipment.service == "P")
        let estimate = try #require(shipment.estimatedDelivery?.earliest)
        #expect(estimate.zoneSource == .carrierOffset && estimate.offset == UTCOffset(seconds: 3600))
        #expect(estimate.instant == utc("2026-04-01T22:59:00Z"))
    }

    @Test func exceptionAttemptPickupReturnAndNotFoundInOneResponse() throws {
        let result = try fixture("exception-attempt-pickup-return.xml")
        let shipment = try #require(result.shipments.first)
        #expect(shipment.events.map(\.status) == [.inTransit, .exception, .attemptFailed, .availableForPickup,
                                                  .availableForPickup, .returnedToSender])
        #expect(shipment.events[1].reason == .addressIncorrect && shipment.events[1].actionRequired)
        #expect(shipment.events[2].reason == .consigneeNotHome)
        #expect(shipment.events[3].substatus == .awaitingCollection)
        #expect(shipment.events[4].substatus == .unmapped && shipment.events[4].carrierCode == "ZX")
        #expect(result.unmappedEventCount == 1)
        #expect(shipment.state.status == .returnedToSender)
        #expect(shipment.estimatedDelivery?.earliest.zoneSource == .carrierUTC)
        #expect(shipment.estimatedDelivery?.earliest.instant == utc("2026-06-10T16:00:00Z"))
        #expect(result.notices == [CarrierNotice(trackingNumber: "1234509876", kind: .notFound, code: "103",
                                                 message: "No Shipments Found: No Shipments Found for AWBNumber 1234509876")])
    }

    @Test func timeZoneCases() throws {
        let shipment = try #require(try fixture("time-zone-unknown-service-area.xml").shipments.first)
        let events = shipment.events
        // A service area that names no country: local time kept, no zone, no instant.
        #expect(events[0].zoneSource == .unknown && events[0].occurredAt == nil && events[0].utcOffset == nil)
        #expect(events[0].localTime?.description == "2026-09-01T13:05:00")
        #expect(events[0].location == Location(city: "GATEWAY NORTH"))
        // Tokyo: +09:00 from the location.
        #expect(events[1].zoneSource == .location && events[1].occurredAt == utc("2026-09-01T17:30:00Z"))
        // A date alone (no Time) stays a date; the area code still gives the country.
        #expect(events[2].localTime?.description == "2026-09-02" && events[2].occurredAt == nil)
        #expect(events[2].location?.country == "SG")
        // An estimate without "GMT" and without a UTC twin stays local.
        let estimate = try #require(shipment.estimatedDelivery?.earliest)
        #expect(estimate.instant == nil && estimate.local?.description == "2026-09-03T18:00:00" && estimate.zoneSource == .unknown)
    }

    @Test func notFoundAndErrorsAreNotices() throws {
        let notFound = try fixture("not-found.xml")
        #expect(notFound.shipments.isEmpty && notFound.notices.first?.kind == .notFound)
        #expect(notFound.notices.first?.trackingNumber == "9999999999")
        let error = try fixture("error-authentication.xml")
        #expect(error.notices == [CarrierNotice(trackingNumber: nil, kind: .error, code: "100",
                                                message: "Failure: Authentication failed: SiteID or password is invalid")])
    }

    @Test func myDHLTrackingAndProblemBodies() throws {
        let body = Data("""
            {"shipments":[{"shipmentTrackingNumber":"1234567890","status":"Success","productCode":"P","events":[
              {"date":"2026-03-03","time":"09:10:00","typeCode":"OK","description":"Delivered","signedBy":"SIGNATURE WAIVED",
               "serviceArea":[{"code":"TYO","description":"Tokyo-JP"}]},
              {"date":"2026-03-02","time":"18:00:00","GMTOffset":"+08:00","typeCode":"PU","description":"Shipment picked up",
               "serviceArea":[{"code":"HKG","description":"Hong Kong-HK"}]}]}]}
            """.utf8)
        #expect(adapter.sniff(body) >= 0.9)
        let shipment = try #require(try adapter.parse(body).shipments.first)
        #expect(shipment.trackingNumber == "1234567890")
        #expect(shipment.events.map(\.status) == [.inTransit, .delivered])
        // GMTOffset is the carrier's offset; without it the service area's country decides (Japan, +09:00).
        #expect(shipment.events[0].occurredAt == Timestamp.parse("2026-03-02T10:00:00Z")!.date)
        #expect(shipment.events[1].occurredAt == Timestamp.parse("2026-03-03T00:10:00Z")!.date)
        #expect(shipment.signedBy == nil)
        let problem = Data(#"{"instance":"/expressapi/shipments/1251820953/tracking","detail":"No data found","title":"Not data found","status":"404"}"#.utf8)
        #expect(adapter.sniff(problem) > 0.5)
        #expect(try adapter.parse(problem).notices == [CarrierNotice(trackingNumber: "1251820953", kind: .notFound, code: "404",
                                                                      message: "Not data found: No data found")])
    }

    @Test func aCheckpointAfterTheResponseKeepsOnlyItsLocalTime() throws {
        let body = Data("""
            <req:TrackingResponse xmlns:req="http://www.dhl.com"><Response><ServiceHeader>\
            <MessageTime>2026-04-01T10:00:00+01:00</MessageTime></ServiceHeader></Response>\
            <AWBInfo><AWBNumber>5082052334</AWBNumber><Status><ActionStatus>success</ActionStatus></Status><ShipmentInfo>\
            <ShipmentEvent><Date>2026-04-01</Date><Time>08:00:00</Time><ServiceEvent><EventCode>PU</EventCode>\
            <Description>Shipment picked up</Description></ServiceEvent><ServiceArea><ServiceAreaCode>LHR</ServiceAreaCode>\
            <Description>LONDON-HEATHROW - UNITED KINGDOM</Description></ServiceArea></ShipmentEvent>\
            <ShipmentEvent><Date>2026-04-01</Date><Time>09:30:00</Time><ServiceEvent><EventCode>AF</EventCode>\
            <Description>Arrived</Description></ServiceEvent><ServiceArea><ServiceAreaCode>LAX</ServiceAreaCode>\
            <Description>LOS ANGELES GATEWAY,CA-USA</Description></ServiceArea></ShipmentEvent>\
            <ShipmentEvent><Date>2026-04-0X</Date><ServiceEvent><EventCode>DF</EventCode></ServiceEvent></ShipmentEvent>\
            </ShipmentInfo></AWBInfo></req:TrackingResponse>
            """.utf8)
        let result = try adapter.parse(body)
        let events = try #require(result.shipments.first).events
        // London at 08:00 BST is 07:00Z, before the response (09:00Z).
        #expect(events[0].occurredAt == Timestamp.parse("2026-04-01T07:00:00Z")!.date)
        // 09:30 in Los Angeles would be 16:30Z, after the response: impossible, so no instant.
        #expect(events[1].occurredAt == nil && events[1].zoneSource == .unknown && events[1].localTime?.description == "2026-04-01T09:30:00")
        #expect(events.count == 2)
        #expect(result.notices.map(\.kind) == [.warning, .warning])
        #expect(result.notices.contains { $0.message.contains("MessageTime") })
    }

    @Test func signatoriesThatAreNotNamesAreDropped() {
        #expect(SignatoryName.name(in: "ATL FD") == nil)
        #expect(SignatoryName.name(in: "Signature not required") == nil)
        #expect(SignatoryName.name(in: "N/A") == nil)
        #expect(SignatoryName.name(in: "00:00:00") == nil)
        #expect(SignatoryName.name(in: "LGA") == "LGA")
        #expect(SignatoryName.name(in: " J SMITH ") == "J SMITH")
    }

    @Test func bodiesThatAreNotXMLPIThrow() {
        #expect(throws: CarrierParseError.self) { try adapter.parse(Data("<TrackResponse/>".utf8)) }
        #expect(throws: CarrierParseError.self) { try adapter.parse(Data("{}".utf8)) }
        #expect(adapter.sniff(Data("{\"shipments\": []}".utf8)) == 0)
    }

    @Test func trackingRequestIsAKnownTrackingRequest() throws {
        let configuration = CarrierConfiguration(baseURL: "https://xmlpi-ea.dhl.com",
                                                 credentials: ["siteID": "site", "password": "p<w>"])
        let request = adapter.trackingRequest(for: ["5584773180", "7730128845"], configuration: configuration)
        #expect(request.method == "POST")
        #expect(request.url == "https://xmlpi-ea.dhl.com/XMLShippingServlet")
        let body = String(decoding: try #require(request.body), as: UTF8.self)
        #expect(body.contains("<AWBNumber>5584773180</AWBNumber><AWBNumber>7730128845</AWBNumber>"))
        #expect(body.contains("<SiteID>site</SiteID>") && body.contains("<Password>p&lt;w&gt;</Password>"))
        #expect(body.contains("<LevelOfDetails>ALL_CHECK_POINTS</LevelOfDetails>"))
        #expect(DHLExpressAdapter.messageReference(for: ["5584773180"]).count == 28)
        #expect(adapter.auth == .inBody)
        // The request body parses as XML.
        _ = try XMLTree.parse(try #require(request.body), carrier: "test")
    }
}
