import Foundation
import Testing
import WaybillTestSupport
import WaybillCarriers
import WaybillCore
@testable import WaybillFeeds

@Suite("CSV events and shipments")
struct CSVTests {
    let format = CSVEventsFormat()

    func events(_ name: String) throws -> (result: CarrierParseResult, report: CSVReport) {
        CSVEventsReader.read(try EDIFACTAndCSVTestFiles.fixture("csv", name), fileName: name)
    }

    @Test func fixturesMatchTheirGoldens() throws {
        let fixtures = EDIFACTAndCSVTestFiles.fixtures("csv", extension: "csv").filter { $0.lastPathComponent.hasPrefix("events") }
        #expect(fixtures.count == 3)
        for url in fixtures {
            let read = CSVEventsReader.read(try Data(contentsOf: url), fileName: url.lastPathComponent)
            try EDIFACTAndCSVTestFiles.golden.expect(read.result, format: "csv", name: url.lastPathComponent)
        }
    }

    @Test func quotingTimesAndStatuses() throws {
        let (result, report) = try events("events_quoting.csv")
        #expect(report.isClean, "\(report.lines)")
        #expect(report.rowCount == 6) // 7 lines, one record spans two
        #expect(result.shipments.map(\.trackingNumber) == ["1Z999AA10123456784", "JJD000390007", "LOCAL0001"])
        #expect(result.shipments.map(\.carrier) == ["ups", "dhl", "csv"])

        let ups = result.shipments[0]
        #expect(ups.events.map(\.status) == [.inTransit, .attemptFailed, .delivered])
        #expect(ups.events.map(\.sequence) == [0, 1, 2])
        let pickup = ups.events[0]
        #expect(pickup.carrierDescription == "Picked up, Atlanta")
        #expect(pickup.carrierCode == "P")
        #expect(pickup.zoneSource == .carrierOffset)
        #expect(pickup.localTime?.description == "2026-11-20T08:00:00")
        #expect(pickup.occurredAt == utc("2026-11-20T13:00:00Z"))
        let attempt = ups.events[1]
        #expect(attempt.carrierDescription == "Receiver said \"not today\"")
        #expect(attempt.reason == .consigneeNotHome)
        #expect(attempt.actionRequired)
        #expect(attempt.location == Location(city: "Chicago", region: "IL", postalCode: "60601", country: "US"))
        #expect(attempt.zoneSource == .location)
        #expect(attempt.utcOffset?.description == "-06:00")
        #expect(attempt.occurredAt == utc("2026-11-22T20:05:00Z"))
        let delivered = ups.events[2]
        #expect(delivered.carrierDescription == "Delivered\nfront desk, signed by J. DOE")
        #expect(delivered.substatus == .deliveredSigned)
        #expect(delivered.zoneSource == .carrierOffset)
        #expect(delivered.occurredAt == utc("2026-11-23T16:30:00Z"))
        #expect(!delivered.actionRequired)
        #expect(ups.deliveredAt == utc("2026-11-23T16:30:00Z"))
        #expect(ups.state.status == .delivered)

        let dhl = result.shipments[1]
        #expect(dhl.events.map(\.status) == [.inTransit, .exception])
        #expect(dhl.events[0].localTime?.description == "2026-11-23")
        #expect(dhl.events[0].occurredAt == nil)
        #expect(dhl.events[0].zoneSource == .unknown)
        #expect(dhl.events[1].zoneSource == .carrierUTC)
        #expect(dhl.events[1].localTime == nil)
        #expect(dhl.events[1].occurredAt == utc("2026-11-24T09:00:00Z"))
        #expect(dhl.events[1].actionRequired)
        #expect(dhl.events[1].reason == .damaged)

        let unknownZone = try #require(result.shipments[2].events.first)
        #expect(unknownZone.status == .outForDelivery)
        #expect(unknownZone.zoneSource == .unknown)
        #expect(unknownZone.occurredAt == nil)
        #expect(unknownZone.localTime?.description == "2026-11-25T07:45:00")
    }

    @Test func byteOrderMarkCRLFAndUnknownColumn() throws {
        let (result, report) = try events("events_bom_crlf_unknown_column.csv")
        #expect(report.lines == ["events_bom_crlf_unknown_column.csv: line 1: warehouse: unknown column; ignored"])
        let shipment = try #require(result.shipments.first)
        #expect(shipment.events.map(\.status) == [.inTransit, .delivered])
        #expect(shipment.events[1].carrierDescription == "Left at door, back porch")
        #expect(shipment.events[0].carrierDescription == "Departed")
        #expect(shipment.deliveredAt == utc("2026-11-23T16:30:00Z"))
    }

