import Foundation
import Testing
import WaybillCarriers
import WaybillCore

/// The checks every carrier body gets after its adapter (`CarrierAdapter.read`).
@Suite("Reconciled shipment facts")
struct ReconciliationTests {
    static let reportedAt = Date(timeIntervalSince1970: 1_795_670_102) // 2026-11-26T05:15:02Z

    static func result(_ events: [CanonicalEvent], deliveredAt: Date? = nil, signedBy: String? = nil) -> CarrierParseResult {
        CarrierParseResult(shipments: [ParsedShipment(carrier: "test", trackingNumber: "T1", deliveredAt: deliveredAt,
                                                      signedBy: signedBy, events: events)])
    }

    static func at(_ text: String) -> Date { Timestamp.parse(text)!.date }

    @Test("an event later than its document keeps its local time, loses its instant, does not move the status, and is noticed")
    func eventAfterTheDocument() {
        var result = Self.result([
            CanonicalEvent(status: .inTransit, occurredAt: Self.at("2026-11-25T10:00:00Z"), zoneSource: .carrierUTC, sequence: 0),
            CanonicalEvent(status: .delivered, carrierCode: "DL", occurredAt: Self.at("2026-11-26T08:45:00Z"),
                           utcOffset: UTCOffset(seconds: 3600), zoneSource: .carrierOffset, sequence: 1),
        ])
        result.reconcile(reportedAt: Self.reportedAt)
        let events = result.shipments[0].events
        #expect(events[1].isImplausibleTime && events[1].occurredAt == nil)
        #expect(events[1].localTime?.description == "2026-11-26T09:45:00")
        #expect(result.shipments[0].state.status == .inTransit)
        #expect(result.notices.contains { $0.code == "implausible_time" && $0.message.contains("DL") })
        #expect(!events[0].isImplausibleTime)
    }

    @Test("a small clock skew is not an impossible time; a time before 2000 is")
    func skewAndAncientTimes() {
        var result = Self.result([
            CanonicalEvent(status: .inTransit, occurredAt: Self.reportedAt.addingTimeInterval(10 * 60), sequence: 0),
            CanonicalEvent(status: .inTransit, occurredAt: Self.at("1998-05-01T10:00:00Z"), sequence: 1),
        ])
        result.reconcile(reportedAt: Self.reportedAt)
        #expect(result.shipments[0].events.map(\.isImplausibleTime) == [false, true])
    }

    /// 19:00 at UTC+14 is 05:00Z, before the report; a later day is after it in every zone.
    @Test("a local date after the report's date everywhere is impossible; the same date is not")
    func localDates() {
        var result = Self.result([
            CanonicalEvent(status: .inTransit, localTime: LocalDateTime(parsing: "2026-11-26T19:00:00"), sequence: 0),
            CanonicalEvent(status: .inTransit, localTime: LocalDateTime(parsing: "2026-11-28"), sequence: 1),
        ])
        result.reconcile(reportedAt: Self.reportedAt)
        #expect(result.shipments[0].events.map(\.isImplausibleTime) == [false, true])
    }

    @Test("a country written as the city is the country, and gives the zone")
    func countryInTheCityField() {
        var result = Self.result([
            CanonicalEvent(status: .inTransit, localTime: LocalDateTime(parsing: "2026-11-20T10:00:00"),
                           location: Location(city: "Deutschland"), sequence: 0),
        ])
        result.reconcile(reportedAt: Self.reportedAt)
        let event = result.shipments[0].events[0]
        #expect(event.location == Location(country: "DE"))
        #expect(event.zoneSource == .location && event.occurredAt == Self.at("2026-11-20T09:00:00Z"))
    }

    @Test("an event without a country in a one-country shipment is read in that country's zone")
    func domesticShipment() {
        var result = Self.result([
            CanonicalEvent(status: .inTransit, localTime: LocalDateTime(parsing: "2026-11-20T08:00:00"),
                           location: Location(city: "Wien", country: "AT"), sequence: 0),
            CanonicalEvent(status: .inTransit, localTime: LocalDateTime(parsing: "2026-11-20T23:10:00"),
                           location: Location(city: "Hub Süd"), sequence: 1),
        ])
        result.reconcile(reportedAt: Self.reportedAt)
        #expect(result.shipments[0].events[1].occurredAt == Self.at("2026-11-20T22:10:00Z"))
        #expect(result.shipments[0].events[1].zoneSource == .location)
    }

    @Test("a delivery time the events do not show becomes a delivery, with a warning")
    func deliveredAtWithoutDeliveryEvent() {
        var result = Self.result([
            CanonicalEvent(status: .infoReceived, occurredAt: Self.at("2026-11-20T08:00:00Z"), sequence: 0),
        ], deliveredAt: Self.at("2026-11-22T12:00:00Z"), signedBy: "K. Huber")
        result.reconcile(reportedAt: Self.reportedAt)
        let state = result.shipments[0].state
        #expect(state.status == .delivered && state.deliveredAt == Self.at("2026-11-22T12:00:00Z"))
        #expect(state.signedBy == "K. Huber")
        #expect(result.notices.contains { $0.code == "delivery_without_event" })
    }

    @Test("signed_by holds a name or nothing", arguments: [
        ("Signature not required", nil), ("N/A", nil), ("SIGNATURE WAIVED", nil), ("FRONT DOOR", nil), ("-", nil), ("  ", nil), ("TANGER(2760236908)", "TANGER"), ("true", nil),
        ("D. DELUISE", "D. DELUISE"), ("Kraemer", "Kraemer"), (" KKRAUS ", "KKRAUS"), ("Müller", "Müller"),
    ] as [(String, String?)])
    func signatories(_ given: String, _ expected: String?) {
        #expect(CanonicalEvent(status: .delivered, signedBy: given).signedBy == expected)
        #expect(ParsedShipment(carrier: "test", trackingNumber: "T1", signedBy: given).signedBy == expected)
    }
}

@Suite("Reading a body that names nothing")
struct EmptyBodyTests {
    @Test("a well-formed body without any shipment leaves a warning instead of silence")
    func emptyBodyIsNoticed() throws {
        let adapter = try #require(CarrierRegistry.adapter(id: "dhl"))
        let result = try adapter.read(Data(#"{"shipments":[]}"#.utf8), reportedAt: Date())
        #expect(result.shipments.isEmpty)
        #expect(result.notices.map(\.kind) == [.warning])
    }
}
