import Foundation
import Testing
import WaybillTestSupport
import WaybillCarriers
import WaybillCore
@testable import WaybillFeeds

@Suite("X12 214")
struct X12Tests {
    let format = X12214Format()
    static let ackTime = LocalDateTime(year: 2026, month: 6, day: 15, time: .init(hour: 12, minute: 34))!.instant(atOffset: UTCOffset(seconds: 0))
    static let numbers = X12Acknowledgment.ControlNumbers(interchange: 900, firstGroup: 70, date: ackTime)

    static func read(_ data: Data, _ name: String) -> X12ReadResult {
        X12Reader.read(data, fileName: name, controlNumbers: numbers)
    }

    /// A 997 cut into segments of elements.
    static func segments(_ text: String, element: Character = "*", terminator: Character = "~") -> [[String]] {
        text.split(separator: terminator).map { $0.split(separator: element, omittingEmptySubsequences: false).map(String.init) }
    }

    static func joined(_ segments: [[String]], _ id: String) -> [String] {
        segments.filter { $0.first == id }.map { $0.joined(separator: "*") }
    }

    static func instant(_ text: String) -> Date? { Timestamp.parse(text)?.date }

    // MARK: Goldens

    @Test(.enabled(if: X12TestFiles.samplesAvailable, X12TestFiles.samplesMissing))
    func sharedSamplesMatchGoldens() throws {
        let samples = X12TestFiles.samples
        #expect(samples.count >= 3)
        for url in samples {
            let read = Self.read(try Data(contentsOf: url), url.lastPathComponent)
            #expect(read.report.unreadable == nil, "\(url.lastPathComponent)")
            #expect(!read.result.shipments.isEmpty, "\(url.lastPathComponent)")
            try X12TestFiles.golden.expect(read.result, format: X12TestFiles.format, name: url.lastPathComponent)
        }
    }

    @Test func fixturesMatchGoldens() throws {
        let fixtures = X12TestFiles.fixtures
        #expect(fixtures.count == 7)
        for url in fixtures {
            let result = try format.parse(try Data(contentsOf: url))
            try X12TestFiles.golden.expect(result, format: X12TestFiles.format, name: url.lastPathComponent)
        }
    }

    /// Our 997s pass our own envelope checks (ISA width, SE/GE/IEA counts and control numbers).
    @Test func acknowledgmentsAreWellFormedX12() throws {
        for url in X12TestFiles.fixtures + X12TestFiles.samples {
            for ack in Self.read(try Data(contentsOf: url), url.lastPathComponent).acknowledgments {
                var reader = X12EnvelopeReader(fileName: "997")
                let (interchanges, unreadable) = reader.read(Data(ack.text.utf8))
                #expect(unreadable == nil)
                #expect(reader.issues.isEmpty, "\(url.lastPathComponent): \(reader.issues)")
                #expect(interchanges.first?.groups.allSatisfy { $0.functionalID == "FA" } == true)
            }
        }
    }

    // MARK: Real samples

    @Test(.enabled(if: X12TestFiles.samplesAvailable, X12TestFiles.samplesMissing))
    func staediEllipsisTerminatorCountsCharactersNotBytes() throws {
        let read = Self.read(try X12TestFiles.sample("staedi_ts214_ellipsis_segterm.edi"), "staedi")
        let interchange = try #require(read.interchanges.first)
        #expect(interchange.delimiters == X12Delimiters(element: "*", component: ">", segment: "…"))
        #expect(read.report.isClean)
        let shipment = try #require(read.result.shipments.first)
        #expect(shipment.trackingNumber == "0542550913")
        #expect(shipment.references == ["7727019", "900169"])
        // AG is the estimated delivery (11:59 Eastern, EDT in September), not an event.
        #expect(shipment.estimatedDelivery?.earliest.instant == Self.instant("2020-09-11T15:59:00Z"))
        #expect(shipment.estimatedDelivery?.earliest.zoneSource == .carrierOffset)
        #expect(shipment.events.map(\.carrierCode) == ["AF"])
        #expect(shipment.events[0].utcOffset == UTCOffset(seconds: -4 * 3600))
        #expect(shipment.events[0].substatus == .pickedUp)

        let ack = try #require(read.acknowledgments.first?.text)
        #expect(ack.hasPrefix("ISA*00*          *00*          *ZZ*DDDDDD         *ZZ*XXXX           *260615*1234*U*00400*000000900*0*P*>…"))
        let segments = Self.segments(ack, terminator: "…")
        #expect(Self.joined(segments, "GS") == ["GS*FA*DDDDDD*XXXX*20260615*1234*70*X*004010"])
        #expect(Self.joined(segments, "AK1") == ["AK1*QM*75776"])
        #expect(Self.joined(segments, "AK2") == ["AK2*214*757760001"])
        #expect(Self.joined(segments, "AK5") == ["AK5*A"])
        #expect(Self.joined(segments, "AK9") == ["AK9*A*1*1*1"])
        #expect(Self.joined(segments, "SE") == ["SE*6*0001"])
        #expect(Self.joined(segments, "IEA") == ["IEA*1*000000900"])
    }

