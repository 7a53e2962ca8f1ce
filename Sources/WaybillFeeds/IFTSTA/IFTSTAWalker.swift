import Foundation
import WaybillCore

/// Walks the segments of an interchange: checks the envelope (UNB/UNZ, UNH/UNT counts and
/// references) and collects the CNI/STS groups of IFTSTA messages. Every segment it cannot
/// use becomes an issue; everything else is kept.
struct IFTSTAWalker {
    private struct Message {
        var reference: String?
        var segment: Int
        var segmentCount: Int
        var isIFTSTA: Bool
    }

    /// DTM qualifiers (2005) that date the status event itself.
    static let eventQualifiers: Set<String> = ["78", "334", "7", "8", "9", "11", "35", "178", "189", "203"]
    /// DTM qualifiers of an estimated delivery or arrival.
    static let estimateQualifiers: Set<String> = ["17", "132"]

    private(set) var issues: [IFTSTAIssue] = []
    private(set) var consignments: [IFTSTAConsignmentDraft] = []
    private(set) var sender: String?
    private(set) var messageCount = 0

    private var interchangeReference: String?
    private var sawUNB = false
    private var sawUNZ = false
    private var groupCount = 0
    private var message: Message?
    private var consignment: IFTSTAConsignmentDraft?
    private var statusIndex: Int?
    /// After a bad STS its dependent segments are skipped instead of attaching elsewhere.
    private var skippingStatus = false

    mutating func consume(_ segment: EDIFACTSegment) {
        if message != nil { message?.segmentCount += 1 }
        switch segment.tag {
        case "UNB": interchangeHeader(segment)
        case "UNG": groupCount += 1
        case "UNE": break
        case "UNZ": interchangeTrailer(segment)
        case "UNH": messageHeader(segment)
        case "UNT": messageTrailer(segment)
        default:
            guard let message else {
                issue(segment, "segment outside a UNH…UNT message; ignored")
                return
            }
            if message.isIFTSTA { body(segment) }
        }
    }

    mutating func finish() {
        if let message {
            issues.append(IFTSTAIssue(segment: message.segment, tag: "UNH",
                                      reason: "message \(message.reference ?? "?") has no UNT (data truncated?); its content is kept"))
            closeMessage()
        }
        if sawUNB, !sawUNZ {
            issues.append(IFTSTAIssue(segment: 0, tag: "UNZ", reason: "interchange has no UNZ trailer (data truncated?)"))
        }
    }

    // MARK: Envelope

    private mutating func interchangeHeader(_ segment: EDIFACTSegment) {
        if sawUNB {
            issue(segment, "second UNB in one interchange")
        }
        sawUNB = true
        sender = segment.value(1, 0)
        interchangeReference = segment.value(4)
        if sender == nil { issue(segment, "UNB has no sender identification") }
        // Syntax versions 1–3 date the interchange YYMMDD, version 4 CCYYMMDD.
        let longDate = segment.value(0, 1) == "4"
        if let date = segment.value(3, 0) {
            let format = longDate ? "102" : nil
            let valid: Bool
            if let format {
                valid = (try? EDIFACTDate.parse(date, format: format)) != nil
            } else {
                valid = (try? EDIFACTDate.parse("20" + date, format: "102")) != nil && date.count == 6
            }
            if !valid { issue(segment, "UNB date \"\(date)\" is not \(longDate ? "CCYYMMDD" : "YYMMDD")") }
        }
        if let time = segment.value(3, 1), (try? EDIFACTDate.parse("20000101" + time, format: "203")) == nil || time.count != 4 {
            issue(segment, "UNB time \"\(time)\" is not HHMM")
        }
    }

    private mutating func interchangeTrailer(_ segment: EDIFACTSegment) {
        if let message {
            issues.append(IFTSTAIssue(segment: message.segment, tag: "UNH",
                                      reason: "message \(message.reference ?? "?") has no UNT; its content is kept"))
            closeMessage()
        }
        sawUNZ = true
        let expected = groupCount > 0 ? groupCount : messageCount
        let what = groupCount > 0 ? "functional groups" : "messages"
        if let count = segment.value(0) {
            if Int(count) != expected { issue(segment, "UNZ counts \(count) \(what), the interchange has \(expected)") }
        } else {
            issue(segment, "UNZ has no count")
        }
        if segment.value(1) != interchangeReference {
            issue(segment, "UNZ reference \(segment.value(1) ?? "(none)") differs from UNB reference \(interchangeReference ?? "(none)")")
        }
    }

    private mutating func messageHeader(_ segment: EDIFACTSegment) {
        if let message {
            issues.append(IFTSTAIssue(segment: message.segment, tag: "UNH",
                                      reason: "message \(message.reference ?? "?") has no UNT; its content is kept"))
            closeMessage()
        }
        messageCount += 1
        let type = segment.value(1, 0)
        let isIFTSTA = type?.uppercased() == "IFTSTA"
        if !isIFTSTA {
            issue(segment, "message type \(type ?? "(none)") is not IFTSTA; message skipped")
        }
        if segment.value(0) == nil { issue(segment, "UNH has no message reference") }
        message = Message(reference: segment.value(0), segment: segment.number, segmentCount: 1, isIFTSTA: isIFTSTA)
    }

