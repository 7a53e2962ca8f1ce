import Foundation
import Testing
import WaybillCore
@testable import WaybillCarriers

@Suite("EasyPost adapter")
struct EasyPostTests {
    let adapter = EasyPostAdapter()

    func parseFixture(_ name: String) throws -> CarrierParseResult {
        try adapter.parse(Data(contentsOf: CarrierTestFiles.testsDirectory.appendingPathComponent("Fixtures/easypost/\(name).json")))
    }

    @Test(.enabled(if: CarrierTestFiles.sharedSamplesAvailable, CarrierTestFiles.sharedSamplesMissing))
    func officialWebhookExampleIsReadAsUTC() throws {
        let url = CarrierTestFiles.sharedSamples.appendingPathComponent("easypost/event-tracker-updated-delivered.json")
        let shipment = try #require(adapter.parse(Data(contentsOf: url)).shipments.first)
        #expect(shipment.carrier == "ups" && shipment.trackingNumber == "EZ4000000004")
        let outForDelivery = try #require(shipment.events.first { $0.carrierCode == "out_for_delivery" })
        // 08:10Z is an instant (EasyPost's docs; see EasyPostTime); San Francisco's clock read 01:10.
        #expect(outForDelivery.occurredAt.map(Timestamp.utcString) == "2014-08-24T08:10:00.000Z")
        #expect(outForDelivery.zoneSource == .carrierUTC)
        #expect(outForDelivery.localTime?.description == "2014-08-24T01:10:00" && outForDelivery.utcOffset?.description == "-07:00")
        #expect(shipment.state.status == .delivered && shipment.signedBy == "John Tester")
        #expect(shipment.estimatedDelivery?.earliest.local?.description == "2014-08-27")
    }

    @Test func attemptPickupPointReturnAndLocalZones() throws {
        let shipment = try #require(parseFixture("tracker-attempt-pickup-return").shipments.first)
        #expect(shipment.carrier == "dhl_express" && shipment.service == "EXPRESS WORLDWIDE")
        #expect(shipment.events.map(\.sequence) == Array(0..<8))
        let label = shipment.events[0]
        // No place: EasyPost's documented default is UTC.
        #expect(label.status == .infoReceived && label.zoneSource == .carrierUTC && label.localTime == nil)
        let berlin = shipment.events[1]
        #expect(berlin.zoneSource == .carrierUTC && berlin.utcOffset?.description == "+01:00")
        #expect(berlin.occurredAt.map(Timestamp.utcString) == "2024-11-18T15:45:00.000Z")
        #expect(berlin.localTime?.description == "2024-11-18T16:45:00")
        // No country but a US state: California's zone for the wall clock.
        let gateway = shipment.events[2]
        #expect(gateway.location?.country == "US" && gateway.zoneSource == .carrierUTC && gateway.utcOffset?.description == "-08:00")
        let limbo = shipment.events[3]
        // in_limbo is EasyPost's coarse "no clear status"; the text "Shipment on hold" is precise.
        #expect(limbo.substatus == .heldByCarrier && limbo.status == .exception)
        let attempt = shipment.events[5]
        #expect(attempt.status == .attemptFailed && attempt.carrierCode == "failure" && attempt.carrierDescription == "Delivery attempted; recipient not home")
        #expect(shipment.events[6].status == .availableForPickup && shipment.events[6].actionRequired)
        #expect(shipment.events[7].status == .returnedToSender && shipment.events[7].substatus == .returnInitiated)
        #expect(shipment.state.status == .returnedToSender)
    }

    @Test func aTimeLaterThanItsDocumentIsReadAnotherWayOrLeftUnknown() throws {
        let result = try parseFixture("event-updated-impossible-times")
        let shipment = try #require(result.shipments.first)
        // 10:40Z would be 35 minutes after the webhook (10:05Z): Berlin's wall clock, 09:40Z, fits.
        let berlin = shipment.events[0]
        #expect(berlin.zoneSource == .location && berlin.occurredAt.map(Timestamp.utcString) == "2024-11-25T09:40:00.000Z")
        #expect(berlin.localTime?.description == "2024-11-25T10:40:00")
        // 12:00 in New York is too late in both readings: no instant, the digits kept, a warning.
        let newYork = shipment.events[1]
        #expect(newYork.occurredAt == nil && newYork.zoneSource == .unknown && newYork.localTime?.description == "2024-11-25T12:00:00")
        let warning = try #require(result.notices.first { $0.kind == .warning })
        #expect(warning.path == "result.tracking_details[1].datetime" && warning.trackingNumber == "1Z999AA10123456784")
        #expect(warning.message.contains("later than the document"))
        // "Signature not required" is no one's name.
        #expect(shipment.signedBy == nil)
    }