    @Test func badRowsAreReportedAndGoodRowsKept() throws {
        let (result, report) = try events("events_bad_rows.csv")
        #expect(report.lines == [
            "events_bad_rows.csv: line 3: occurred_at: not an RFC 3339 timestamp",
            "events_bad_rows.csv: line 4: status: \"lost_in_space\" is not a canonical status (pending, info_received, in_transit, out_for_delivery, available_for_pickup, attempt_failed, delivered, exception, returned_to_sender, expired)",
            "events_bad_rows.csv: line 5: 6 fields, the header has 7",
            "events_bad_rows.csv: line 6: tracking_number: empty",
            "events_bad_rows.csv: line 7: occurred_at: empty, and no local_time either: one of them is required",
            "events_bad_rows.csv: line 8: country: \"FRA\" is not an ISO 3166-1 alpha-2 code",
            "events_bad_rows.csv: line 10: quoted field opened on line 10 is never closed",
        ])
        #expect(report.rowCount == 9)
        #expect(report.keptCount == 2)
        #expect(result.shipments.map(\.trackingNumber) == ["AAA111", "BBB222"])
        #expect(result.shipments[1].events.first?.carrierDescription == "good, after bad rows")
    }

    @Test func headerProblems() throws {
        let (result, report) = CSVEventsReader.read(Data("tracking_number,occurred_at\nX,2026-11-20T08:00:00Z\n".utf8), fileName: "h.csv")
        #expect(result.shipments.isEmpty)
        #expect(report.lines == ["h.csv: line 1: header lacks required column(s) status"])
        #expect(throws: CarrierParseError.self) { try format.parse(Data("tracking_number,occurred_at\n".utf8)) }
        #expect(throws: CarrierParseError.self) { try format.parse(Data()) }
        let repeated = CSVEventsReader.read(Data("tracking_number,status,status,local_time\nX,delivered,exception,2026-11-20\n".utf8), fileName: "r.csv")
        #expect(repeated.report.lines == ["r.csv: line 1: status: repeated column; the first one is used"])
        #expect(repeated.result.shipments.first?.events.first?.status == .delivered)
    }

    @Test func shipmentsFile() throws {
        let (rows, report) = CSVShipmentsReader.read(try EDIFACTAndCSVTestFiles.fixture("csv", "shipments.csv"), fileName: "shipments.csv")
        #expect(report.lines == [
            "shipments.csv: line 1: notes: unknown column; ignored",
            "shipments.csv: line 4: email: \"not-an-email\" is not an email address",
            "shipments.csv: line 5: time_zone: \"Mars/Olympus\" is not an IANA time zone such as Europe/Paris",
            "shipments.csv: line 6: tracking_number: duplicate of line 2",
        ])
        #expect(rows.map(\.orderID) == ["ORD-1", "ORD-2", "ORD-6"])
        #expect(rows[0] == ShipmentRow(line: 2, trackingNumber: "1Z999AA10123456784", carrier: "ups", orderID: "ORD-1",
                                       email: "ann@example.com", phone: "+1 (312) 555-0100", postalCode: "60601", locale: "en-US",
                                       timeZone: "America/Chicago", metadata: ["gift": "yes", "channel": "web"]))
        #expect(rows[1].metadata == ["channel": "shop, app"])
        #expect(rows[1].email == "bob@example.de")
        #expect(rows[2].line == 7)
        #expect(rows[2].metadata == ["channel": "multi\nline"])
        #expect(report.keptCount == 3)
    }

    @Test func sniffAndRegistry() {
        #expect(format.sniff(Data("\u{FEFF}tracking_number,carrier,status\n".utf8)) > 0.5)
        #expect(format.sniff(Data("order_id,tracking_number\n".utf8)) == 0)
        #expect(format.sniff(Data("UNB+UNOC:3".utf8)) == 0)
        #expect(FeedRegistry.format(id: "csv") is CSVEventsFormat)
        #expect(format.mapping.entry(for: "attempt_failed")?.status == .attemptFailed)
    }

    @Test func mutatedAndTruncatedFilesNeverCrash() throws {
        let inputs = EDIFACTAndCSVTestFiles.fixtures("csv", extension: "csv").compactMap { try? Data(contentsOf: $0) }
        #expect(inputs.count == 4)
        var generator = SeededGenerator(seed: 0xC5F)
        let alphabet = Array("\",\r\n\u{7F}Z:+-T09 ".utf8)
        for input in inputs {
            for round in 0..<300 {
                var bytes = Array(input)
                switch round % 4 {
                case 0: bytes = Array(bytes.prefix(Int.random(in: 0...bytes.count, using: &generator)))
                case 1:
                    for _ in 0..<Int.random(in: 1...6, using: &generator) where !bytes.isEmpty {
                        bytes[Int.random(in: 0..<bytes.count, using: &generator)] = alphabet.randomElement(using: &generator)!
                    }
                case 2:
                    if !bytes.isEmpty { bytes.remove(at: Int.random(in: 0..<bytes.count, using: &generator)) }
                default:
                    bytes.insert(UInt8.random(in: 0...255, using: &generator), at: Int.random(in: 0...bytes.count, using: &generator))
                }
                let data = Data(bytes)
                let events = CSVEventsReader.read(data, fileName: "fuzz")
                #expect(events.report.keptCount <= events.report.rowCount)
                for shipment in events.result.shipments {
                    #expect(shipment.events.map(\.sequence) == Array(shipment.events.indices))
                }
                let shipments = CSVShipmentsReader.read(data, fileName: "fuzz")
                #expect(shipments.0.count == shipments.1.keptCount)
                do {
                    _ = try format.parse(data)
                } catch {
                    #expect(!error.reason.isEmpty)
                }
            }
        }
    }
}
