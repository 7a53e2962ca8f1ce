import Foundation
import Testing
import WaybillTestSupport
@testable import WaybillCarriers
import WaybillCore

@Suite("Generic adapter")
struct GenericAdapterTests {
    static let folder = CarrierTestFiles.testsDirectory.appendingPathComponent("Fixtures/generic")

    func acme() throws -> GenericAdapter {
        try GenericAdapter.load(from: Data(contentsOf: Self.folder.appendingPathComponent("acme-mapping.json")))
    }

    func acmeBody() throws -> Data {
        try Data(contentsOf: Self.folder.appendingPathComponent("acme-body.json"))
    }

    /// A mapping with the given extra fields over a minimal one (body: `{"events": [...]}`).
    func adapter(_ extra: String) throws -> GenericAdapter {
        let text = """
            {"carrier": "test_carrier", "tracking_number": "id", "events": "events[]", "code": "code",
             "location": {"country": "country"}, "codes": {"D": {"status": "delivered"}}\(extra.isEmpty ? "" : ", " + extra)}
            """
        return try GenericAdapter.load(from: Data(text.utf8))
    }

    func firstEvent(_ adapter: GenericAdapter, _ event: String) throws -> CanonicalEvent {
        let body = "{\"id\": \"X1\", \"events\": [\(event)]}"
        return try #require(try adapter.parse(Data(body.utf8)).shipments.first?.events.first)
    }

    @Test("the example mapping reads the example body (golden)")
    func exampleGolden() throws {
        try CarrierTestFiles.golden.expect(try acme().parse(acmeBody()), format: "generic", name: "acme-body.json")
    }

