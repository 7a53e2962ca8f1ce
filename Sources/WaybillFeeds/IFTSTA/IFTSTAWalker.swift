import Foundation
import WaybillCore

/// Walks the segments of one or more concatenated interchanges: checks each envelope (UNB/UNZ,
/// UNH/UNT counts and references, `IFTSTAWalker+Envelope.swift`) and collects the CNI/STS
/// groups of IFTSTA messages. Every segment it cannot use becomes an issue; everything else is kept.
struct IFTSTAWalker {
    struct Message {
        var reference: String?
        var segment: Int
        var segmentCount: Int
        var isIFTSTA: Bool
        /// `RFF` before the first CNI: numbers of every consignment of the message.
        var references: [(qualifier: String, value: String)] = []
        var estimate = IFTSTAEstimate()
        /// The countries the message's parties (NAD) name.
        var countries: Set<String> = []
        var consignmentCount = 0
    }

    /// DTM qualifiers (2005) that date the status event itself: 78 event actual, 334 status
    /// change, 7 effective, 9 processing (Dachser, Geis), 11 despatch, 35 delivery actual, 145
    /// event date (DB Schenker), 178 arrival actual, 186 departure actual.
    static let eventQualifiers: Set<String> = ["78", "334", "7", "9", "11", "35", "145", "178", "186", "8"]
    /// DTM qualifiers of a delivery date to come: 17 estimated, 67 current schedule (UPS), 69
    /// promised, 76 scheduled (Dachser's new date after a failed delivery), 191 expected, 223
    /// deferred; and GS1's 40E, which the EANCOM example gives an en-route consignment three
    /// days after the message date, so it cannot be the event's own date.
    static let deliveryEstimateQualifiers: Set<String> = ["17", "67", "69", "76", "191", "223", "40E"]
    /// 64 delivery earliest and 63 latest make a window; 132 is the estimated arrival of the
    /// means of transport, used only when no delivery estimate is given.
    static let earliestQualifier = "64", latestQualifier = "63", arrivalQualifier = "132"

    private(set) var issues: [IFTSTAIssue] = []
    private(set) var consignments: [IFTSTAConsignmentDraft] = []
    private(set) var messageCount = 0
    private(set) var interchangeCount = 0

    var sender: String?
    var interchangeReference: String?
    var sawUNB = false
    var sawUNZ = false
    var groupCount = 0
    var messagesInInterchange = 0
    var message: Message?
    private var consignment: IFTSTAConsignmentDraft?
    private var statusIndex: Int?
    /// After a bad STS its dependent segments are skipped instead of attaching elsewhere.
    private var skippingStatus = false
    /// A consignment `LOC` before its first STS (UPS `CNI+1'LOC+14+:::RENDSBURG+:::DE'STS`).
    private var consignmentLocation: Location?

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

    mutating func closeMessage() {
        closeConsignment()
        message = nil
    }

    // MARK: Body

