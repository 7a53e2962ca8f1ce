import Foundation
import Testing
import WaybillTestSupport
import WaybillCarriers
import WaybillCore
@testable import WaybillFeeds

/// The shapes real IFTSTA senders use beside the textbook one: parcel numbers in RFF, codes in
/// C601, texts in the reasons, signatories, new delivery dates, repeated blocks, concatenated
/// interchanges, ISO 8859-1 with CRLF.
@Suite("EDIFACT IFTSTA variants")
struct IFTSTAVariantTests {
    func read(_ name: String) throws -> IFTSTARead {
        try IFTSTAReader.read(try EDIFACTAndCSVTestFiles.fixture("iftsta", name), fileName: name)
    }

    @Test func quantumViewParcelNumbersInRFFAndCodesInTheCategory() throws {
        let read = try read("quantum_view_d07b_rff_parcels.edifact")
        #expect(read.report.isClean, "\(read.report.lines)")
        // RFF+CW before an empty CNI+1; the fourth message repeats the third: read once.
        #expect(read.result.shipments.map(\.trackingNumber) == ["1ZW4Y8116800000017", "1ZW4Y8116800000026", "1ZW4Y8116800000035"])
        let delivered = read.result.shipments[0]
        #expect(delivered.events.map(\.carrierCode) == ["D2:21"])
        #expect(delivered.state.status == .delivered)
        #expect(delivered.events[0].location == Location(city: "FLENSBURG", country: "DE"))
        #expect(delivered.events[0].occurredAt == utc("2026-11-20T09:15:12Z"))
        #expect(delivered.deliveredAt == utc("2026-11-20T09:15:12Z"))
        // Qualifiers that describe the event are not the merchant's references.
        #expect(delivered.references.isEmpty)

        let held = read.result.shipments[1].events[0]
        #expect(held.carrierCode == "E1:101")
        #expect(held.carrierDescription == "DELIVERY WILL BE RESCHEDULED. RESOLUTION THE RECEIVER ASKED FOR A FUTURE DELIVERY DATE. REASON")
        #expect(held.substatus == .deliveryRescheduled)
        #expect(held.occurredAt == utc("2026-11-20T07:10:00Z"))

        let scheduled = read.result.shipments[2]
        #expect(scheduled.events.count == 1)
        #expect(scheduled.events[0].substatus == .inTransitToDestination)
        #expect(scheduled.events[0].occurredAt == nil)
        #expect(scheduled.events[0].localTime?.description == "2026-11-20T06:00:00")
        // DTM+67 (delivery date, current schedule) is the estimate.
        #expect(scheduled.estimatedDelivery?.earliest.local?.description == "2026-11-21")
    }

    @Test func dachserTextsSignatoryAndNewDeliveryDate() throws {
        let read = try read("dachser_latin1_crlf_signatory_new_date.edifact")
        #expect(read.report.isClean, "\(read.report.lines)")
        let shipments = read.result.shipments
        #expect(shipments.map(\.trackingNumber) == ["01099900001", "01099900002", "01099900003"])
        // 45 arrived at the transshipment terminal: nothing for the customer to do.
        let arrived = shipments[0].events[0]
        #expect(arrived.status == .inTransit)
        #expect(arrived.substatus == .arrivedFacility)
        #expect(!arrived.actionRequired)
        #expect(arrived.carrierDescription == "EINGANG UMSCHLAGTERMINAL")
        #expect(arrived.location == Location(city: "LÜBECK", postalCode: "23560", country: "DE"))
        #expect(arrived.occurredAt == utc("2026-11-19T08:00:00Z"))
        #expect(shipments[0].references == ["2006999001"])
        // NAD+AP names who accepted the goods.
        #expect(shipments[1].state.status == .delivered)
        #expect(shipments[1].signedBy == "HR. MÜLLER")
        #expect(shipments[1].events[0].signedBy == "HR. MÜLLER")
        // 56: not delivered, notice left; DTM+76 (and its FTX restatement) is the new date.
        let failed = shipments[2]
        #expect(failed.events.map(\.status) == [.attemptFailed])
        #expect(failed.events[0].carrierDescription == "KEINE ZUSTELLUNG - AVIS")
        #expect(failed.estimatedDelivery?.earliest.local?.description == "2026-11-23")
        #expect(failed.signedBy == nil)
    }

