import Foundation
import WaybillCore

/// Builds the 997 Functional Acknowledgment that answers one received interchange
/// (standards.md §1.4): an interchange of our own, with the sender and receiver swapped and the
/// input's delimiters, holding one FA group and one 997 per received group. Each set gets an
/// AK2, its segment errors as AK3/AK4, and an AK5 (`A`, `E` or `R` with AK502 codes); each
/// group an AK9 (`A`, `E`, `P` or `R`, GE01 as received, sets received and accepted, AK905
/// codes). A received 997 (group `FA`) is never acknowledged.
public enum X12Acknowledgment {
    /// Our control numbers for the acknowledgment: the ISA13 of its interchange and the GS06 of
    /// its first group (the next groups count up from it), and the time written in ISA09/10 and GS04/05.
    public struct ControlNumbers: Sendable, Hashable {
        public var interchange: Int
        public var firstGroup: Int
        public var date: Date

        public init(interchange: Int, firstGroup: Int, date: Date = Date()) {
            self.interchange = interchange
            self.firstGroup = firstGroup
            self.date = date
        }
    }

    /// The 997 text for `interchange`, or nil when it holds no group to acknowledge.
    public static func build(for interchange: X12Interchange, controlNumbers: ControlNumbers) -> String? {
        let groups = interchange.groups.filter { $0.functionalID != "FA" }
        guard !groups.isEmpty else { return nil }
        let d = interchange.delimiters
        let e = String(d.element)
        let now = LocalDateTime(instant: controlNumbers.date, offset: UTCOffset(seconds: 0))
        let date8 = digits(now.year, 4) + digits(now.month, 2) + digits(now.day, 2)
        let time4 = digits(now.time?.hour ?? 0, 2) + digits(now.time?.minute ?? 0, 2)
        let isaControl = digits(controlNumbers.interchange % 1_000_000_000, 9)

        var segments: [[String]] = []
        segments.append([
            "ISA", "00", pad("", 10), "00", pad("", 10),
            pad(interchange.receiverQualifier, 2), pad(interchange.receiverID, 15),
            pad(interchange.senderQualifier, 2), pad(interchange.senderID, 15),
            String(date8.dropFirst(2)), time4, d.repetition.map(String.init) ?? "U",
            pad(interchange.version, 5), isaControl, "0", interchange.usage.isEmpty ? "P" : interchange.usage, String(d.component),
        ])
        for (offset, group) in groups.enumerated() {
            let groupControl = String(controlNumbers.firstGroup + offset)
            let is5010 = group.version.hasPrefix("005")
            segments.append(["GS", "FA", clean(group.receiverCode, d), clean(group.senderCode, d), date8, time4, groupControl, "X",
                             group.version.isEmpty ? "004010" : clean(group.version, d)])
            let start = segments.count
            segments.append(["ST", "997", "0001"])
            segments.append(["AK1", clean(group.functionalID, d), clean(group.controlNumber, d)] + (is5010 ? [clean(group.version, d)] : []))
            for set in group.transactionSets {
                segments.append(["AK2", clean(set.identifier, d), clean(set.controlNumber, d)])
                for error in set.segmentErrors.prefix(50) {
                    segments.append(["AK3", clean(error.segmentID, d), String(error.positionInSet), "", error.code])
                    if let element = error.element {
                        segments.append(["AK4", String(element.position), "", element.code,
                                         String(clean(element.data, d).prefix(99))])
                    }
                }
                segments.append(["AK5", set.acceptance.rawValue] + set.acknowledgmentCodes)
            }
            let received = group.transactionSets.count
            let accepted = group.acceptedSetCount
            let status: String
            if received > 0, accepted == 0 {
                status = "R"
            } else if accepted < received {
                status = "P"
            } else if !group.errorCodes.isEmpty || group.transactionSets.contains(where: { $0.acceptance == .acceptedWithErrors }) {
                status = "E"
            } else {
                status = "A"
            }
            // AK902 is numeric: GE01 as received, without its padding zeros.
            let declared = group.declaredSetCount.map { text in X12Text.number(text).map(String.init) ?? clean(text, d) }
                .flatMap { $0.isEmpty ? nil : $0 } ?? String(received)
            segments.append(["AK9", status, declared, String(received), String(accepted)] + group.errorCodes.prefix(5))
            segments.append(["SE", String(segments.count - start + 1), "0001"])
            segments.append(["GE", "1", groupControl])
        }
        segments.append(["IEA", String(groups.count), isaControl])
        let terminator = String(d.segment)
        return segments.map { trimTrailingEmpty($0).joined(separator: e) + terminator }.joined()
    }

    /// `value` zero-padded to `width` digits.
    private static func digits(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? String(text.prefix(width)) : text + String(repeating: " ", count: width - text.count)
    }

    /// Received data echoed back must not contain our delimiters.
    private static func clean(_ text: String, _ d: X12Delimiters) -> String {
        var banned: Set<Unicode.Scalar> = [d.element, d.component, d.segment]
        if let repetition = d.repetition { banned.insert(repetition) }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: text.trimmed.unicodeScalars.filter { !banned.contains($0) && (!$0.properties.isWhitespace || $0 == " ") })
        return String(view)
    }

    /// X12 drops trailing empty elements.
    private static func trimTrailingEmpty(_ elements: [String]) -> [String] {
        var result = elements
        while result.count > 1, result.last?.isEmpty == true { result.removeLast() }
        return result
    }
}
