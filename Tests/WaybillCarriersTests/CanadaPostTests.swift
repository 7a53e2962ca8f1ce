import Foundation
import Testing
import WaybillTestSupport
import WaybillCore
@testable import WaybillCarriers

@Suite("Canada Post adapter")
struct CanadaPostTests {
    let adapter = CanadaPostAdapter()

    func fixture(_ name: String) throws -> CarrierParseResult {
        let url = CarrierTestFiles.testsDirectory.appendingPathComponent("Fixtures/canada_post/\(name)")
        return try adapter.parse(try Data(contentsOf: url))
    }

    @Test(.enabled(if: CarrierTestFiles.sharedSamplesAvailable, CarrierTestFiles.sharedSamplesMissing))
    func documentedExampleStaysDeliveredWithTheDeliverysSigner() throws {
        let url = CarrierTestFiles.sharedSamples.appendingPathComponent("canadapost/tracking-details-delivered.xml")
        let shipment = try #require(try adapter.parse(try Data(contentsOf: url)).shipments.first)
        #expect(shipment.trackingNumber == "7023210039414604")
        // Oldest first; codes untouched (karrio's unpadded lists miss "0174").
        #expect(shipment.events.map(\.carrierCode) == ["20", "1496", "0173", "0100", "0174", "20"])
        #expect(shipment.events[4].status == .outForDelivery)
        // The delivery on 1 Feb is final; later scans do not undo it (karrio says in_transit).
        #expect(shipment.state.status == .delivered)
        let delivered = shipment.events[1]
        // EST is -05:00 and seconds are kept (karrio: 07:59:00Z).
        #expect(delivered.utcOffset == UTCOffset(seconds: -18000) && delivered.zoneSource == .carrierOffset)
        #expect(delivered.occurredAt == utc("2011-02-01T12:59:52Z"))
        #expect(delivered.signedBy == "R GREGOIRE" && shipment.signedBy == "R GREGOIRE")
        #expect(shipment.events[0].isInformational && shipment.events[5].isInformational)
        #expect(shipment.events[2].reason == .addressIncorrect && shipment.events[2].status == .inTransit)
        #expect(shipment.references == ["APRIL1REF1A", "APRIL1REF1C"])
        #expect(shipment.estimatedDelivery?.earliest.local?.description == "2011-04-05")
        #expect(delivered.location == Location(city: "QUEBEC", region: "QC", country: "CA"))
    }

    @Test func deliveredInSummerUsesDaylightOffsets() throws {
        let shipment = try #require(try fixture("delivered-signed-edt.xml").shipments.first)
        #expect(shipment.events.map(\.status) == [.inTransit, .inTransit, .outForDelivery, .delivered, .delivered])
        #expect(shipment.events.map(\.sequence) == [0, 1, 2, 3, 4])
        #expect(shipment.events[0].substatus == .pickedUp && shipment.events[0].carrierCode == "1401")
        // PDT is -07:00, EDT -04:00.
        #expect(shipment.events[0].occurredAt == utc("2026-07-07T23:05:00Z"))
        let delivered = shipment.events[3]
        #expect(delivered.utcOffset == UTCOffset(seconds: -14400))
        #expect(delivered.occurredAt == utc("2026-07-09T18:31:07Z"))
        #expect(delivered.signedBy == "M TREMBLAY")
        #expect(shipment.events[4].isInformational && shipment.events[4].substatus == .proofOfDeliveryRecorded)
        #expect(shipment.state.status == .delivered && shipment.state.deliveredAt == utc("2026-07-09T18:31:07Z"))
        // The changed expected date replaces the original one.
        #expect(shipment.estimatedDelivery?.earliest.local?.description == "2026-07-09")
        #expect(shipment.service == "Xpresspost")
        #expect(shipment.references == ["ORDER-4471"])
        #expect(shipment.alternateTrackingNumbers == ["7023210039411111"])
        #expect(shipment.proofOfDelivery == ["/vis/track/pin/1371134583769923/signature"])
    }

