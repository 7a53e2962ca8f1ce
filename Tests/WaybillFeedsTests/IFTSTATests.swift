import Foundation
import Testing
import WaybillTestSupport
import WaybillCarriers
import WaybillCore
@testable import WaybillFeeds

@Suite("EDIFACT IFTSTA")
struct IFTSTATests {
    let format = IFTSTAFormat()

    func read(_ name: String) throws -> IFTSTARead {
        try IFTSTAReader.read(try EDIFACTAndCSVTestFiles.fixture("iftsta", name), fileName: name)
    }

    // MARK: Real sample

    @Test(.enabled(if: EDIFACTAndCSVTestFiles.ediSamplesAvailable, EDIFACTAndCSVTestFiles.ediSamplesMissing))
    func realSamplesMatchTheirGoldens() throws {
        let samples = EDIFACTAndCSVTestFiles.iftstaSamples
        #expect(!samples.isEmpty)
        for url in samples {
            let read = try IFTSTAReader.read(try Data(contentsOf: url), fileName: url.lastPathComponent)
            try EDIFACTAndCSVTestFiles.golden.expect(read.result, format: "iftsta", name: url.lastPathComponent)
        }
    }

    @Test(.enabled(if: EDIFACTAndCSVTestFiles.ediSamplesAvailable, EDIFACTAndCSVTestFiles.ediSamplesMissing))
    func nordicSampleReadsFiveConsignmentsAndReportsItsMalformedDates() throws {
        let url = EDIFACTAndCSVTestFiles.ediSamples.appendingPathComponent("omniparser_bring_iftsta_d04a.edifact")
        let read = try IFTSTAReader.read(try Data(contentsOf: url), fileName: "bring.edifact")
        #expect(read.report.messageCount == 5)
        #expect(read.result.shipments.map(\.trackingNumber) == [
            "70726206369762052", "70726206369728447", "70726206369754293", "70726206369762663", "70726206369768672",
        ])
        // UNB date 202502 and every DTM+137 202025021715 have month 25; UNT counts are right.
        #expect(read.report.issues.count == 6)
        #expect(read.report.issues.first == IFTSTAIssue(segment: 1, tag: "UNB", reason: "UNB date \"202502\" is not YYMMDD"))
        #expect(read.report.issues.dropFirst().allSatisfy { $0.tag == "DTM" && $0.reason.hasPrefix("DTM+137:") })
        #expect(read.report.lines.first == "bring.edifact: segment 1 (UNB): UNB date \"202502\" is not YYMMDD")
        #expect(!read.report.issues.contains { $0.tag == "UNT" || $0.tag == "UNZ" })

        let first = try #require(read.result.shipments.first)
        #expect(first.events.map(\.carrierCode) == ["S", "V", "S"])
        #expect(first.events.map(\.status) == [.inTransit, .exception, .inTransit])
        #expect(first.events.map(\.sequence) == [0, 1, 2])
        #expect(first.references == ["171577008"])
        #expect(first.alternateTrackingNumbers == ["370726206369762060"])
        let vantaa = first.events[0]
        #expect(vantaa.location == Location(city: "VANTAA", postalCode: "01530", country: "FI"))
        #expect(vantaa.localTime?.description == "2020-02-25T17:28:00")
        #expect(vantaa.utcOffset?.description == "+02:00")
        #expect(vantaa.zoneSource == .location)
        #expect(vantaa.occurredAt == utc("2020-02-25T15:28:00Z"))
        #expect(first.events[1].carrierDescription == "ERROR OCCURRED IN PROCESSING")

        let oslo = read.result.shipments[1]
        #expect(oslo.state.status == .delivered)
        #expect(oslo.deliveredAt == utc("2020-02-25T16:09:00Z"))
        #expect(oslo.events[0].carrierDescription == "DELIVERED")
        #expect(read.result.shipments[3].events[0].status == .availableForPickup)
        #expect(read.result.unmappedEventCount == 0)
    }

    // MARK: Own fixtures

    @Test func fixturesMatchTheirGoldens() throws {
        let fixtures = EDIFACTAndCSVTestFiles.fixtures("iftsta", extension: "edifact")
        #expect(fixtures.count == 6)
        for url in fixtures {
            let read = try IFTSTAReader.read(try Data(contentsOf: url), fileName: url.lastPathComponent)
            try EDIFACTAndCSVTestFiles.golden.expect(read.result, format: "iftsta", name: url.lastPathComponent)
        }
    }

    @Test func deliveredWithZoneOffsetAndLocation() throws {
        let read = try read("delivered_offset_and_location.edifact")
        #expect(read.report.isClean, "\(read.report.lines)")
        let shipment = try #require(read.result.shipments.first)
        #expect(read.result.shipments.count == 1)
        #expect(shipment.trackingNumber == "JJD000390007")
        #expect(shipment.references == ["ORDER-1001"])
        #expect(shipment.alternateTrackingNumbers == ["340123450000000017"])
        #expect(shipment.events.map(\.status) == [.inTransit, .inTransit, .delivered])
        #expect(shipment.events.map(\.substatus) == [.pickedUp, .departedFacility, nil])
        // DTM 203 at Hamburg (UN/LOCODE DEHAM): local, resolved from Germany's zone.
        let pickup = shipment.events[0]
        #expect(pickup.location?.country == "DE")
        #expect(pickup.location?.city == "HAMBURG")
        #expect(pickup.zoneSource == .location)
        #expect(pickup.utcOffset?.description == "+01:00")
        #expect(pickup.occurredAt == utc("2026-11-23T09:15:00Z"))
        #expect(pickup.carrierDescription == "Collection/pick-up completed")
        // DTM 303 with zone `?+01` (the `+` released): the carrier's offset.
        let delivered = shipment.events[2]
        #expect(delivered.zoneSource == .carrierOffset)
        #expect(delivered.localTime?.description == "2026-11-25T14:32:00")
        #expect(delivered.occurredAt == utc("2026-11-25T13:32:00Z"))
        #expect(delivered.location == Location(city: "Berlin", postalCode: "10115", country: "DE"))
        #expect(shipment.deliveredAt == utc("2026-11-25T13:32:00Z"))
        // DTM+17 format 102: a date stays a date.
        #expect(shipment.estimatedDelivery?.earliest.local?.description == "2026-11-25")
        #expect(shipment.estimatedDelivery?.earliest.instant == nil)
        #expect(shipment.state.status == .delivered)
    }

    @Test func customDelimitersReleaseCharactersAndSeveralConsignments() throws {
        let read = try read("una_custom_several_consignments.edifact")
        #expect(read.report.isClean, "\(read.report.lines)")
        #expect(read.result.shipments.map(\.trackingNumber) == ["CPH100200300DK", "CPH100200301DK", "CPH100200302DK"])
        let attempt = try #require(read.result.shipments[0].events.first)
        #expect(attempt.status == .attemptFailed)
        #expect(attempt.carrierCode == "23")
        // The text of the STS reason is the description (the FTX after it says the same).
        #expect(attempt.carrierDescription == "Consignee not at home")
        #expect(attempt.reason == .consigneeNotHome)
        #expect(attempt.location == Location(city: "KØBENHAVN Ø", postalCode: "2100", country: "DK"))
        #expect(attempt.occurredAt == utc("2026-11-24T08:30:00Z"))

        let damaged = try #require(read.result.shipments[1].events.first)
        #expect(damaged.status == .exception)
        #expect(damaged.reason == .damaged)
        #expect(read.result.shipments[1].references == ["PO*4711"])

        // An agency-87 code of an unknown sender: classified by its text, date kept as a date.
        let unknown = try #require(read.result.shipments[2].events.first)
        #expect(unknown.substatus == .processedAtFacility)
        #expect(unknown.status == .inTransit)
        #expect(unknown.carrierCode == "ZZ9")
        #expect(unknown.carrierDescription == "SORTED ON CONVEYOR 4")
        #expect(unknown.localTime?.description == "2026-11-24")
        #expect(unknown.localTime?.hasTime == false)
        #expect(unknown.occurredAt == nil)
        #expect(read.result.unmappedEventCount == 0)
    }

    @Test func badSegmentsAreReportedAndGoodMessagesKept() throws {
        let read = try read("unt_mismatch_and_bad_segments.edifact")
        #expect(read.report.issues.map(\.description) == [
            "segment 6 (DTM): DTM+78: \"202613011200\": 202613011200 is not a valid date or time (format 203 is CCYYMMDDHHMM)",
            "segment 8 (STS): STS has no status code or text; event skipped",
            "segment 10 (CNI): no consignment number (CNI02, or RFF+CW/CN/AAM/AAS/BN/SRN/HWB/MWB/BM/FF); its 1 status(es) skipped",
            "segment 13 (UNT): UNT counts 99 segments, message 1 has 12 (UNH to UNT)",
        ])
        #expect(read.result.shipments.map(\.trackingNumber) == ["BAD0001", "GOOD0002"])
        let timeless = try #require(read.result.shipments[0].events.first)
        #expect(read.result.shipments[0].events.count == 1)
        #expect(timeless.localTime == nil)
        #expect(timeless.occurredAt == nil)
        #expect(timeless.zoneSource == .unknown)
        let good = try #require(read.result.shipments[1].events.first)
        #expect(good.location?.country == "NL")
        #expect(good.occurredAt == utc("2026-11-26T07:15:00Z"))
    }

    @Test func localTimesResolvedByLocationOrLeftUnknown() throws {
        let read = try read("local_time_by_location.edifact")
        #expect(read.report.isClean, "\(read.report.lines)")
        let events = try #require(read.result.shipments.first).events
        #expect(events.count == 3)
        #expect(events[0].zoneSource == .unknown)
        #expect(events[0].occurredAt == nil)
        #expect(events[0].localTime?.description == "2026-11-20T08:00:00")
        #expect(events[0].utcOffset == nil)
        #expect(events[1].location == Location(city: "Chicago", region: "IL", country: "US"))
        #expect(events[1].zoneSource == .location)
        #expect(events[1].utcOffset?.description == "-06:00")
        #expect(events[1].occurredAt == utc("2026-11-21T19:15:00Z"))
        #expect(events[2].zoneSource == .carrierOffset)
        #expect(events[2].utcOffset?.description == "-05:00")
        #expect(events[2].occurredAt == utc("2026-11-22T21:00:00Z"))
        // Recommendation 24's 45 "Arrival, consignee informed" is an arrival; nothing says the
        // consignee must collect.
        #expect(events[2].status == .inTransit)
        #expect(events[2].substatus == .arrivedFacility)
        #expect(!events[2].actionRequired)
    }

    @Test func envelopeChecks() throws {
        let body = "UNB+UNOC:3+S:14+R:14+261126:0700+REF1'UNH+1+IFTSTA:D:04A:UN'CNI+1+X1'STS+1+21'UNT+4+1'UNH+2+INVOIC:D:96A:UN'BGM+380'UNT+3+2'UNZ+3+REF2'"
        let read = try IFTSTAReader.read(Data(body.utf8), fileName: "env.edi")
        #expect(read.report.issues.map(\.description) == [
            "segment 6 (UNH): message type INVOIC is not IFTSTA; message skipped",
            "segment 9 (UNZ): UNZ counts 3 messages, the interchange has 2",
            "segment 9 (UNZ): UNZ reference REF2 differs from UNB reference REF1",
        ])
        #expect(read.result.shipments.map(\.trackingNumber) == ["X1"])

        let truncated = try IFTSTAReader.read(Data("UNB+UNOC:3+S+R+261126:0700+R1'UNH+1+IFTSTA:D:04A:UN'CNI+1+X2'STS+1+21'DTM+78:2026".utf8),
                                              fileName: "cut.edi")
        #expect(truncated.result.shipments.map(\.trackingNumber) == ["X2"])
        #expect(truncated.report.issues.map(\.tag) == ["UNZ", "UNH", "DTM", "DTM"])
    }

    @Test func consignmentsMergeAcrossMessagesOldestFirst() throws {
        // Newest first, over two messages; the second STS group has a destination LOC before
        // its event place (LOC+14); ISO 8859-1 text (UNOC) that is not UTF-8.
        var body = Data("UNB+UNOC:3+S:14+R:14+261126:0700+R1'UNH+1+IFTSTA:D:04A:UN'CNI+1+X9'STS+1+21'DTM+78:202611261200:203'LOC+14+FRPAR:139:6:PARIS'UNT+6+1'".utf8)
        body += Data("UNH+2+IFTSTA:D:04A:UN'CNI+1+X9'STS+1+24'DTM+78:202611250800:203'LOC+8+FRPAR:139:6:PARIS'LOC+14+DEMUC:139:6:M".utf8)
        body += Data([0xDC]) // Ü in ISO 8859-1
        body += Data("NCHEN'UNT+7+2'UNZ+2+R1'".utf8)
        let read = try IFTSTAReader.read(body, fileName: "merge.edi")
        #expect(read.report.isClean, "\(read.report.lines)")
        let shipment = try #require(read.result.shipments.first)
        #expect(read.result.shipments.count == 1)
        #expect(shipment.events.map(\.carrierCode) == ["24", "21"])
        #expect(shipment.events.map(\.sequence) == [0, 1])
        #expect(shipment.events[0].location == Location(city: "MÜNCHEN", country: "DE"))
        #expect(shipment.events[0].occurredAt == utc("2026-11-25T07:00:00Z"))
        #expect(shipment.state.status == .delivered)
    }

    @Test func notEDIFACTThrows() {
        #expect(throws: CarrierParseError.self) { try format.parse(Data("tracking_number,status\n".utf8)) }
        #expect(throws: CarrierParseError.self) { try format.parse(Data()) }
    }

    @Test func sniffRegistryAndMapping() throws {
        #expect(format.sniff(Data("UNA:+.? 'UNB+UNOC:3'UNH+1+IFTSTA:D:04A:UN'".utf8)) > 0.9)
        #expect(format.sniff(Data("UNB+UNOC:3+X".utf8)) > 0)
        #expect(format.sniff(Data("ISA*00*".utf8)) == 0)
        #expect(format.sniff(Data("{\"a\":1}".utf8)) == 0)
        #expect(FeedRegistry.format(id: "iftsta") is IFTSTAFormat)
        #expect(format.mapping.entry(for: "21")?.status == .delivered)
    }

    // MARK: Fuzz

    @Test func mutatedAndTruncatedFilesNeverCrash() throws {
        var inputs = EDIFACTAndCSVTestFiles.fixtures("iftsta", extension: "edifact").compactMap { try? Data(contentsOf: $0) }
        inputs += EDIFACTAndCSVTestFiles.iftstaSamples.compactMap { try? Data(contentsOf: $0) }
        inputs += EDIFACTAndCSVTestFiles.realWorldIFTSTA.compactMap { try? Data(contentsOf: $0) }
        var generator = SeededGenerator(seed: 0x1F75_7A)
        let alphabet = Array("+:'?*|~!UNHTSCI0129 \n".utf8)
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
                do {
                    let read = try IFTSTAReader.read(Data(bytes), fileName: "fuzz")
                    for shipment in read.result.shipments {
                        #expect(!shipment.trackingNumber.isEmpty)
                        #expect(shipment.events.map(\.sequence) == Array(shipment.events.indices))
                    }
                } catch {
                    #expect(!error.reason.isEmpty)
                }
            }
        }
    }
}