    private mutating func messageTrailer(_ segment: EDIFACTSegment) {
        guard let message else {
            issue(segment, "UNT without a UNH")
            return
        }
        if let count = segment.value(0) {
            if Int(count) != message.segmentCount {
                issue(segment, "UNT counts \(count) segments, message \(message.reference ?? "?") has \(message.segmentCount) (UNH to UNT)")
            }
        } else {
            issue(segment, "UNT has no segment count")
        }
        if segment.value(1) != message.reference {
            issue(segment, "UNT reference \(segment.value(1) ?? "(none)") differs from UNH reference \(message.reference ?? "(none)")")
        }
        closeMessage()
    }

    private mutating func closeMessage() {
        closeConsignment()
        message = nil
    }

    // MARK: Body

    private mutating func body(_ segment: EDIFACTSegment) {
        switch segment.tag {
        case "CNI":
            closeConsignment()
            consignment = IFTSTAConsignmentDraft(segment: segment.number, number: segment.value(1, 0))
        case "STS": status(segment)
        case "RFF":
            guard let qualifier = segment.value(0, 0), let value = segment.value(0, 1) else {
                issue(segment, "RFF needs a qualifier and a value")
                return
            }
            consignment?.references.append((qualifier.uppercased(), value))
        case "DTM": date(segment)
        case "LOC":
            // The first LOC of the group, unless a later one is qualified 14 (place of the event).
            guard let index = statusIndex, !skippingStatus, let location = IFTSTALocation.fromLOC(segment),
                  consignment?.statuses[index].location == nil
                    || (segment.value(0) == "14" && consignment?.statuses[index].locationQualifier != "14") else { return }
            consignment?.statuses[index].location = location
            consignment?.statuses[index].locationQualifier = segment.value(0)
        case "NAD":
            guard let index = statusIndex, !skippingStatus, consignment?.statuses[index].partyLocation == nil else { return }
            consignment?.statuses[index].partyLocation = IFTSTALocation.fromNAD(segment)
        case "FTX":
            guard let index = statusIndex, !skippingStatus, segment.elements.count > 3 else { return }
            let text = segment.elements[3].map { $0.trimmed }.filter { !$0.isEmpty }.joined(separator: " ")
            if !text.isEmpty, consignment?.statuses[index].freeText == nil { consignment?.statuses[index].freeText = text }
        case "PCI":
            if let mark = segment.value(1, 0) { addPackageID(mark) }
        case "GIN":
            for element in 1..<max(1, segment.elements.count) {
                for component in 0..<2 {
                    if let id = segment.value(element, component) { addPackageID(id) }
                }
            }
        default: break
        }
    }

    private mutating func status(_ segment: EDIFACTSegment) {
        guard consignment != nil else {
            issue(segment, "STS before any CNI consignment; ignored")
            statusIndex = nil
            skippingStatus = true
            return
        }
        let code = segment.value(1, 0), text = segment.value(1, 3)
        guard code != nil || text != nil else {
            issue(segment, "STS has no status code or text; event skipped")
            statusIndex = nil
            skippingStatus = true
            return
        }
        consignment?.statuses.append(IFTSTAStatusDraft(segment: segment.number, code: code, agency: segment.value(1, 2), text: text))
        statusIndex = (consignment?.statuses.count ?? 1) - 1
        skippingStatus = false
    }

    private mutating func date(_ segment: EDIFACTSegment) {
        guard let qualifier = segment.value(0, 0), let value = segment.value(0, 1) else {
            issue(segment, "DTM needs a qualifier and a value")
            return
        }
        let parsed: EDIFACTDate
        do {
            parsed = try EDIFACTDate.parse(value, format: segment.value(0, 2))
        } catch {
            switch error {
            case .unsupportedFormat(let format): issue(segment, "DTM+\(qualifier): format code \(format) is not supported")
            case .malformed(let reason): issue(segment, "DTM+\(qualifier): \"\(value)\": \(reason)")
            }
            return
        }
        guard consignment != nil, !skippingStatus else { return }
        if Self.estimateQualifiers.contains(qualifier) {
            consignment?.estimate = parsed
        } else if let index = statusIndex, Self.eventQualifiers.contains(qualifier), consignment?.statuses[index].time == nil {
            consignment?.statuses[index].time = parsed
        }
    }

    private mutating func addPackageID(_ id: String) {
        guard consignment != nil, consignment?.packageIDs.contains(id) == false else { return }
        consignment?.packageIDs.append(id)
    }

    private mutating func closeConsignment() {
        defer {
            consignment = nil
            statusIndex = nil
            skippingStatus = false
        }
        guard let consignment else { return }
        guard consignment.trackingNumber != nil else {
            issues.append(IFTSTAIssue(segment: consignment.segment, tag: "CNI",
                                      reason: "no consignment number (CNI02, or RFF+CN/BN/AAO); its \(consignment.statuses.count) status(es) skipped"))
            return
        }
        consignments.append(consignment)
    }

    mutating func appendIssue(_ issue: IFTSTAIssue) {
        issues.append(issue)
    }

    private mutating func issue(_ segment: EDIFACTSegment, _ reason: String) {
        issues.append(IFTSTAIssue(segment: segment.number, tag: segment.tag, reason: reason))
    }
}

extension IFTSTAWalker {
    /// An interchange that starts at UNH: readable, but without its envelope.
    mutating func recordMissingUNB() {
        appendIssue(IFTSTAIssue(segment: 1, tag: "UNH", reason: "no UNB interchange header"))
    }
}
