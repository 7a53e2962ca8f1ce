import Foundation
import Testing
import WaybillCore
@testable import WaybillCarriers

@Suite("UPS adapter")
struct UPSTests {
    let adapter = UPSAdapter()

    func parseFixture(_ name: String) throws -> CarrierParseResult {
        let url = CarrierTestFiles.testsDirectory.appendingPathComponent("Fixtures/ups/\(name).json")
        return try adapter.parse(Data(contentsOf: url))
    }

    static var sharedSampleNames: [String] { CarrierTestFiles.sharedSamples(for: "ups").map(\.lastPathComponent) }

    @Test(.enabled(if: CarrierTestFiles.sharedSamplesAvailable, CarrierTestFiles.sharedSamplesMissing))
    func realInternationalSampleKeepsPerEventOffsetsAndCustomsCodes() throws {
        let url = CarrierTestFiles.sharedSamples.appendingPathComponent("ups/track-v1-intl-customs-exception.json")
        let shipment = try #require(adapter.parse(Data(contentsOf: url)).shipments.first)
        #expect(shipment.events.count == 17)
        #expect(shipment.events.map(\.sequence) == Array(0..<17))
        let first = shipment.events[0]
        #expect(first.carrierCode == "003" && first.status == .infoReceived)
        #expect(first.zoneSource == .carrierOffset && first.utcOffset?.description == "+01:00")
        #expect(first.occurredAt.map(Timestamp.utcString) == "2024-03-18T11:49:17.000Z")
        let changi = shipment.events[15]
        #expect(changi.location?.city == "Changi" && changi.utcOffset?.description == "+08:00")
        #expect(changi.occurredAt.map(Timestamp.utcString) == "2024-03-19T23:07:00.000Z")
        #expect(changi.localTime?.description == "2024-03-20T07:07:00")
        // "092" stays text and is clearance in progress, not an exception.
        #expect(shipment.events[16].carrierCode == "092" && shipment.events[16].substatus == .customsPending)
        #expect(shipment.events.first { $0.carrierCode == "058" }?.actionRequired == true)
        #expect(shipment.service == "UPS Express®")
        #expect(shipment.references.contains("INVOICE 11111"))
    }

    @Test func deliveredWithSignatureAndOffsets() throws {
        let result = try parseFixture("track-delivered-signed")
        let shipment = try #require(result.shipments.first)
        #expect(shipment.trackingNumber == "1Z5R89390357567127")
        #expect(shipment.state.status == .delivered)
        #expect(shipment.signedBy == "MORALES" && shipment.deliveryLocation == "Front Door")
        #expect(shipment.proofOfDelivery == ["signature_image"])
        #expect(shipment.references == ["ORDER-20417"])
        #expect(shipment.alternateTrackingNumbers == ["92419900000033499522966220"])
        #expect(shipment.service == "UPS Ground")
        #expect(shipment.estimatedDelivery?.earliest.local?.description == "2024-11-21")
        #expect(shipment.estimatedDelivery?.earliest.instant == nil)
        let statuses = shipment.events.map(\.status)
        #expect(statuses == [.infoReceived, .inTransit, .inTransit, .inTransit, .outForDelivery, .delivered])
        let delivered = try #require(shipment.events.last)
        #expect(delivered.substatus == .deliveredSigned && delivered.signedBy == "MORALES")
        #expect(delivered.carrierDescription == "DELIVERED ")
        #expect(delivered.zoneSource == .carrierOffset && delivered.utcOffset?.description == "-06:00")
        #expect(delivered.occurredAt.map(Timestamp.utcString) == "2024-11-21T20:15:07.000Z")
        #expect(shipment.events[2].substatus == .departedFacility && shipment.events[2].utcOffset?.description == "-05:00")
    }

    @Test func attemptExceptionAndReturnWithLocalTimesOnly() throws {
        let shipment = try #require(parseFixture("track-attempt-exception-return-gb").shipments.first)
        let codes = shipment.events.map(\.carrierCode)
        #expect(codes == ["038", "021", "022", "013", "998", "033"])
        let attempt = shipment.events[2]
        #expect(attempt.status == .attemptFailed)
        // No GMT fields: the wall clock is placed by the location's zone (GB), never labelled UTC.
        #expect(attempt.zoneSource == .location && attempt.utcOffset?.description == "+00:00")
        #expect(attempt.occurredAt.map(Timestamp.utcString) == "2024-11-20T13:30:00.000Z")
        #expect(shipment.events[3].status == .exception)
        // An unknown code keeps the previous status and is flagged; no location, so no instant.
        let unknown = shipment.events[4]
        #expect(unknown.substatus == .unmapped && unknown.status == .exception)
        #expect(unknown.zoneSource == .unknown && unknown.occurredAt == nil && unknown.localTime?.description == "2024-11-22T15:00:00")
        #expect(shipment.events[5].status == .returnedToSender)
        #expect(shipment.state.status == .returnedToSender)
        #expect(CarrierParseResult(shipments: [shipment]).unmappedEventCount == 1)
    }