    @Test("the example body: order, codes, local times by location, facts, notices")
    func example() throws {
        let adapter = try acme()
        #expect(adapter.id == "acme_express")
        #expect(adapter.displayName == "ACME Express")
        let result = try adapter.parse(acmeBody())
        let shipment = try #require(result.shipments.first)
        #expect(result.shipments.count == 1)
        #expect(shipment.trackingNumber == "ACME000123456")
        #expect(shipment.service == "ACME Parcel Plus")
        #expect(shipment.references == ["ORDER-7781"])
        #expect(shipment.alternateTrackingNumbers == ["ACME000123456-02"])
        #expect(shipment.signedBy == "K. Huber")
        #expect(shipment.estimatedDelivery?.earliest.local?.description == "2026-11-26")
        #expect(shipment.estimatedDelivery?.earliest.instant == nil)
        let events = shipment.events
        #expect(events.map(\.carrierCode) == ["PU", "310", "NH", "OFD", "DLV", "POD"])
        #expect(events.map(\.sequence) == Array(0..<6))
        #expect(events[0].location == Location(city: "Wien", postalCode: "1100", country: "AT"))
        #expect(events[0].zoneSource == .location)
        #expect(events[0].occurredAt.map(Timestamp.utcString) == "2026-11-24T13:00:00.000Z")
        // Code 310 is not in the mapping; its text "Sorted at hub" is.
        #expect(events[1].substatus == .processedAtFacility)
        #expect(events[1].status == .inTransit)
        #expect(events[1].zoneSource == .unknown)
        #expect(events[1].occurredAt == nil)
        #expect(events[2].reason == .consigneeNotHome)
        #expect(events[4].substatus == .deliveredDoor)
        #expect(events[5].isInformational)
        #expect(shipment.state.status == .delivered)
        #expect(shipment.state.deliveredAt.map(Timestamp.utcString) == "2026-11-26T09:42:00.000Z")
        #expect(result.unmappedEventCount == 0)
        #expect(result.notices == [
            CarrierNotice(trackingNumber: "ACME000999999", kind: .notFound, code: "NOT_FOUND", message: "Unknown tracking number"),
            CarrierNotice(trackingNumber: "ACME-BAD", kind: .error, code: "INVALID", message: "Tracking number format is invalid"),
        ])
        #expect(adapter.mapping.entry(for: "dlv")?.meaning == "Delivered to the door")
        #expect(adapter.sniff(try acmeBody()) > 0)
        #expect(adapter.sniff(Data("{\"parcels\": []}".utf8)) == 0)
    }

    @Test("zone settings: offset given, UTC, Z on a local time, a date alone")
    func zones() throws {
        let auto = try adapter("")
        let offset = try firstEvent(auto, #"{"code": "D", "at": "x", "time": "2026-07-01T10:00:00+0200"}"#)
        #expect(offset.zoneSource == .unknown)  // no time field configured: no time at all
        let timed = try adapter(#""time": {"path": "time"}"#)
        let withOffset = try firstEvent(timed, #"{"code": "D", "time": "2026-07-01T10:00:00+02:00", "country": "JP"}"#)
        #expect(withOffset.zoneSource == .carrierOffset)
        #expect(withOffset.occurredAt.map(Timestamp.utcString) == "2026-07-01T08:00:00.000Z")
        let zulu = try firstEvent(timed, #"{"code": "D", "time": "2026-07-01T10:00:00Z", "country": "DE"}"#)
        #expect(zulu.zoneSource == .carrierUTC)
        #expect(zulu.localTime?.description == "2026-07-01T12:00:00")

        let utc = try adapter(#""time": {"path": "time", "format": "yyyy-MM-dd HH:mm:ss", "zone": "utc"}"#)
        let utcEvent = try firstEvent(utc, #"{"code": "D", "time": "2026-07-01 10:00:00"}"#)
        #expect(utcEvent.zoneSource == .carrierUTC)
        #expect(utcEvent.occurredAt.map(Timestamp.utcString) == "2026-07-01T10:00:00.000Z")

        let local = try adapter(#""time": {"path": "time", "zone": "local"}"#)
        let mislabelled = try firstEvent(local, #"{"code": "D", "time": "2026-07-01T10:00:00Z", "country": "FR"}"#)
        #expect(mislabelled.zoneSource == .location)
        #expect(mislabelled.occurredAt.map(Timestamp.utcString) == "2026-07-01T08:00:00.000Z")
        let nowhere = try firstEvent(local, #"{"code": "D", "time": "2026-07-01T10:00:00"}"#)
        #expect(nowhere.zoneSource == .unknown)
        #expect(nowhere.occurredAt == nil)
        #expect(nowhere.localTime?.description == "2026-07-01T10:00:00")
        let dateOnly = try firstEvent(local, #"{"code": "D", "time": "2026-07-01", "country": "FR"}"#)
        #expect(dateOnly.localTime?.description == "2026-07-01")
        #expect(dateOnly.occurredAt == nil)
    }

    @Test("time formats: separate date and time fields, 12-hour clock, basic offset")
    func formats() throws {
        let split = try adapter(#""time": {"path": "date", "time_path": "clock", "format": "yyyyMMdd HHmmss"}"#)
        let event = try firstEvent(split, #"{"code": "D", "date": "20261126", "clock": "104200", "country": "NL"}"#)
        #expect(event.localTime?.description == "2026-11-26T10:42:00")
        #expect(event.utcOffset?.description == "+01:00")
        let twelve = try adapter(#""time": {"path": "t", "format": "M/d/yyyy h:mm:ss a"}"#)
        #expect(try firstEvent(twelve, #"{"code": "D", "t": "8/17/2021 12:11:26 AM"}"#).localTime?.description == "2021-08-17T00:11:26")
        #expect(try firstEvent(twelve, #"{"code": "D", "t": "8/17/2021 7:11:26 PM"}"#).localTime?.description == "2021-08-17T19:11:26")
        let basic = try adapter(#""time": {"path": "t", "format": "yyyy-MM-dd'T'HH:mm:ss.SSSXX"}"#)
        let fraction = try firstEvent(basic, #"{"code": "D", "t": "2026-01-02T03:04:05.6789-0330"}"#)
        #expect(fraction.occurredAt.map(Timestamp.utcString) == "2026-01-02T06:34:05.678Z")
        #expect(fraction.utcOffset?.description == "-03:30")
        #expect(throws: CarrierParseError.self) { try firstEvent(twelve, #"{"code": "D", "t": "2021-08-17"}"#) }
    }

    @Test("event order auto: a newest-first list is turned around; the body can be one shipment")
    func autoOrder() throws {
        let adapter = try adapter(#""time": {"path": "t"}, "event_order": "auto""#)
        let body = #"{"id": "X1", "events": [{"code": "D", "t": "2026-01-02T10:00:00Z"}, {"code": "P", "t": "2026-01-01T10:00:00Z"}]}"#
        let shipment = try #require(try adapter.parse(Data(body.utf8)).shipments.first)
        #expect(shipment.trackingNumber == "X1")
        #expect(shipment.events.map(\.carrierCode) == ["P", "D"])
        #expect(shipment.events[0].substatus == .unmapped)
        #expect(shipment.events[0].status == .infoReceived)
    }

    @Test("a body that is a list of shipments")
    func rootList() throws {
        let text = #"{"carrier": "t", "shipments": "[]", "tracking_number": "n", "events": "e[]", "code": "c"}"#
        let adapter = try GenericAdapter.load(from: Data(text.utf8))
        let result = try adapter.parse(Data(#"[{"n": 1, "e": [{"c": "A"}]}, {"n": "B2", "e": []}]"#.utf8))
        #expect(result.shipments.map(\.trackingNumber) == ["1", "B2"])
        #expect(result.shipments[0].events.first?.carrierCode == "A")
    }

    @Test("bad mapping files say which field is wrong", arguments: [
        (#"{"carrier": "x", "events": "e[]", "code": "c"}"#, "tracking_number"),
        (#"{"carrier": "X Y", "tracking_number": "n", "events": "e[]", "code": "c"}"#, "carrier"),
        (#"{"carrier": "x", "tracking_number": "a..b", "events": "e[]", "code": "c"}"#, "tracking_number"),
        (#"{"carrier": "x", "tracking_number": "n", "events": "e", "code": "c"}"#, "events"),
        (#"{"carrier": "x", "tracking_number": "n", "events": "e[]", "code": "c", "codes": {"Q": {"status": "gone"}}}"#, "codes.Q.status"),
        (#"{"carrier": "x", "tracking_number": "n", "events": "e[]", "code": "c", "codes": {"Q": {"status": "delivered", "reason": "aliens"}}}"#, "codes.Q.reason"),
        (#"{"carrier": "x", "tracking_number": "n", "events": "e[]", "code": "c", "time": {"path": "t", "zone": "mars"}}"#, "time.zone"),
        (#"{"carrier": "x", "tracking_number": "n", "events": "e[]", "code": "c", "time": {"path": "t", "format": "yyyy-QQ"}}"#, "time.format"),
        (#"{"carrier": "x", "tracking_number": "n", "events": "e[]", "code": "c", "time": {"path": "t", "format": "h:mm"}}"#, "time.format"),
        (#"{"carrier": "x", "tracking_number": "n", "events": "e[]", "code": "c", "auth": {"scheme": "magic"}}"#, "auth.scheme"),
        (#"{"carrier": "x", "tracking_number": "n", "events": "e[]", "code": "c", "event_order": "random"}"#, "event_order"),
        (#"{"carrier": "x", "tracking_number": 5, "events": "e[]", "code": "c"}"#, "tracking_number"),
        (#"{"carrier": "x", "#, ""),
    ])
    func badMappings(text: String, field: String) {
        do {
            _ = try GenericAdapter.load(from: Data(text.utf8))
            Issue.record("expected \(text) to be rejected")
        } catch {
            #expect(error.field == field)
            #expect(!error.reason.isEmpty)
            #expect(error.description.hasPrefix("mapping file: "))
        }
    }

    @Test("bodies that do not fit the mapping throw with a location")
    func badBodies() throws {
        let adapter = try acme()
        #expect(throws: CarrierParseError.self) { try adapter.parse(Data("not json".utf8)) }
        #expect(try adapter.parse(Data(#"{"data": {"shipments": []}}"#.utf8)) == CarrierParseResult(shipments: []))
        let topLevelError = try adapter.parse(Data(#"{"error": {"code": "NOT_FOUND", "message": "nothing"}}"#.utf8))
        #expect(topLevelError.notices.map(\.kind) == [.notFound])
        do {
            _ = try adapter.parse(Data(#"{"data": {}}"#.utf8))
            Issue.record("expected an error")
        } catch {
            #expect(error.location == "data.shipments[]")
        }
        do {
            _ = try adapter.parse(Data(#"{"data": {"shipments": [{"history": []}]}}"#.utf8))
            Issue.record("expected an error")
        } catch {
            #expect(error.location == "data.shipments[0].trackingNumber")
        }
        do {
            _ = try adapter.parse(Data(#"{"data": {"shipments": [{"trackingNumber": "A", "history": [{"at": "yesterday"}]}]}}"#.utf8))
            Issue.record("expected an error")
        } catch {
            #expect(error.location == "data.shipments[0].history[0].at")
        }
    }

    @Test("mutated bodies never crash the generic adapter")
    func mutationsNeverCrash() throws {
        let adapter = try acme()
        let original = [UInt8](try acmeBody())
        var generator = SeededGenerator(seed: 0x6E6E)
        var variants: [[UInt8]] = (1...16).map { Array(original.prefix(original.count * $0 / 17)) }
        for _ in 0..<200 {
            var mutated = original
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                let index = Int.random(in: 0..<mutated.count, using: &generator)
                switch Int.random(in: 0..<4, using: &generator) {
                case 0: mutated[index] = UInt8.random(in: 0...255, using: &generator)
                case 1: mutated.remove(at: index)
                case 2: mutated.insert(Array("{}[]<>\",:0-9aZ".utf8).randomElement(using: &generator)!, at: index)
                default: mutated[index] = Array("\"{}[]<>/:,".utf8).randomElement(using: &generator)!
                }
                if mutated.isEmpty { break }
            }
            variants.append(mutated)
        }
        var parsed = 0
        for variant in variants {
            do {
                _ = try adapter.parse(Data(variant))
                parsed += 1
            } catch {
                #expect(!error.reason.isEmpty)
            }
        }
        #expect(parsed > 0)
    }

    @Test("tracking request from the template, with credentials; a default without one")
    func trackingRequest() throws {
        let request = try acme().trackingRequest(
            for: ["ACME000123456", "ACME 2"],
            configuration: CarrierConfiguration(baseURL: "https://api.acme.example/", credentials: ["apiKey": "k-1"]))
        #expect(request.method == "GET")
        #expect(request.url == "https://api.acme.example/v1/track?ids=ACME000123456,ACME%202")
        #expect(request.headers == ["X-Api-Key": "k-1", "Accept": "application/json"])
        #expect(try acme().auth == .apiKeyHeader(name: "X-Api-Key"))
        let plain = try adapter("").trackingRequest(for: ["A1"], configuration: CarrierConfiguration(baseURL: "https://t.example"))
        #expect(plain.url == "https://t.example/A1")
        #expect(try adapter("").auth == CarrierAuthScheme.none)
    }
}