    @Test func anAbbreviatedTrackerIsReadByItsShape() throws {
        let shipment = try #require(parseFixture("tracker-abbreviated-without-object").shipments.first)
        #expect(shipment.trackingNumber == "9400111899223197428490" && shipment.carrier == "usps")
        #expect(shipment.state.status == .delivered && shipment.signedBy == nil)
        #expect(shipment.events.last?.occurredAt.map(Timestamp.utcString) == "2024-10-03T18:31:00.000Z")
        let bare = Data(#"{"tracking_code":"EZ2000000002","status":"in_transit","tracking_details":[{"message":"Arrived","status":"in_transit","datetime":"2024-10-01T21:15:00Z"}]}"#.utf8)
        #expect(adapter.sniff(bare) > 0.5 && CarrierRegistry.sniff(bare)?.id == "easypost")
        #expect(try adapter.parse(bare).shipments.map(\.trackingNumber) == ["EZ2000000002"])
    }

    @Test func webhookEventDeliveredSignedWithLocalEstimate() throws {
        let shipment = try #require(parseFixture("event-updated-delivered-signed").shipments.first)
        #expect(shipment.carrier == "usps" && shipment.trackingNumber == "9400111899562123456789")
        #expect(shipment.alternateTrackingNumbers == ["420946079400111899562123456789"])
        let delivered = try #require(shipment.events.last)
        #expect(delivered.status == .delivered && delivered.substatus == .deliveredSigned && delivered.signedBy == "M NAKAMURA")
        #expect(delivered.occurredAt.map(Timestamp.utcString) == "2024-11-22T20:58:00.000Z")
        let estimate = try #require(shipment.estimatedDelivery)
        #expect(estimate.earliest.local?.description == "2024-11-22T20:00:00")
        #expect(estimate.earliest.instant.map(Timestamp.utcString) == "2024-11-23T04:00:00.000Z")
    }

    @Test func notFoundAndErrors() throws {
        let unknown = try parseFixture("tracker-unknown-no-details")
        #expect(unknown.shipments.isEmpty)
        #expect(unknown.notices.first?.kind == .notFound && unknown.notices.first?.trackingNumber == "1Z9999W99999999999")
        #expect(try parseFixture("error-not-found").notices.first?.kind == .notFound)
        let unauthorized = try parseFixture("error-unauthorized")
        #expect(unauthorized.notices.first?.kind == .error && unauthorized.notices.first?.code == "APIKEY.REQUIRED")
        // An Event envelope without its Tracker says nothing to track.
        let envelopeOnly = try adapter.parse(Data(#"{"object":"Event","description":"tracker.created","id":"evt_1"}"#.utf8))
        #expect(envelopeOnly.shipments.isEmpty && envelopeOnly.notices.isEmpty)
        #expect(throws: CarrierParseError.self) { try adapter.parse(Data(#"{"trackResponse":{}}"#.utf8)) }
        #expect(throws: CarrierParseError.self) { try adapter.parse(Data(#"{"object":"Tracker","status":"delivered"}"#.utf8)) }
    }

    @Test func trackingRequestListsTrackersByCode() {
        let request = adapter.trackingRequest(for: ["EZ1000000001", "EZ4000000004"], configuration: CarrierConfiguration(
            baseURL: "https://api.easypost.com", credentials: ["api_key": "EZAK123"]))
        #expect(request.method == "GET")
        #expect(request.url == "https://api.easypost.com/v2/trackers?tracking_codes%5B%5D=EZ1000000001&tracking_codes%5B%5D=EZ4000000004"
            || request.url == "https://api.easypost.com/v2/trackers?tracking_codes[]=EZ1000000001&tracking_codes[]=EZ4000000004")
        #expect(request.headers["Authorization"] == "Basic " + Data("EZAK123:".utf8).base64EncodedString())
        #expect(adapter.auth == .basic)
        #expect(adapter.sniff(Data(#"{"object":"Tracker"}"#.utf8)) > 0.5 && adapter.sniff(Data(#"{"a":1}"#.utf8)) == 0)
    }

    @Test func registryRecognisesTheFixtures() throws {
        for url in CarrierTestFiles.fixtures(for: "easypost") where !url.lastPathComponent.contains("error") {
            #expect(CarrierRegistry.sniff(try Data(contentsOf: url))?.id == "easypost", "\(url.lastPathComponent)")
        }
    }
}
