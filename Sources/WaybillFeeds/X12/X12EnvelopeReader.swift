import Foundation
import WaybillCore

/// Reads the envelopes of an X12 file (ISA/IEA, GS/GE, ST/SE) and checks their control numbers
/// and counts: SE01 against the segments from ST through SE, GE01 against the sets, IEA01
/// against the groups. Mismatches are recorded on the set or group (for the 997) and reported.
struct X12EnvelopeReader {
    let fileName: String
    private(set) var issues: [X12Issue] = []

    init(fileName: String) {
        self.fileName = fileName
    }

    /// The interchanges of the file, or the reason nothing could be read as X12.
    mutating func read(_ data: Data) -> (interchanges: [X12Interchange], unreadable: X12Issue?) {
        var lexer = X12Lexer(data)
        var interchanges: [X12Interchange] = []
        lexer.skipBlank()
        while !lexer.atEnd {
            let number = lexer.segmentCount + 1
            switch lexer.readISA() {
            case .failure(let failure):
                let reason = switch failure {
                case .notISA: interchanges.isEmpty ? "the file does not start with an ISA segment" : "data after the last IEA is not an ISA segment; ignored"
                case .malformed(let reason): reason
                }
                let issue = X12Issue(fileName: fileName, segmentNumber: number, segmentID: interchanges.isEmpty ? nil : "ISA", reason: reason)
                if interchanges.isEmpty { return ([], issue) }
                issues.append(issue)
                return (interchanges, nil)
            case .success(let (delimiters, isa, fixedWidth)):
                interchanges.append(readInterchange(isa: isa, delimiters: delimiters, fixedWidth: fixedWidth, lexer: &lexer))
            }
            lexer.skipBlank()
        }
        if interchanges.isEmpty {
            return ([], X12Issue(fileName: fileName, segmentNumber: nil, segmentID: nil, reason: "the file is empty"))
        }
        return (interchanges, nil)
    }

    private mutating func readInterchange(isa: X12Segment, delimiters: X12Delimiters, fixedWidth: Bool,
                                          lexer: inout X12Lexer) -> X12Interchange {
        var interchange = X12Interchange(
            delimiters: delimiters, senderQualifier: isa.value(5) ?? "", senderID: isa.value(6) ?? "",
            receiverQualifier: isa.value(7) ?? "", receiverID: isa.value(8) ?? "", version: isa.value(12) ?? "",
            controlNumber: isa.value(13) ?? "", usage: isa.value(15) ?? "")
        let control = interchange.controlNumber
        func report(_ segment: X12Segment?, group: X12FunctionalGroup? = nil, set: X12TransactionSet? = nil, _ reason: String) {
            issues.append(X12Issue(fileName: fileName, segmentNumber: segment?.number, segmentID: segment?.id,
                                   interchangeControlNumber: control, groupControlNumber: group?.controlNumber,
                                   transactionSetControlNumber: set?.controlNumber, reason: reason))
        }
        if !fixedWidth { report(isa, "the ISA segment is not the fixed 106 characters; delimiters read by counting elements") }
        if X12Text.number(control) == nil || control.count != 9 { report(isa, "ISA13 control number \(control) is not 9 digits") }

        var group: X12FunctionalGroup?
        var set: X12TransactionSet?
        var sawIEA = false

        func closeSet(missingTrailer segment: X12Segment?) {
            guard var open = set else { return }
            open.errorCodes.append("2")
            report(segment, group: group, set: open, "transaction set \(open.controlNumber) has no SE trailer")
            if group == nil { group = X12FunctionalGroup(functionalID: "", senderCode: "", receiverCode: "", controlNumber: "", version: "") }
            group?.transactionSets.append(open)
            set = nil
        }
        func closeGroup(missingTrailer segment: X12Segment?) {
            guard var open = group else { return }
            open.errorCodes.append("3")
            report(segment, group: open, "functional group \(open.controlNumber) has no GE trailer")
            interchange.groups.append(open)
            group = nil
        }

        loop: while true {
            let mark = (lexer.position, lexer.segmentCount)
            guard let segment = lexer.nextSegment(delimiters) else { break }
            switch segment.id {
            case "ISA":
                lexer.rewind(to: mark.0, segmentCount: mark.1)
                break loop
            case "GS":
                closeSet(missingTrailer: segment)
                closeGroup(missingTrailer: segment)
                group = X12FunctionalGroup(functionalID: segment.value(1) ?? "", senderCode: segment.value(2) ?? "",
                                           receiverCode: segment.value(3) ?? "", controlNumber: segment.value(6) ?? "",
                                           version: segment.value(8) ?? "")
            case "ST":
                closeSet(missingTrailer: segment)
                if group == nil { report(segment, "ST outside a functional group (no GS before it)") }
                set = X12TransactionSet(identifier: segment.value(1) ?? "", controlNumber: segment.value(2) ?? "", segments: [segment])
            case "SE":
                guard var open = set else {
                    report(segment, group: group, "SE without a matching ST; ignored")
                    continue
                }
                open.segments.append(segment)
                let declared = segment.element(1)
                if X12Text.number(declared) != open.segments.count {
                    open.errorCodes.append("4")
                    report(segment, group: group, set: open,
                           "SE01 says \(declared.trimmed) segments but the set has \(open.segments.count) (ST through SE)")
                }
                if !X12Text.sameControlNumber(segment.element(2), open.controlNumber) {
                    open.errorCodes.append("3")
                    report(segment, group: group, set: open,
                           "SE02 \(segment.element(2).trimmed) does not match ST02 \(open.controlNumber)")
                }
                if group == nil { group = X12FunctionalGroup(functionalID: "", senderCode: "", receiverCode: "", controlNumber: "", version: "") }
                group?.transactionSets.append(open)
                set = nil
            case "GE":
                closeSet(missingTrailer: segment)
                guard var open = group else {
                    report(segment, "GE without a matching GS; ignored")
                    continue
                }
                open.declaredSetCount = segment.element(1).trimmed
                if X12Text.number(segment.element(1)) != open.transactionSets.count {
                    open.errorCodes.append("5")
                    report(segment, group: open,
                           "GE01 says \(segment.element(1).trimmed) transaction sets but the group has \(open.transactionSets.count)")
                }
                if !X12Text.sameControlNumber(segment.element(2), open.controlNumber) {
                    open.errorCodes.append("4")
                    report(segment, group: open, "GE02 \(segment.element(2).trimmed) does not match GS06 \(open.controlNumber)")
                }
                interchange.groups.append(open)
                group = nil
            case "IEA":
                closeSet(missingTrailer: segment)
                closeGroup(missingTrailer: segment)
                if X12Text.number(segment.element(1)) != interchange.groups.count {
                    report(segment, "IEA01 says \(segment.element(1).trimmed) functional groups but the interchange has \(interchange.groups.count)")
                }
                if !X12Text.sameControlNumber(segment.element(2), control) {
                    report(segment, "IEA02 \(segment.element(2).trimmed) does not match ISA13 \(control)")
                }
                sawIEA = true
                break loop
            default:
                if set != nil {
                    set?.segments.append(segment)
                } else {
                    report(segment, group: group, "segment \(segment.id) outside a transaction set; ignored")
                }
            }
        }
        closeSet(missingTrailer: nil)
        closeGroup(missingTrailer: nil)
        if !sawIEA { report(nil, "interchange \(control) has no IEA trailer") }
        return interchange
    }
}