    @Test(.enabled(if: X12TestFiles.samplesAvailable, X12TestFiles.samplesMissing))
    func fedexGroundSampleReportsTheGECountAndReadsNumericTimeCode() throws {
        let read = Self.read(try X12TestFiles.sample("stedi_bootstrap_fedex_ground_214.edi"), "fedex.edi")
        let shipment = try #require(read.result.shipments.first)
        #expect(shipment.trackingNumber == "770012873772")
        // AT707 20 is ISO M05: −05:00.
        let x6 = try #require(shipment.events.first { $0.carrierCode == "X6" })
        #expect(x6.utcOffset == UTCOffset(seconds: -5 * 3600))
        #expect(x6.occurredAt == Self.instant("2022-09-29T08:55:00Z"))
        #expect(x6.zoneSource == .carrierOffset)
        #expect(x6.location == Location(city: "ADRIAN", region: "MN", country: "US"))
        // AG with 0000 and no time code: a date, never a midnight instant.
        #expect(shipment.estimatedDelivery?.earliest.instant == nil)
        #expect(shipment.estimatedDelivery?.earliest.local == LocalDateTime(year: 2022, month: 9, day: 29))

        let issue = try #require(read.report.issues.first { $0.segmentID == "GE" })
        #expect(issue.fileName == "fedex.edi")
        #expect(issue.reason.contains("GE01 says 237"))
        let segments = Self.segments(try #require(read.acknowledgments.first?.text))
        #expect(segments.first?.last == "^")
        #expect(Self.joined(segments, "AK5") == ["AK5*A"])
        #expect(Self.joined(segments, "AK9") == ["AK9*E*237*1*1*5"])
    }

    @Test(.enabled(if: X12TestFiles.samplesAvailable, X12TestFiles.samplesMissing))
    func canadaPostSampleHasOneShipmentPerParcel() throws {
        let read = Self.read(try X12TestFiles.sample("omniparser_canadapost_214.edi"), "canadapost")
        #expect(read.report.isClean, "\(read.report.issues)")
        // 19 transaction sets, but 4343638316026577 is in three and 4343638151403540 in two.
        #expect(read.result.shipments.count == 16)
        #expect(Set(read.result.shipments.map(\.trackingNumber)).count == 16)
        let repeated = try #require(read.result.shipments.first { $0.trackingNumber == "4343638316026577" })
        #expect(repeated.events.map(\.sequence) == Array(repeated.events.indices))
        #expect(read.result.shipments[0].trackingNumber == "4343638097845589") // trailing blanks trimmed
        // Empty AT707: local time of WRENCH, ON (Toronto), after DST ended that morning.
        let first = try #require(read.result.shipments[0].events.first)
        #expect(first.zoneSource == .location)
        #expect(first.utcOffset == UTCOffset(seconds: -5 * 3600))
        // MT in Alberta the day before DST ended: Edmonton, −06:00.
        let delivered = try #require(read.result.shipments[3].events.first)
        #expect(delivered.status == .delivered)
        #expect(delivered.occurredAt == Self.instant("2019-11-02T22:48:00Z"))
        // CA with reason BT: cancelled, not returned.
        #expect(read.result.shipments[2].events.first?.substatus == .cancelled)

        let segments = Self.segments(try #require(read.acknowledgments.first?.text), terminator: "\n")
        #expect(Self.joined(segments, "AK2").count == 19)
        #expect(Self.joined(segments, "AK5").allSatisfy { $0 == "AK5*A" })
        #expect(Self.joined(segments, "AK9") == ["AK9*A*19*19*19"])
        #expect(Self.joined(segments, "SE") == ["SE*42*0001"])
    }

    // MARK: Own fixtures

    @Test func severalInterchangesGroupsAndSets() throws {
        let read = Self.read(try X12TestFiles.fixture("multiple_envelopes.edi"), "multi.edi")
        #expect(read.report.isClean, "\(read.report.issues)")
        #expect(read.interchanges.map(\.controlNumber) == ["000000101", "000000102"])
        #expect(read.interchanges[0].groups.map(\.controlNumber) == ["1001", "1002"])
        #expect(read.result.shipments.map(\.trackingNumber) == ["PRO1001", "PRO1002", "PRO1003", "PRO1004"])

        // Listed newest first in the file; normalized oldest first.
        let first = read.result.shipments[0]
        #expect(first.events.map(\.carrierCode) == ["AF", "X6", "D1"])
        #expect(first.events.map(\.sequence) == [0, 1, 2])
        #expect(first.references == ["SHIP-A", "PO-555", "BOL-9"])
        #expect(first.state.status == .delivered)
        // LT: the local time of Atlanta (EDT in June), resolved from the location.
        #expect(first.events[2].zoneSource == .location)
        #expect(first.events[2].occurredAt == Self.instant("2026-06-10T18:32:00Z"))

        let attempt = try #require(read.result.shipments[1].events.first)
        #expect(attempt.status == .attemptFailed)
        #expect(attempt.reason == .addressIncorrect)
        #expect(attempt.actionRequired)
        // ES is Eastern Standard, fixed −05:00 even in June.
        #expect(attempt.occurredAt == Self.instant("2026-06-11T15:05:00Z"))
        #expect(read.result.shipments[2].events.first?.location?.country == "US") // MS103 "USA"
        #expect(read.result.shipments[3].state.status == .returnedToSender)

        #expect(read.acknowledgments.map(\.interchangeControlNumber) == ["000000101", "000000102"])
        let first997 = Self.segments(read.acknowledgments[0].text)
        #expect(first997[0][13] == "000000900")
        #expect(first997[0][6] == "MERCHANT       " && first997[0][8] == "ABCD           ")
        #expect(Self.joined(first997, "GS").map { $0.split(separator: "*")[6] } == ["70", "71"])
        #expect(Self.joined(first997, "AK1") == ["AK1*QM*1001", "AK1*QM*1002"])
        #expect(Self.joined(first997, "AK2") == ["AK2*214*0001", "AK2*214*0002", "AK2*214*0003"])
        #expect(Self.joined(first997, "AK9") == ["AK9*A*2*2*2", "AK9*A*1*1*1"])
        #expect(Self.joined(first997, "GE") == ["GE*1*70", "GE*1*71"])
        #expect(Self.joined(first997, "IEA") == ["IEA*2*000000900"])
        let second997 = Self.segments(read.acknowledgments[1].text)
        #expect(second997[0][13] == "000000901")
        #expect(Self.joined(second997, "GE") == ["GE*1*72"])
    }

    @Test func countMismatchesRejectTheSetAndAreReported() throws {
        let read = Self.read(try X12TestFiles.fixture("count_mismatch.edi"), "counts.edi")
        #expect(read.result.shipments.map(\.trackingNumber) == ["PRO2002"])
        let notice = try #require(read.result.notices.first)
        #expect(notice.trackingNumber == "PRO2001")
        #expect(notice.kind == .error)

        let issues = read.report.issues
        #expect(issues.contains { $0.segmentNumber == 8 && $0.segmentID == "SE" && $0.transactionSetControlNumber == "0001" && $0.reason.contains("SE01 says 9") })
        #expect(issues.contains { $0.segmentID == "GE" && $0.reason.contains("GE01 says 3 transaction sets but the group has 2") })
        #expect(issues.contains { $0.segmentID == "IEA" && $0.reason.contains("IEA01 says 2") })

        let segments = Self.segments(try #require(read.acknowledgments.first?.text))
        #expect(Self.joined(segments, "AK5") == ["AK5*R*4", "AK5*A"])
        #expect(Self.joined(segments, "AK9") == ["AK9*P*3*2*1*5"])
    }

    @Test func unknownAT7CodesAreFlaggedUnmappedAndKept() throws {
        let read = Self.read(try X12TestFiles.fixture("unknown_code.edi"), "unknown.edi")
        #expect(read.report.isClean)
        #expect(read.result.unmappedEventCount == 1)
        let events = try #require(read.result.shipments.first).events
        #expect(events.map(\.carrierCode) == ["XB", "QZ", "D1"])
        #expect(events[1].substatus == .unmapped)
        #expect(events[1].status == .infoReceived) // the status before it
        #expect(events[2].status == .delivered)
        #expect(events[2].carrierDescription?.contains("reason ZX: unknown reason code") == true)
        let segments = Self.segments(try #require(read.acknowledgments.first?.text))
        #expect(Self.joined(segments, "AK5") == ["AK5*A"]) // a code we do not know is not a syntax error
    }

    @Test func eachInterchangeUsesItsOwnDelimitersAndIsAnsweredInThem() throws {
        let read = Self.read(try X12TestFiles.fixture("different_delimiters.edi"), "delims.edi")
        #expect(read.report.isClean, "\(read.report.issues)")
        #expect(read.interchanges.map(\.delimiters) == [
            X12Delimiters(element: "*", component: ">", segment: "~"),
            X12Delimiters(element: "|", component: ":", segment: "'", repetition: "^"),
        ])
        #expect(read.result.shipments.map(\.trackingNumber) == ["PRO4001", "PRO4002"])
        let pickup = try #require(read.result.shipments[1].events.first)
        #expect(pickup.status == .availableForPickup)
        #expect(pickup.actionRequired)
        #expect(read.result.shipments[1].alternateTrackingNumbers == ["CARRIER-PRO-77"])

        let ack = read.acknowledgments[1].text
        #expect(ack.hasPrefix("ISA|00|"))
        #expect(ack.hasSuffix("IEA|1|000000901'"))
        let segments = Self.segments(ack, element: "|", terminator: "'")
        #expect(segments[0][11] == "^" && segments[0][12] == "00501" && segments[0][16] == ":")
        #expect(segments.map { $0.joined(separator: "*") }.contains("AK1*QM*5002*005010"))
    }

    @Test func timeCodesWithAZoneAndWithoutOne() throws {
        let read = Self.read(try X12TestFiles.fixture("time_zones.edi"), "tz.edi")
        let shipment = try #require(read.result.shipments.first)
        let byCode = Dictionary(uniqueKeysWithValues: shipment.events.map { ($0.carrierCode ?? "", $0) })
        #expect(shipment.events.map(\.carrierCode) == ["AF", "P1", "X4", "AJ"])
        // MT in Arizona: Phoenix, no DST, so −07:00 in July.
        #expect(byCode["AF"]?.utcOffset == UTCOffset(seconds: -7 * 3600))
        #expect(byCode["AF"]?.zoneSource == .carrierOffset)
        #expect(byCode["AF"]?.occurredAt == Self.instant("2026-07-15T15:00:00Z"))
        // UT: the instant is the carrier's UTC; the wall clock is Albuquerque's.
        #expect(byCode["P1"]?.zoneSource == .carrierUTC)
        #expect(byCode["P1"]?.occurredAt == Self.instant("2026-07-15T19:00:00Z"))
        #expect(byCode["P1"]?.localTime == LocalDateTime(parsing: "2026-07-15T13:00:00"))
        // No time code: local time of Denver (country inferred from the state), MDT.
        #expect(byCode["X4"]?.zoneSource == .location)
        #expect(byCode["X4"]?.occurredAt == Self.instant("2026-07-16T12:30:00Z"))
        #expect(byCode["X4"]?.location?.country == "US")
        // LT without a place: no instant, the wall clock kept, never labelled UTC.
        #expect(byCode["AJ"]?.zoneSource == .unknown)
        #expect(byCode["AJ"]?.occurredAt == nil)
        #expect(byCode["AJ"]?.localTime == LocalDateTime(parsing: "2026-07-16T09:00:00"))
        #expect(shipment.estimatedDelivery?.earliest.local == LocalDateTime(year: 2026, month: 7, day: 17))
    }

    @Test func badSegmentInTheMiddleKeepsTheGoodSets() throws {
        let read = Self.read(try X12TestFiles.fixture("bad_segment.edi"), "bad.edi")
        #expect(read.result.shipments.map(\.trackingNumber) == ["PRO6001", "PRO6003"])
        #expect(read.result.notices.map(\.trackingNumber) == ["PRO6002"])
        // The AT7 with month 13 is set aside; the set's other event stays.
        #expect(read.result.shipments[1].events.map(\.carrierCode) == ["X6"])

        let wrong = try #require(read.report.issues.first { $0.segmentID == "WRONG" })
        #expect(wrong.segmentNumber == 16)
        #expect(wrong.fileName == "bad.edi")
        #expect(wrong.transactionSetControlNumber == "0002")
        #expect(wrong.reason.contains("unrecognized segment"))
        let date = try #require(read.report.issues.first { $0.segmentID == "AT7" })
        #expect(date.segmentNumber == 22)
        #expect(date.reason.contains("20261345"))

        let segments = Self.segments(try #require(read.acknowledgments.first?.text))
        #expect(Self.joined(segments, "AK3") == ["AK3*WRONG*5**1", "AK3*AT7*4**8"])
        #expect(Self.joined(segments, "AK4") == ["AK4*5**8*20261345"])
        #expect(Self.joined(segments, "AK5") == ["AK5*A", "AK5*R*5", "AK5*E*5"])
        #expect(Self.joined(segments, "AK9") == ["AK9*P*3*3*2"])
        #expect(Self.joined(segments, "SE") == ["SE*13*0001"])
    }

    /// A fixed-width ISA with `*`, `>` and `~`.
    static func isa(_ control: String) -> String {
        "ISA*00*          *00*          *ZZ*ABCD           *ZZ*MERCHANT       *260615*1200*U*00401*\(control)*0*P*>~"
    }

    @Test func missingTrailersRejectTheSetAndFlagTheGroup() throws {
        let text = Self.isa("000000701") + "GS*QM*ABCD*MERCHANT*20260615*1200*801*X*004010~ST*214*0001~B10*PRO7001**ABCD~LX*1~"
            + "AT7*D1*NS***20260615*1000*ET~"
        #expect(Self.isa("000000701").unicodeScalars.count == 106)
        let read = Self.read(Data(text.utf8), "cut.edi")
        #expect(read.result.shipments.isEmpty)
        #expect(read.result.notices.map(\.trackingNumber) == ["PRO7001"])
        #expect(read.report.issues.map(\.reason).contains { $0.contains("no SE trailer") })
        #expect(read.report.issues.map(\.reason).contains { $0.contains("no GE trailer") })
        #expect(read.report.issues.map(\.reason).contains { $0.contains("no IEA trailer") })
        let segments = Self.segments(try #require(read.acknowledgments.first?.text))
        #expect(Self.joined(segments, "AK5") == ["AK5*R*2"])
        #expect(Self.joined(segments, "AK9") == ["AK9*R*1*1*0*3"])
    }

    @Test func otherTransactionSetsAreRejectedAndReceived997sAreNotAnswered() throws {
        let text = Self.isa("000000702") + "GS*QM*ABCD*MERCHANT*20260615*1200*802*X*004010~ST*210*0001~B3**PRO1~SE*3*0001~GE*1*802~IEA*1*000000702~"
            + Self.isa("000000703") + "GS*FA*ABCD*MERCHANT*20260615*1200*803*X*004010~ST*997*0001~AK1*QM*70~AK9*A*1*1*1~SE*4*0001~GE*1*803~IEA*1*000000703~"
        let read = Self.read(Data(text.utf8), "other.edi")
        #expect(read.result.shipments.isEmpty)
        #expect(read.interchanges.count == 2)
        #expect(read.acknowledgments.map(\.interchangeControlNumber) == ["000000702"])
        let segments = Self.segments(read.acknowledgments[0].text)
        #expect(Self.joined(segments, "AK2") == ["AK2*210*0001"])
        #expect(Self.joined(segments, "AK5") == ["AK5*R*1"])
        #expect(Self.joined(segments, "AK9") == ["AK9*R*1*1*0"])
        #expect(read.report.issues.contains { $0.reason.contains("not a 214") })
        #expect(read.report.issues.contains { $0.reason.contains("GS01 FA") })
    }

    // MARK: Adapter

    @Test func notX12IsAnErrorAndX12IsSniffed() throws {
        #expect(throws: CarrierParseError.self) { try format.parse(Data("{\"a\":1}".utf8)) }
        #expect(throws: CarrierParseError.self) { try format.parse(Data()) }
        #expect(throws: CarrierParseError.self) { try format.parse(Data("ISA*00*   ".utf8)) }
        #expect(format.sniff(Data("{\"a\":1}".utf8)) == 0)
        #expect(format.sniff(try X12TestFiles.fixture("multiple_envelopes.edi")) >= 0.9)
        #expect(format.sniff(Data("\u{FEFF}\nISA*00*".utf8)) > 0)
        #expect(FeedRegistry.format(id: "x12_214") is X12214Format)
    }

    @Test func timeCodesFollowElement623() {
        #expect(X12TimeCode("20") == .offset(UTCOffset(seconds: -5 * 3600)))
        #expect(X12TimeCode("13") == .offset(UTCOffset(seconds: -12 * 3600)))
        #expect(X12TimeCode("24") == .offset(UTCOffset(seconds: -3600)))
        #expect(X12TimeCode("01") == .offset(UTCOffset(seconds: 3600)))
        #expect(X12TimeCode("27") == .offset(UTCOffset(seconds: 5 * 3600 + 1800)))
        #expect(X12TimeCode("NS") == .offset(UTCOffset(seconds: -(3 * 3600 + 1800))))
        #expect(X12TimeCode("CD") == .offset(UTCOffset(seconds: -5 * 3600)))
        #expect(X12TimeCode("AT") == .family("AT"))
        #expect(X12TimeCode("UT") == .utc && X12TimeCode("GM") == .utc)
        #expect(X12TimeCode("LT") == .local && X12TimeCode("") == .local && X12TimeCode(nil) == .local)
        #expect(X12TimeCode("XX") == nil && X12TimeCode("30") == nil)
    }

    @Test func mappingTableIsComplete() {
        let table = X12214Format.table
        #expect(Set(table.entries.map(\.code)).count == table.entries.count)
        #expect(table.entries.allSatisfy { !$0.meaning.isEmpty })
        #expect(table.entry(for: "D1")?.status == .delivered)
        #expect(table.entry(for: "A3")?.status == .returnedToSender)
        #expect(table.entry(for: "AF")?.substatus == .pickedUp)
        #expect(X12214Format.reasons["A3"]?.meaning == "Indirect Delivery") // not AT701's "returned"
    }

    @Test func referencesSignaturesAndRepeatedStatuses() throws {
        let read = Self.read(try X12TestFiles.fixture("references_signature_duplicates.edi"), "refs.edi")
        #expect(read.report.isClean, "\(read.report.issues)")
        #expect(read.result.shipments.map(\.trackingNumber) == ["TRK70001", "PRO5002"])
        let first = read.result.shipments[0]
        // B10 has no number: the L11 tracking number (2I) stands in; N9 is a reference too.
        #expect(first.references == ["PO-5501"])
        // The X6 sent twice is one event; K1 names who signed for the delivery.
        #expect(first.events.map(\.carrierCode) == ["AF", "X6", "D1"])
        #expect(first.signedBy == "J RIVERA")
        #expect(first.events[2].signedBy == "J RIVERA")
        #expect(first.deliveredAt == Self.instant("2026-07-02T18:05:00Z"))
        let second = read.result.shipments[1]
        #expect(second.signedBy == nil) // "SIGNATURE NOT REQUIRED" is not a name
        #expect(second.state.status == .delivered)
        #expect(second.estimatedDelivery?.earliest.local?.description == "2026-07-05")
        #expect(X12References.signatory(in: ["POD NAME", "-"]) == nil)
        #expect(X12References.signatory(in: ["RECEIVED BY=ANNA K"]) == "ANNA K")
    }

    // MARK: Fuzz

    @Test func mutatedFilesNeverCrash() throws {
        var generator = SeededGenerator(seed: 0x214)
        let files = X12TestFiles.fixtures + X12TestFiles.samples
        #expect(!files.isEmpty)
        let alphabet = Array("*~>^|':\n\r0123456789ISAGSTEQMBX".utf8)
        for file in files {
            let original = [UInt8](try Data(contentsOf: file))
            var variants: [[UInt8]] = []
            for step in 1...16 { variants.append(Array(original.prefix(original.count * step / 17))) }
            for _ in 0..<48 {
                var mutated = original
                for _ in 0..<Int.random(in: 1...4, using: &generator) {
                    guard !mutated.isEmpty else { break }
                    let index = Int.random(in: 0..<mutated.count, using: &generator)
                    switch Int.random(in: 0..<4, using: &generator) {
                    case 0: mutated[index] = UInt8.random(in: 0...255, using: &generator)
                    case 1: mutated.remove(at: index)
                    case 2: mutated.insert(alphabet.randomElement(using: &generator)!, at: index)
                    default: mutated[index] = alphabet.randomElement(using: &generator)!
                    }
                }
                variants.append(mutated)
            }
            for variant in variants {
                let read = X12Reader.read(Data(variant), fileName: file.lastPathComponent, controlNumbers: Self.numbers)
                #expect(read.report.unreadable != nil || !read.interchanges.isEmpty)
                #expect(read.report.issues.allSatisfy { !$0.reason.isEmpty })
                #expect(read.acknowledgments.allSatisfy { $0.text.hasPrefix("ISA") })
                do {
                    _ = try format.parse(Data(variant))
                } catch {
                    #expect(!error.reason.isEmpty)
                }
            }
        }
    }
}