    @Test func concatenatedInterchangesEachWithTheirOwnServiceString() throws {
        let body = "UNA:+.? 'UNB+UNOC:3+S+R+261120:1000+A1'UNH+1+IFTSTA:D:96A:UN'CNI+1+K1'STS+1+24'DTM+78:202611200900?+01:303'UNT+5+1'UNZ+1+A1'"
            + "UNA|*.? ~UNB*UNOC|3*S*R*261120|1100*A2~UNH*1*IFTSTA|D|96A|UN~CNI*1*K1~STS*1*21~DTM*78|202611201030+01|303~UNT*5*1~UNZ*1*A2~"
        let read = try IFTSTAReader.read(Data(body.utf8), fileName: "two.edi")
        #expect(read.report.isClean, "\(read.report.lines)")
        let shipment = try #require(read.result.shipments.first)
        #expect(read.result.shipments.count == 1)
        #expect(shipment.events.map(\.carrierCode) == ["24", "21"])
        #expect(shipment.deliveredAt == utc("2026-11-20T09:30:00Z"))
    }

    @Test func aMessageWithoutEnvelopeIsSniffedAndRead() throws {
        let body = Data("UNH+M1+IFTSTA:D:01B:UN:EAN004'\r\nCNI+1+X7'\r\nSTS+1+21'\r\nUNT+4+M1'\r\n".utf8)
        #expect(IFTSTAFormat().sniff(body) > 0.9)
        let result = try IFTSTAFormat().parse(body)
        #expect(result.shipments.map(\.trackingNumber) == ["X7"])
        #expect(result.notices.contains { $0.kind == .warning && $0.message == "no UNB interchange header" && $0.path == "segment 1 (UNH)" })
    }

    @Test func anInterchangeWithoutShipmentsSaysWhy() throws {
        let noNumber = try IFTSTAFormat().parse(Data("UNB+UNOC:3+S+R+261120:1000+A1'UNH+1+IFTSTA:D:96A:UN'CNI+1'STS+1+21'UNT+4+1'UNZ+1+A1'".utf8))
        #expect(noNumber.shipments.isEmpty)
        #expect(noNumber.notices.contains { $0.kind == .warning && $0.message.contains("have no number") })
        let otherMessage = try IFTSTAFormat().parse(Data("UNB+UNOC:3+S+R+261120:1000+A1'UNH+1+INVOIC:D:96A:UN'BGM+380'UNT+3+1'UNZ+1+A1'".utf8))
        #expect(otherMessage.notices.contains { $0.message.contains("not IFTSTA status reports") })
    }

    @Test func datesThatDoNotFitTheirFormatAreReadByShapeAndReported() throws {
        let body = "UNB+UNOA:2+S+R+210722:0950+1'UNH+1+IFTSTA:D:97A:UN'DTM+137:202107220950?+0100:203'CNI+1+A'STS+1:BKD'DTM+145:20210715192700:203'LOC+14+DEFRA:139:6'UNT+7+1'UNZ+1+1'"
        let read = try IFTSTAReader.read(Data(body.utf8), fileName: "dbs.edi")
        let event = try #require(read.result.shipments.first?.events.first)
        #expect(event.status == .infoReceived)
        #expect(event.occurredAt == utc("2021-07-15T17:27:00Z"))
        #expect(read.report.issues.map(\.reason).contains("DTM+145: \"20210715192700\" does not fit format 203; read as format 204"))
        #expect(read.report.issues.map(\.reason).contains("DTM+137: \"202107220950+0100\" does not fit format 203; read as format 205"))
    }

    @Test func lineBreaksStandInForAMissingTerminator() throws {
        let body = Data("UNB+UNOC:3+S+R+261120:1000+A1\r\nUNH+1+IFTSTA:D:96A:UN\r\nCNI+1+L1\r\nSTS+1+21\r\nUNT+4+1\r\nUNZ+1+A1\r\n".utf8)
        let read = try IFTSTAReader.read(body, fileName: "lines.edi")
        #expect(read.result.shipments.map(\.trackingNumber) == ["L1"])
        #expect(read.result.shipments.first?.events.first?.carrierCode == "21")
        #expect(read.report.issues.map(\.reason) == ["no \"'\" segment terminator; line breaks read as terminators"])
    }

    @Test func aFileImportReportsEachSegmentIssueOnce() throws {
        let data = try EDIFACTAndCSVTestFiles.fixture("iftsta", "unt_mismatch_and_bad_segments.edifact")
        let read = FeedFileReader.read(data, fileName: "bad.edi")
        #expect(read.issues.count == 4)
        #expect(read.issues.allSatisfy { $0.hasPrefix("bad.edi: segment ") })
        #expect(read.result.notices.isEmpty)
        #expect(try IFTSTAFormat().parse(data).notices.count == 4)
    }

    @Test func placeholderSignatoriesAreNotNames() {
        #expect(SignatoryName.cleaned("Signature not required") == nil)
        #expect(SignatoryName.cleaned(" N/A ") == nil)
        #expect(SignatoryName.cleaned("-") == nil)
        #expect(SignatoryName.cleaned("Herr Walter") == "Herr Walter")
    }
}
