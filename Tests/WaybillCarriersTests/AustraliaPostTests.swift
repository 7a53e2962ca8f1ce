import Foundation
import Testing
import WaybillTestSupport
import WaybillCore
@testable import WaybillCarriers

@Suite("Australia Post adapter")
struct AustraliaPostTests {
    let adapter = AustraliaPostAdapter()

    func fixture(_ name: String) throws -> CarrierParseResult {
        let url = CarrierTestFiles.testsDirectory.appendingPathComponent("Fixtures/australia_post/\(name)")
        return try adapter.parse(try Data(contentsOf: url))
    }

    @Test(.enabled(if: CarrierTestFiles.sharedSamplesAvailable, CarrierTestFiles.sharedSamplesMissing))
    func mixedSampleHasAConsignmentAndTwoArticles() throws {
        let url = CarrierTestFiles.sharedSamples.appendingPathComponent("australiapost/track-items-mixed.json")
        let result = try adapter.parse(try Data(contentsOf: url))
        #expect(result.shipments.map(\.trackingNumber) == ["ET123456789AU", "LX123456789US", "00123456789000123400"])
        #expect(result.unmappedEventCount == 0)
        let delivered = result.shipments[1]
        #expect(delivered.state.status == .delivered)
        #expect(delivered.deliveryLocation == "Left in a safe place")
        #expect(delivered.events.last?.location == Location(city: "KEW", region: "VIC", country: "AU"))
        #expect(delivered.events.last?.occurredAt == utc("2021-01-21T00:04:27Z"))
        #expect(delivered.events.first?.location == Location(postalCode: "60199", country: "US"))
        #expect(result.shipments[0].state.status == .inTransit)
        #expect(result.shipments[2].events.last?.location?.country == "NZ")
    }

    @Test func deliveredConsignmentWithTwoArticles() throws {
        let shipments = try fixture("delivered-consignment-two-articles.json").shipments
        #expect(shipments.map(\.trackingNumber) == ["2JD501234501000931509", "2JD501234501000931510"])
        #expect(shipments.allSatisfy { $0.alternateTrackingNumbers == ["2JD5012345"] && $0.service == "Parcel Post" })
        let first = shipments[0]
        #expect(first.events.map(\.status) == [.infoReceived, .inTransit, .inTransit, .inTransit, .outForDelivery, .delivered])
        #expect(first.events.map(\.sequence) == [0, 1, 2, 3, 4, 5])
        #expect(first.events.allSatisfy { $0.carrierCode == nil && $0.zoneSource == .carrierOffset })
        #expect(first.events[3].substatus == .departedFacility)
        #expect(first.events[5].substatus == .deliveredDoor)
        #expect(first.state.status == .delivered && first.state.deliveredAt == utc("2026-05-14T01:04:27Z"))
        #expect(shipments[1].state.status == .inTransit)
    }