    @Test func accessPointAndRescheduledWindow() throws {
        let shipment = try #require(parseFixture("track-access-point-de").shipments.first)
        #expect(shipment.state.status == .availableForPickup)
        #expect(shipment.events.last?.actionRequired == true)
        let estimate = try #require(shipment.estimatedDelivery)
        #expect(estimate.earliest.local?.description == "2024-11-26T09:00:00")
        #expect(estimate.earliest.zoneSource == .location)
        #expect(estimate.earliest.instant.map(Timestamp.utcString) == "2024-11-26T08:00:00.000Z")
        #expect(estimate.latest?.local?.description == "2024-11-26T12:00:00")
    }

    @Test func notFoundAndErrorsAreNotices() throws {
        let notFound = try parseFixture("track-not-found")
        #expect(notFound.shipments.isEmpty)
        #expect(notFound.notices == [CarrierNotice(trackingNumber: "1Z0000000000000000", kind: .notFound, code: "TW0001",
                                                   message: "Tracking Information Not Found")])
        let error = try parseFixture("track-error-auth")
        #expect(error.notices.first?.kind == .error && error.notices.first?.code == "250002")
    }

    @Test func trackAlertWithDottedOffset() throws {
        let shipment = try #require(parseFixture("trackalert-attempt-offset").shipments.first)
        let event = try #require(shipment.events.first)
        #expect(event.status == .attemptFailed && event.carrierCode == "022")
        #expect(event.zoneSource == .carrierOffset && event.utcOffset?.description == "-05:00")
        #expect(event.occurredAt.map(Timestamp.utcString) == "2024-11-21T19:30:12.000Z")
        #expect(event.location?.postalCode == nil && event.location?.country == "US")
        #expect(shipment.estimatedDelivery?.earliest.local?.description == "2024-11-22")
    }

    @Test(.enabled(if: CarrierTestFiles.sharedSamplesAvailable, CarrierTestFiles.sharedSamplesMissing))
    func trackAlertWithoutOffsetUsesTheGMTTime() throws {
        let url = CarrierTestFiles.sharedSamples.appendingPathComponent("ups/trackalert-webhook-manifest.json")
        let shipment = try #require(adapter.parse(Data(contentsOf: url)).shipments.first)
        #expect(shipment.trackingNumber == "1ZABCXYZ0112346789")
        let event = try #require(shipment.events.first)
        #expect(event.zoneSource == .carrierUTC && event.occurredAt.map(Timestamp.utcString) == "2024-04-22T04:12:30.000Z")
        #expect(event.utcOffset?.description == "+05:00")
        #expect(event.localTime?.description == "2024-04-22T09:12:30")
    }

    @Test func rejectsBodiesThatAreNotUPS() {
        #expect(throws: CarrierParseError.self) { try adapter.parse(Data("{\"foo\": 1}".utf8)) }
        #expect(throws: CarrierParseError.self) { try adapter.parse(Data("<xml/>".utf8)) }
        #expect(adapter.sniff(Data("{\"trackResponse\":{}}".utf8)) > 0.5)
        #expect(adapter.sniff(Data("{\"output\":{\"completeTrackResults\":[]}}".utf8)) == 0)
    }

    @Test func trackingRequestIsATrackAPIGet() {
        let request = adapter.trackingRequest(
            for: ["1Z5R89390357567127"],
            configuration: CarrierConfiguration(baseURL: "https://wwwcie.ups.com/", credentials: ["access_token": "tok"]))
        #expect(request.method == "GET")
        #expect(request.url.hasPrefix("https://wwwcie.ups.com/api/track/v1/details/1Z5R89390357567127?locale=en_US"))
        #expect(request.headers["Authorization"] == "Bearer tok")
        #expect(request.headers["transId"]?.isEmpty == false && request.headers["transactionSrc"] != nil)
        #expect(adapter.auth == .oauth2ClientCredentials(tokenPath: "/security/v1/oauth/token"))
    }

    @Test func registryRecognisesTheFixtures() throws {
        for url in CarrierTestFiles.fixtures(for: "ups") where !url.lastPathComponent.contains("error") {
            #expect(CarrierRegistry.sniff(try Data(contentsOf: url))?.id == "ups", "\(url.lastPathComponent)")
        }
    }
}