    @Test func exceptionAttemptPickupAndUnmappedReturn() throws {
        let result = try fixture("exception-attempt-pickup-return.xml")
        let shipment = try #require(result.shipments.first)
        #expect(shipment.events.map(\.status) == [.inTransit, .exception, .attemptFailed, .attemptFailed, .returnedToSender])
        #expect(shipment.events[1].reason == .addressIncorrect && shipment.events[1].actionRequired)
        #expect(shipment.events[2].reason == .consigneeNotHome && shipment.events[2].carrierCode == "0168")
        // 1479 is the attempt that leaves the card (a real capture follows it with 1703 "in transit
        // to Post Office" and 1701 "available for pickup"); the card asks the recipient to collect.
        #expect(shipment.events[3].actionRequired && shipment.events[3].carrierCode == "1479")
        // Canada Post's return codes are not in our sources: the text says what happened.
        #expect(shipment.events[4].substatus == .returnInitiated && shipment.events[4].carrierDescription == "Item being returned to sender")
        #expect(result.unmappedEventCount == 0)
        // NST is -03:30, AST -04:00.
        #expect(shipment.events[0].occurredAt == utc("2026-01-13T07:45:30Z"))
        #expect(shipment.events[1].occurredAt == utc("2026-01-14T17:10:00Z"))
    }

    @Test func timeZoneCases() throws {
        let events = try #require(try fixture("time-zone-cases.xml").shipments.first).events
        // NST (-03:30) and the French HNE (-05:00) are offsets from the carrier.
        #expect(events[0].zoneSource == .carrierOffset && events[0].occurredAt == utc("2026-03-01T03:20:00Z"))
        #expect(events[1].utcOffset == UTCOffset(seconds: -18000) && events[1].occurredAt == utc("2026-03-01T06:15:00Z"))
        #expect(events[1].location == Location(city: "MONTREAL", region: "QC", country: "CA"))
        // "GMT" is UTC as the carrier said it.
        #expect(events[2].occurredAt == utc("2026-03-02T06:31:07Z") && events[2].location?.country == "FR")
        // No zone given: the scan's country decides (France, +01:00 in March).
        #expect(events[3].zoneSource == .location && events[3].occurredAt == utc("2026-03-02T10:53:00Z"))
        #expect(events[3].location == Location(postalCode: "75008", country: "FR"))
        // An unknown abbreviation and no country: local time only, never UTC.
        #expect(events[4].zoneSource == .unknown && events[4].occurredAt == nil && events[4].utcOffset == nil)
        #expect(events[4].localTime?.description == "2026-03-03T09:12:00")
    }

