import Foundation

/// The envelope checks: UNB/UNZ per interchange (a file may hold several, concatenated),
/// UNH/UNT per message.
extension IFTSTAWalker {
    mutating func interchangeHeader(_ segment: EDIFACTSegment) {
        if let message {
            appendIssue(IFTSTAIssue(segment: message.segment, tag: "UNH",
                                      reason: "message \(message.reference ?? "?") has no UNT; its content is kept"))
            closeMessage()
        }
        if sawUNB, !sawUNZ {
            issue(segment, "the interchange before this UNB has no UNZ trailer")
        }
        countInterchange()
        sawUNB = true
        sawUNZ = false
        groupCount = 0
        messagesInInterchange = 0
        sender = segment.value(1, 0)
        interchangeReference = segment.value(4)
        if sender == nil { issue(segment, "UNB has no sender identification") }
        // Syntax versions 1–3 date the interchange YYMMDD, version 4 CCYYMMDD.
        let longDate = segment.value(0, 1) == "4"
        if let date = segment.value(3, 0) {
            let valid: Bool
            if longDate {
                valid = (try? EDIFACTDate.parse(date, format: "102")) != nil
            } else {
                valid = (try? EDIFACTDate.parse("20" + date, format: "102")) != nil && date.count == 6
            }
            if !valid { issue(segment, "UNB date \"\(date)\" is not \(longDate ? "CCYYMMDD" : "YYMMDD")") }
        }
        if let time = segment.value(3, 1), (try? EDIFACTDate.parse("20000101" + time, format: "203")) == nil || time.count != 4 {
            issue(segment, "UNB time \"\(time)\" is not HHMM")
        }
    }

    mutating func interchangeTrailer(_ segment: EDIFACTSegment) {
        if let message {
            appendIssue(IFTSTAIssue(segment: message.segment, tag: "UNH",
                                      reason: "message \(message.reference ?? "?") has no UNT; its content is kept"))
            closeMessage()
        }
        sawUNZ = true
        let expected = groupCount > 0 ? groupCount : messagesInInterchange
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

    mutating func messageHeader(_ segment: EDIFACTSegment) {
        if let message {
            appendIssue(IFTSTAIssue(segment: message.segment, tag: "UNH",
                                      reason: "message \(message.reference ?? "?") has no UNT; its content is kept"))
            closeMessage()
        }
        countMessage()
        let type = segment.value(1, 0)
        let isIFTSTA = type?.uppercased() == "IFTSTA"
        if !isIFTSTA {
            issue(segment, "message type \(type ?? "(none)") is not IFTSTA; message skipped")
        }
        if segment.value(0) == nil { issue(segment, "UNH has no message reference") }
        message = Message(reference: segment.value(0), segment: segment.number, segmentCount: 1, isIFTSTA: isIFTSTA)
    }

    mutating func messageTrailer(_ segment: EDIFACTSegment) {
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

    /// An interchange that starts at UNH: readable, but without its envelope.
    mutating func recordMissingUNB() {
        appendIssue(IFTSTAIssue(segment: 1, tag: "UNH", reason: "no UNB interchange header"))
    }
}