    @Test func exceptionAttemptPickupAndReturn() throws {
        let result = try fixture("exception-attempt-pickup-return.json")
        let shipment = try #require(result.shipments.first)
        #expect(shipment.events.map(\.status) == [.inTransit, .exception, .outForDelivery, .attemptFailed, .availableForPickup,
                                                  .availableForPickup, .returnedToSender])
        #expect(shipment.events[1].reason == .damaged)
        // "Onboard\n\tfor delivery" matches, and the description is kept as sent.
        #expect(shipment.events[2].carrierDescription == "Onboard\n\tfor delivery")
        #expect(shipment.events[4].actionRequired && shipment.events[4].substatus == .awaitingCollection)
        #expect(shipment.events[5].substatus == .unmapped && result.unmappedEventCount == 1)
        #expect(shipment.events[6].substatus == .returnInitiated)
        #expect(shipment.state.status == .returnedToSender)
    }

    @Test func timeZoneCases() throws {
        let events = try #require(try fixture("time-zone-cases.json").shipments.first).events
        // Offsets as given, including half hours.
        #expect(events[0].zoneSource == .carrierOffset && events[0].occurredAt == utc("2026-09-30T00:30:00Z"))
        #expect(events[1].utcOffset == UTCOffset(seconds: 8 * 3600) && events[1].location?.region == "WA")
        // "Z": Australia Post says UTC.
        #expect(events[2].zoneSource == .carrierUTC && events[2].occurredAt == utc("2026-10-02T21:05:00Z"))
        #expect(events[2].location == Location(city: "CHICAGO", country: "US"))
        // No offset, a one-zone country: New Zealand daylight time (+13:00).
        #expect(events[3].zoneSource == .location && events[3].occurredAt == utc("2026-10-05T00:40:00Z"))
        // No offset, no place: local only.
        #expect(events[4].zoneSource == .unknown && events[4].occurredAt == nil && events[4].localTime?.description == "2026-10-06T09:15:00")
    }

    @Test func notFoundAndErrorsAreNotices() throws {
        #expect(try fixture("not-found.json").notices == [CarrierNotice(trackingNumber: "99ZZZ00000001", kind: .notFound,
                                                                         code: "ESB-10001", message: "Invalid tracking ID")])
        let error = try fixture("error-account-not-authorised.json")
        #expect(error.shipments.isEmpty && error.notices.first?.kind == .error && error.notices.first?.code == "403004")
        #expect(error.notices.first?.message.hasPrefix("ACCOUNT_NOT_AUTHORISED: ") == true)
    }

    @Test func legacyQueryTrackEventsWithNumbersAndSingleObjects() throws {
        let body = Data("""
            {"QueryTrackEventsResponse":{"TrackingResult":{"TrackingID":2001,"ArticleDetails":{"ArticleID":2001,"Events":{"Event":
              {"EventDescription":"With Australia Post for delivery today","EventDateTime":"2026-02-03T07:15:00+11:00","Location":"KEW VIC"}}}}}}
            """.utf8)
        #expect(adapter.sniff(body) >= 0.9)
        let result = try adapter.parse(body)
        let shipment = try #require(result.shipments.first)
        #expect(shipment.trackingNumber == "2001")
        #expect(shipment.events.map(\.status) == [.outForDelivery])
        #expect(shipment.events[0].occurredAt == Timestamp.parse("2026-02-02T20:15:00Z")!.date)
        // Every repair is reported with its path.
        #expect(result.notices.allSatisfy { $0.kind == .warning })
        #expect(result.notices.contains { $0.path?.contains("TrackingID") == true && $0.message.contains("read as text") })
        let invalid = try adapter.parse(Data(#"{"QueryTrackEventsResponse":{"TrackingResult":{"TrackingID":"123","BusinessException":{"Code":"1401","Description":"Invalid tracking ID"}}}}"#.utf8))
        #expect(invalid.notices.filter { $0.kind != .warning } == [CarrierNotice(trackingNumber: "123", kind: .notFound, code: "1401", message: "Invalid tracking ID")])
    }

    @Test func bodiesThatAreNotAustraliaPostThrow() {
        #expect(throws: CarrierParseError.self) { try adapter.parse(Data("{\"shipments\": []}".utf8)) }
        #expect(throws: CarrierParseError.self) { try adapter.parse(Data("[1]".utf8)) }
        #expect(adapter.sniff(Data("<a/>".utf8)) == 0)
    }

    @Test func trackingRequestAsksForUpToTenIds() {
        let configuration = CarrierConfiguration(baseURL: "https://digitalapi.auspost.com.au",
                                                 credentials: ["apiKey": "key", "password": "pw", "accountNumber": "1234567890"])
        let numbers = (1...12).map { "ID\($0)" }
        let request = adapter.trackingRequest(for: numbers, configuration: configuration)
        #expect(request.method == "GET")
        #expect(request.url == "https://digitalapi.auspost.com.au/shipping/v1/track?tracking_ids=" + numbers.prefix(10).joined(separator: ","))
        #expect(request.headers["account-number"] == "1234567890")
        #expect(request.headers["Authorization"] == "Basic a2V5OnB3")
    }
}