    @Test func abbreviationsNameZonesAndDaylightNamesTheirOffsets() throws {
        let winter = try #require(LocalDateTime(parsing: "2016-01-20T08:00:00"))
        let summer = try #require(LocalDateTime(parsing: "2015-09-23T08:00:00"))
        // A standard name is its zone: Eastern daylight time in September.
        #expect(CanadaPostTimeZones.offset(for: "EST", at: winter) == UTCOffset(seconds: -5 * 3600))
        #expect(CanadaPostTimeZones.offset(for: "EST", at: summer) == UTCOffset(seconds: -4 * 3600))
        #expect(CanadaPostTimeZones.offset(for: "mst", at: summer) == UTCOffset(seconds: -6 * 3600))
        #expect(CanadaPostTimeZones.offset(for: "HNP", at: summer) == UTCOffset(seconds: -7 * 3600))
        // "NO": no daylight saving (Saskatchewan).
        #expect(CanadaPostTimeZones.offset(for: "CSTNO", at: summer) == UTCOffset(seconds: -6 * 3600))
        #expect(CanadaPostTimeZones.offset(for: "CST", at: summer) == UTCOffset(seconds: -5 * 3600))
        // A CST scan in Regina takes Regina's zone, which keeps standard time.
        #expect(CanadaPostTimeZones.offset(for: "CST", at: summer, location: Location(region: "SK", country: "CA"))
                == UTCOffset(seconds: -6 * 3600))
        // Daylight names are their offset whatever the date.
        #expect(CanadaPostTimeZones.offset(for: "EDT", at: winter) == UTCOffset(seconds: -4 * 3600))
        #expect(CanadaPostTimeZones.offset(for: "NDT", at: summer) == UTCOffset(seconds: -150 * 60))
        #expect(CanadaPostTimeZones.offset(for: "ISRAEL", at: summer) == nil)
        #expect(CanadaPostTimeZones.offset(for: "", at: summer) == nil)
    }

    @Test func midnightWithoutAZoneIsADateAndIsReported() throws {
        let body = Data("""
            <tracking-detail xmlns="http://www.canadapost.ca/ws/track"><pin>LM029042024CA</pin><significant-events>\
            <occurrence><event-identifier>1498</event-identifier><event-date>2015-11-02</event-date><event-time>00:00:00</event-time>\
            <event-time-zone/><event-description>Delivered</event-description><event-site/><event-province/></occurrence>\
            <occurrence><event-identifier>0174</event-identifier><event-date>2015-11-02</event-date><event-time>00:00:00</event-time>\
            <event-time-zone>EST</event-time-zone><event-description>Item out for delivery</event-description><event-site/><event-province/></occurrence>\
            </significant-events></tracking-detail>
            """.utf8)
        let result = try adapter.parse(body)
        let events = try #require(result.shipments.first).events
        #expect(events[0].localTime?.description == "2015-11-02T00:00:00" && events[0].occurredAt == utc("2015-11-02T05:00:00Z"))
        #expect(events[1].localTime?.description == "2015-11-02" && events[1].occurredAt == nil && events[1].zoneSource == .unknown)
        #expect(result.notices.map(\.kind) == [.warning])
        #expect(result.notices.first?.message.contains("1 of 2 events have no time zone") == true)
    }

    @Test func notFoundAndErrorsAreNotices() throws {
        #expect(try fixture("not-found.xml").notices == [CarrierNotice(trackingNumber: nil, kind: .notFound, code: "004",
                                                                        message: "No Pin History")])
        let error = try fixture("error-authentication.xml")
        #expect(error.shipments.isEmpty && error.notices.first?.kind == .error && error.notices.first?.code == "E002")
    }

    @Test func bodiesThatAreNotCanadaPostThrow() {
        #expect(throws: CarrierParseError.self) { try adapter.parse(Data("<TrackingResponse/>".utf8)) }
        #expect(throws: CarrierParseError.self) { try adapter.parse(Data("<tracking-detail><significant-events/></tracking-detail>".utf8)) }
        #expect(throws: CarrierParseError.self) { try adapter.parse(Data([0x3C, 0x61, 0xFF, 0x3E, 0x3C, 0x2F, 0x61, 0x3E])) }
        #expect(adapter.sniff(Data("{}".utf8)) == 0)
    }

    @Test func trackingRequestUsesBasicAuthAndTheVersionedAccept() {
        let configuration = CarrierConfiguration(baseURL: "https://soa-gw.canadapost.ca",
                                                 credentials: ["username": "user", "password": "pass"])
        let request = adapter.trackingRequest(for: ["1371134583769923"], configuration: configuration)
        #expect(request.method == "GET")
        #expect(request.url == "https://soa-gw.canadapost.ca/vis/track/pin/1371134583769923/detail")
        #expect(request.headers["Accept"] == "application/vnd.cpc.track-v2+xml")
        #expect(request.headers["Authorization"] == "Basic dXNlcjpwYXNz")
        #expect(request.headers["Accept-language"] == "en-CA")
        #expect(adapter.auth == .basic)
    }
}
