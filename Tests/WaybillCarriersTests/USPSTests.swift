import Foundation
import Testing
import WaybillCore
@testable import WaybillCarriers

@Suite("USPS adapter")
struct USPSTests {
    let adapter = USPSAdapter()

    func parseFixture(_ name: String) throws -> CarrierParseResult {
        try adapter.parse(Data(contentsOf: CarrierTestFiles.testsDirectory.appendingPathComponent("Fixtures/usps/\(name)")))
    }

    func parseSample(_ path: String) throws -> CarrierParseResult {
        try adapter.parse(Data(contentsOf: CarrierTestFiles.sharedSamples.appendingPathComponent(path)))
    }

    @Test(.enabled(if: CarrierTestFiles.sharedSamplesAvailable, CarrierTestFiles.sharedSamplesMissing))
    func offsetWinsOverAGMTTimestampOffByADay() throws {
        // Real sample: local 2024-11-21T23:28 at -06:00, GMTTimestamp 2024-11-21T05:28Z (a day early).
        let shipment = try #require(parseSample("usps/v3-track-delivered-mailbox.json").shipments.first)
        let event = try #require(shipment.events.first { $0.localTime?.description == "2024-11-21T23:28:00" })
        #expect(event.zoneSource == .carrierOffset)
        #expect(event.occurredAt.map(Timestamp.utcString) == "2024-11-22T05:28:00.000Z")
        let delivered = try #require(shipment.events.last)
        #expect(delivered.status == .delivered && delivered.substatus == .deliveredMailbox && delivered.carrierCode == "01")
        #expect(shipment.deliveryLocation == "In/At Mailbox")
        #expect(shipment.service == "Parcel Select")
        // The mail piece id tells this parcel apart from others under a reused number.
        #expect(shipment.alternateTrackingNumbers == ["301474508"])
    }

    @Test(.enabled(if: CarrierTestFiles.sharedSamplesAvailable, CarrierTestFiles.sharedSamplesMissing))
    func earlyV3ZOnALocalTimeIsNotUTC() throws {
        let event = try #require(parseSample("usps/v3-track-detail-accepted-doc.json").shipments.first?.events.first)
        // The summary says 7:31 am local; the `Z` is a documentation mistake.
        #expect(event.localTime?.description == "2023-08-02T07:31:00")
        #expect(event.zoneSource != .carrierUTC && event.zoneSource != .carrierOffset)
        #expect(event.occurredAt.map(Timestamp.utcString) != "2023-08-02T07:31:00.000Z")
    }

    @Test func attemptPickupAndReturn() throws {
        let shipment = try #require(parseFixture("v3-attempt-pickup-return.json").shipments.first)
        #expect(shipment.events.map(\.carrierCode) == ["GX", "03", "T1", "OF", "02", "16", "Z9", "31"])
        let label = shipment.events[0]
        #expect(label.localTime?.description == "2024-11-12" && label.occurredAt == nil && label.zoneSource == .unknown)
        let facility = shipment.events[2]
        #expect(facility.location?.region == "UT" && facility.location?.country == "US")
        #expect(facility.utcOffset?.description == "-07:00" && facility.zoneSource == .carrierOffset)
        #expect(shipment.events[4].status == .attemptFailed && shipment.events[4].reason == .consigneeNotHome)
        #expect(shipment.events[5].status == .availableForPickup && shipment.events[5].actionRequired)
        let unknown = shipment.events[6]
        #expect(unknown.substatus == .unmapped && unknown.status == .availableForPickup && unknown.occurredAt == nil)
        let returned = shipment.events[7]
        // "-7:00" is read as -07:00.
        #expect(returned.utcOffset?.description == "-07:00" && returned.occurredAt.map(Timestamp.utcString) == "2024-11-26T16:05:00.000Z")
        #expect(returned.status == .returnedToSender && returned.reason == .unclaimed)
        #expect(shipment.state.status == .returnedToSender)
        #expect(shipment.service == "Priority Mail®")
        let estimate = try #require(shipment.estimatedDelivery)
        #expect(estimate.earliest.local?.description == "2024-11-15T10:00:00")
        #expect(estimate.latest?.local?.description == "2024-11-15T14:00:00")
    }