    private mutating func body(_ segment: EDIFACTSegment) {
        switch segment.tag {
        case "CNI":
            closeConsignment()
            message?.consignmentCount += 1
            consignment = IFTSTAConsignmentDraft(segment: segment.number, number: segment.value(1, 0),
                                                 references: message?.references ?? [], estimate: message?.estimate ?? IFTSTAEstimate(),
                                                 sender: sender)
        case "STS": status(segment)
        case "RFF": reference(segment)
        case "DTM": date(segment)
        case "LOC":
            guard let location = IFTSTALocation.fromLOC(segment) else { return }
            guard let index = statusIndex else {
                if consignment != nil, segment.value(0) == "14" { consignmentLocation = location }
                return
            }
            // The first LOC of the group, unless a later one is qualified 14 (place of the event).
            guard !skippingStatus, consignment?.statuses[index].location == nil
                    || (segment.value(0) == "14" && consignment?.statuses[index].locationQualifier != "14") else { return }
            consignment?.statuses[index].location = location
            consignment?.statuses[index].locationQualifier = segment.value(0)
        case "NAD": party(segment)
        case "CTA":
            // A contact of the accepting or delivery party names who took the goods.
            guard let index = statusIndex, !skippingStatus, consignment?.statuses[index].signatory == nil,
                  let name = segment.values(1, from: 1).first else { return }
            if lastPartyQualifier == "AP" || lastPartyQualifier == "DP" { consignment?.statuses[index].signatory = name }
        case "FTX": freeText(segment)
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

    private var lastPartyQualifier: String?

    private mutating func party(_ segment: EDIFACTSegment) {
        let qualifier = segment.value(0)?.uppercased()
        lastPartyQualifier = qualifier
        if let country = segment.value(8).flatMap(IFTSTALocation.country) { message?.countries.insert(country) }
        guard let index = statusIndex, !skippingStatus else { return }
        if qualifier == "AP", consignment?.statuses[index].signatory == nil {
            consignment?.statuses[index].signatory = IFTSTALocation.partyName(segment)
            return
        }
        if consignment?.statuses[index].partyLocation == nil {
            consignment?.statuses[index].partyLocation = IFTSTALocation.fromNAD(segment)
        }
    }

    private mutating func reference(_ segment: EDIFACTSegment) {
        guard let qualifier = segment.value(0, 0)?.uppercased(), let value = segment.value(0, 1) else {
            issue(segment, "RFF needs a qualifier and a value")
            return
        }
        guard consignment != nil else {
            message?.references.append((qualifier, value))
            return
        }
        // Inside a status group only numbers of the goods or the merchant are references; the
        // rest describe the event (UPS `RFF+AEL:RESIDENTIAL`).
        if statusIndex != nil, !IFTSTAReference.isParcel(qualifier), !IFTSTAReference.merchantQualifiers.contains(qualifier) { return }
        consignment?.references.append((qualifier, value))
    }

    private mutating func freeText(_ segment: EDIFACTSegment) {
        guard let index = statusIndex, !skippingStatus, segment.elements.count > 3 else { return }
        // `FTX+DTM++76:102+20130502` restates a date (Dachser): read it as that DTM.
        if segment.value(0)?.uppercased() == "DTM", let qualifier = segment.value(2, 0), let value = segment.value(3, 0) {
            let restated = EDIFACTSegment(number: segment.number, tag: "DTM",
                                          elements: [[qualifier, value, segment.value(2, 1) ?? ""]])
            date(restated, restatement: true)
            return
        }
        let text = segment.values(3).joined(separator: " ")
        guard text.contains(where: \.isLetter) else { return }
        consignment?.statuses[index].freeTexts.append(text)
    }

    private mutating func status(_ segment: EDIFACTSegment) {
        guard consignment != nil else {
            issue(segment, "STS before any CNI consignment; ignored")
            statusIndex = nil
            skippingStatus = true
            return
        }
        var codes = segment.value(1, 0).map { [$0] } ?? []
        if codes.isEmpty { codes = segment.values(0, from: 1) }
        let reasons = (2..<max(2, segment.elements.count)).compactMap { segment.value($0, 3) }
        let text = segment.value(1, 3) ?? (reasons.isEmpty ? nil : reasons.joined(separator: " - "))
        guard !codes.isEmpty || text != nil else {
            issue(segment, "STS has no status code or text; event skipped")
            statusIndex = nil
            skippingStatus = true
            return
        }
        var draft = IFTSTAStatusDraft(segment: segment.number, codes: codes, agency: segment.value(1, 2), text: text)
        draft.location = consignmentLocation
        consignment?.statuses.append(draft)
        statusIndex = (consignment?.statuses.count ?? 1) - 1
        skippingStatus = false
        lastPartyQualifier = nil
    }

    private mutating func date(_ segment: EDIFACTSegment, restatement: Bool = false) {
        guard let qualifier = segment.value(0, 0)?.uppercased(), let value = segment.value(0, 1) else {
            issue(segment, "DTM needs a qualifier and a value")
            return
        }
        let parsed: EDIFACTDate
        do {
            let read = try EDIFACTDate.parseLenient(value, format: segment.value(0, 2))
            parsed = read.date
            if let shape = read.readAs {
                issue(segment, "DTM+\(qualifier): \"\(value)\" does not fit format \(segment.value(0, 2) ?? "102"); read as format \(shape)")
            }
        } catch {
            switch error {
            case .unsupportedFormat(let format): issue(segment, "DTM+\(qualifier): format code \(format) is not supported")
            case .malformed(let reason): issue(segment, "DTM+\(qualifier): \"\(value)\": \(reason)")
            }
            return
        }
        if Self.deliveryEstimateQualifiers.contains(qualifier) || [Self.earliestQualifier, Self.latestQualifier, Self.arrivalQualifier].contains(qualifier) {
            guard !skippingStatus else { return }
            if consignment == nil {
                message?.estimate.record(qualifier, parsed, restatement: restatement)
            } else {
                consignment?.estimate.record(qualifier, parsed, restatement: restatement)
            }
        } else if let index = statusIndex, !skippingStatus, Self.eventQualifiers.contains(qualifier),
                  consignment?.statuses[index].time == nil {
            consignment?.statuses[index].time = parsed
        }
    }

    private mutating func addPackageID(_ id: String) {
        guard consignment != nil, id.contains(where: { $0.isLetter || $0.isNumber }) else { return }
        if let index = statusIndex, consignment?.statuses[index].packageIDs.contains(id) == false {
            consignment?.statuses[index].packageIDs.append(id)
        }
        if consignment?.packageIDs.contains(id) == false { consignment?.packageIDs.append(id) }
    }

    mutating func closeConsignment() {
        defer {
            consignment = nil
            statusIndex = nil
            skippingStatus = false
            consignmentLocation = nil
            lastPartyQualifier = nil
        }
        guard var consignment else { return }
        guard consignment.trackingNumber != nil else {
            issues.append(IFTSTAIssue(segment: consignment.segment, tag: "CNI",
                                      reason: "no consignment number (CNI02, or RFF+\(IFTSTAReference.parcelQualifiers.joined(separator: "/"))); its \(consignment.statuses.count) status(es) skipped"))
            return
        }
        if let countries = message?.countries, countries.count == 1 { consignment.partyCountry = countries.first }
        consignments.append(consignment)
    }

    mutating func appendIssue(_ issue: IFTSTAIssue) {
        issues.append(issue)
    }

    mutating func issue(_ segment: EDIFACTSegment, _ reason: String) {
        issues.append(IFTSTAIssue(segment: segment.number, tag: segment.tag, reason: reason))
    }

    mutating func countMessage() {
        messageCount += 1
        messagesInInterchange += 1
    }

    mutating func countInterchange() {
        interchangeCount += 1
    }
}

extension IFTSTAEstimate {
    /// Keeps the latest date given for each kind; a restated date (FTX) does not replace a DTM.
    mutating func record(_ qualifier: String, _ date: EDIFACTDate, restatement: Bool) {
        switch qualifier {
        case IFTSTAWalker.earliestQualifier: if !restatement || earliest == nil { earliest = date }
        case IFTSTAWalker.latestQualifier: if !restatement || latest == nil { latest = date }
        case IFTSTAWalker.arrivalQualifier: if !restatement || arrival == nil { arrival = date }
        default: if !restatement || delivery == nil { delivery = date }
        }
    }
}
