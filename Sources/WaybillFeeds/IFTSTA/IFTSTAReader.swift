import Foundation
import WaybillCarriers
import WaybillCore

/// Reads EDIFACT IFTSTA interchanges (D.96A–D.07B, EANCOM; standards.md §1.5) into
/// shipments: one per consignment number (CNI02, else a parcel number in RFF), events from its
/// STS groups. Bad segments are reported with their number, tag and reason; everything readable
/// is kept.
public enum IFTSTAReader {
    static let formatID = "iftsta"

    /// Throws only when `data` is not EDIFACT at all.
    public static func read(_ data: Data, fileName: String) throws(CarrierParseError) -> IFTSTARead {
        let tokens = EDIFACTTokenizer.tokenize(data)
        guard let first = tokens.segments.first, first.tag == "UNB" || first.tag == "UNH" else {
            throw CarrierParseError(carrier: formatID, location: "segment 1",
                                    reason: "not an EDIFACT interchange: expected UNA, UNB or UNH at the start")
        }
        var walker = IFTSTAWalker()
        if first.tag == "UNH" {
            walker.recordMissingUNB()
        }
        for segment in tokens.segments { walker.consume(segment) }
        walker.finish()
        let issues = (tokens.issues + walker.issues).sorted { $0.segment < $1.segment }
        let shipments = IFTSTAShipmentBuilder.shipments(from: walker.consignments)
        let report = IFTSTAReport(fileName: fileName, issues: issues, messageCount: walker.messageCount)
        var notices = issues.map { CarrierNotice.warning($0.reason, path: "segment \($0.segment) (\($0.tag))") }
        if shipments.isEmpty {
            notices.append(.warning(emptyReason(messages: walker.messageCount, consignments: walker.consignments.count, issues: issues),
                                    path: nil))
        }
        return IFTSTARead(result: CarrierParseResult(shipments: shipments, notices: notices), report: report)
    }

    /// Why an interchange gave no shipment, in words an operator can act on.
    static func emptyReason(messages: Int, consignments: Int, issues: [IFTSTAIssue]) -> String {
        if messages == 0 { return "no shipment read: the interchange holds no UNH message" }
        let skipped = issues.filter { $0.tag == "CNI" }.count
        if skipped > 0 {
            return "no shipment read: \(skipped) consignment(s) have no number (CNI02 or a parcel RFF)"
        }
        if issues.contains(where: { $0.tag == "UNH" && $0.reason.contains("not IFTSTA") }) {
            return "no shipment read: the messages are not IFTSTA status reports"
        }
        return "no shipment read: the messages hold no CNI consignment with a status"
    }
}