    @Test func deliveredSignedWithUTCOnlyAndLocationZones() throws {
        let shipment = try #require(parseFixture("v3-delivered-signed-utc-only.json").shipments.first)
        let delivered = try #require(shipment.events.last)
        #expect(delivered.zoneSource == .carrierUTC && delivered.occurredAt.map(Timestamp.utcString) == "2024-11-22T20:41:27.000Z")
        #expect(delivered.substatus == .deliveredSigned && delivered.signedBy == "R ALVAREZ")
        #expect(shipment.signedBy == "R ALVAREZ" && shipment.state.status == .delivered)
        // No offset, no GMT time, but Illinois has one zone.
        let postOffice = shipment.events[1]
        #expect(postOffice.zoneSource == .location && postOffice.utcOffset?.description == "-06:00")
        #expect(postOffice.occurredAt.map(Timestamp.utcString) == "2024-11-22T12:15:00.000Z")
        // No place, no offset: the wall clock stays, without an instant.
        let partner = shipment.events[0]
        #expect(partner.zoneSource == .unknown && partner.occurredAt == nil && partner.localTime?.description == "2024-11-20T17:01:00")
        #expect(shipment.estimatedDelivery?.earliest.local?.description == "2024-11-22")
        #expect(shipment.service == "USPS Ground Advantage™")
    }

    @Test func legacyXMLRefusedReturnAndNotFound() throws {
        let result = try parseFixture("trackv2-refused-and-not-found.xml")
        #expect(result.notices.map(\.kind) == [.notFound])
        #expect(result.notices.first?.trackingNumber == "9405509699939400000000" && result.notices.first?.code == "-2147219302")
        let shipment = try #require(result.shipments.first)
        #expect(shipment.events.map(\.carrierCode) == ["EF", "OF", "04", "09"])
        #expect(shipment.events[1].localTime?.description == "2024-11-20T00:05:00")
        #expect(shipment.events[2].status == .exception && shipment.events[2].reason == .refused)
        #expect(shipment.events[3].status == .returnedToSender)
        #expect(shipment.estimatedDelivery?.earliest.local?.description == "2024-11-20")
        #expect(shipment.events.allSatisfy { $0.zoneSource != .carrierUTC })
    }

    @Test func errorsAreNotices() throws {
        let pending = try parseFixture("v3-error-not-yet-available.json")
        #expect(pending.notices.first?.kind == .notFound && pending.notices.first?.code == "150001")
        let unauthorized = try parseFixture("v3-error-unauthorized.json")
        #expect(unauthorized.notices.first?.kind == .error && unauthorized.notices.first?.code == "401")
        let oauth = try adapter.parse(Data(#"{"error":"invalid_client","error_description":"Client authentication failed."}"#.utf8))
        #expect(oauth.notices == [CarrierNotice(trackingNumber: nil, kind: .error, code: "invalid_client", message: "Client authentication failed.")])
        #expect(throws: CarrierParseError.self) { try adapter.parse(Data(#"{"foo":1}"#.utf8)) }
        #expect(throws: CarrierParseError.self) { try adapter.parse(Data("<TrackResponse><TrackInfo>".utf8)) }
    }

    @Test func trackingRequestIsAV3Get() {
        let request = adapter.trackingRequest(for: ["9400109104250532908587"], configuration: CarrierConfiguration(
            baseURL: "https://apis-tem.usps.com", credentials: ["access_token": "t0k"]))
        #expect(request.method == "GET")
        #expect(request.url == "https://apis-tem.usps.com/tracking/v3/tracking/9400109104250532908587?expand=DETAIL")
        #expect(request.headers["Authorization"] == "Bearer t0k")
        #expect(adapter.sniff(Data("<TrackResponse><TrackInfo ID=\"1\">".utf8)) > 0.5 && adapter.sniff(Data("{\"a\":1}".utf8)) == 0)
        // UPS's retired XML API answers `<TrackResponse>` too, without `<TrackInfo>`.
        #expect(adapter.sniff(Data("<TrackResponse><Response><ResponseStatusCode>1</ResponseStatusCode></Response>".utf8)) == 0)
    }

    @Test func registryRecognisesTheFixtures() throws {
        for url in CarrierTestFiles.fixtures(for: "usps") where !url.lastPathComponent.contains("error") {
            #expect(CarrierRegistry.sniff(try Data(contentsOf: url))?.id == "usps", "\(url.lastPathComponent)")
        }
    }
}
