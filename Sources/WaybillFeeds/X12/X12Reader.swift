import Foundation
import WaybillCarriers

/// Everything read from an X12 file.
public struct X12ReadResult: Sendable {
    /// The shipments of the accepted transaction sets (one per ST/SE), and a notice per rejected set.
    public var result: CarrierParseResult
    /// The interchanges as received, with the envelope checks' findings.
    public var interchanges: [X12Interchange]
    /// One 997 per interchange that has something to acknowledge.
    public var acknowledgments: [Acknowledgment]
    /// The bad segments and envelope mismatches (file, segment number, segment id, reason).
    public var report: X12Report

    public struct Acknowledgment: Sendable, Hashable {
        /// ISA13 of the interchange answered.
        public var interchangeControlNumber: String
        /// The 997 interchange, ready to send.
        public var text: String
    }
}

/// Reads X12 214 files (004010 and later): several interchanges, groups and transaction sets
/// per file, each interchange with its own delimiters.
public enum X12Reader {
    /// - Parameters:
    ///   - fileName: the name reported with each issue.
    ///   - controlNumbers: the control numbers of the first 997; each further interchange's
    ///     acknowledgment takes the next interchange number and continues the group numbers.
    public static func read(_ data: Data, fileName: String,
                            controlNumbers: X12Acknowledgment.ControlNumbers = .init(interchange: 1, firstGroup: 1)) -> X12ReadResult {
        var envelopes = X12EnvelopeReader(fileName: fileName)
        let (received, unreadable) = envelopes.read(data)
        var report = X12Report(fileName: fileName, issues: envelopes.issues, unreadable: unreadable)
        var shipments: [ParsedShipment] = []
        var notices: [CarrierNotice] = []
        var interchanges: [X12Interchange] = []
        var acknowledgments: [X12ReadResult.Acknowledgment] = []
        var numbers = controlNumbers

        for var interchange in received {
            for g in interchange.groups.indices {
                let group = interchange.groups[g]
                guard group.functionalID != "FA" else {
                    report.issues.append(X12Issue(fileName: fileName, segmentNumber: nil, segmentID: "GS",
                                                  interchangeControlNumber: interchange.controlNumber, groupControlNumber: group.controlNumber,
                                                  reason: "functional acknowledgments (GS01 FA) are not tracking data; group ignored"))
                    continue
                }
                for s in group.transactionSets.indices {
                    let (shipment, set) = X12214Parser.parse(group.transactionSets[s])
                    interchange.groups[g].transactionSets[s] = set
                    func issue(_ segmentNumber: Int?, _ segmentID: String?, _ reason: String) {
                        report.issues.append(X12Issue(
                            fileName: fileName, segmentNumber: segmentNumber, segmentID: segmentID,
                            interchangeControlNumber: interchange.controlNumber, groupControlNumber: group.controlNumber,
                            transactionSetControlNumber: set.controlNumber, reason: reason))
                    }
                    if set.errorCodes.contains("1") {
                        issue(set.segments.first?.number, "ST", "transaction set \(set.identifier) is not a 214; not read")
                    }
                    for error in set.segmentErrors {
                        issue(error.segmentNumber > 0 ? error.segmentNumber : nil, error.segmentID,
                              error.reason + (error.rejectsSet ? "; transaction set rejected" : ""))
                    }
                    if let shipment, set.acceptance != .rejected {
                        shipments.append(shipment)
                    } else {
                        notices.append(CarrierNotice(
                            trackingNumber: set.segments.first { $0.id == "B10" }.flatMap { $0.value(1) ?? $0.value(2) },
                            kind: .error, code: "997-AK5-R-" + set.acknowledgmentCodes.joined(separator: ","),
                            message: "transaction set \(set.controlNumber) rejected: "
                                + (set.segmentErrors.first(where: \.rejectsSet)?.reason ?? describe(set.errorCodes))))
                    }
                }
            }
            if let text = X12Acknowledgment.build(for: interchange, controlNumbers: numbers) {
                acknowledgments.append(.init(interchangeControlNumber: interchange.controlNumber, text: text))
                numbers.interchange += 1
                numbers.firstGroup += interchange.groups.filter { $0.functionalID != "FA" }.count
            }
            interchanges.append(interchange)
        }
        return X12ReadResult(result: CarrierParseResult(shipments: X12ShipmentMerger.merged(shipments), notices: notices), interchanges: interchanges,
                             acknowledgments: acknowledgments, report: report)
    }

    /// AK502 codes in words.
    static func describe(_ codes: [String]) -> String {
        let words = [
            "1": "transaction set not supported", "2": "transaction set trailer missing",
            "3": "SE02 does not match ST02", "4": "SE01 does not match the number of segments",
            "5": "segments in error",
        ]
        return codes.map { words[$0] ?? "error \($0)" }.joined(separator: ", ")
    }
}
