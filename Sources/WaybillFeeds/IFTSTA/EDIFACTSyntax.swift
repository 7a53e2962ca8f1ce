import WaybillCore
import Foundation

/// EDIFACT service characters: from the `UNA` service string advice, or the defaults
/// (`:+.? '`) when the interchange has none.
struct EDIFACTDelimiters: Sendable, Hashable {
    var component: Unicode.Scalar = ":"
    var element: Unicode.Scalar = "+"
    var decimal: Unicode.Scalar = "."
    /// nil when the UNA gives a space here: no release character in use.
    var release: Unicode.Scalar? = "?"
    var terminator: Unicode.Scalar = "'"

    static let standard = EDIFACTDelimiters()
}

/// One segment: its tag and its elements, each a list of components, with release characters
/// already removed (`?+` is a literal `+`).
struct EDIFACTSegment: Sendable, Hashable {
    /// Position in the file, counting from 1 at the first segment after the first `UNA`.
    var number: Int
    var tag: String
    /// The data elements after the tag.
    var elements: [[String]]

    /// Component `component` of element `element` (0-based, after the tag), nil when absent or empty.
    func value(_ element: Int, _ component: Int = 0) -> String? {
        guard element < elements.count, component < elements[element].count else { return nil }
        let text = elements[element][component].trimmed
        return text.isEmpty ? nil : text
    }

    /// The non-empty components of element `element`, from `component` on.
    func values(_ element: Int, from component: Int = 0) -> [String] {
        guard element < elements.count, component < elements[element].count else { return [] }
        return elements[element][component...].map(\.trimmed).filter { !$0.isEmpty }
    }
}

/// Splits a file of one or more interchanges into segments, reporting what cannot be split.
/// Each `UNA` (at the start or between concatenated interchanges) sets the delimiters from
/// there on.
struct EDIFACTTokenizer {
    struct Output {
        var delimiters: EDIFACTDelimiters
        var hasServiceStringAdvice: Bool
        var segments: [EDIFACTSegment]
        var issues: [IFTSTAIssue]
    }

    /// The text of an interchange: UTF-8 when it is valid UTF-8, else ISO 8859-1 (the UNOC
    /// repertoire; a Hellmann interchange of the corpus writes "EMPFÄNGER" with the byte 0xC4).
    static func scalars(of data: Data) -> [Unicode.Scalar] {
        if let text = String(data: data, encoding: .utf8) {
            return Array(text.unicodeScalars)
        }
        return data.map { Unicode.Scalar($0) }
    }

    private static func isLayout(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\n" || scalar == "\r" || scalar == " " || scalar == "\t" || scalar == "\u{FEFF}"
    }

    static func tokenize(_ data: Data) -> Output {
        var text = scalars(of: data)
        var index = 0
        var delimiters = EDIFACTDelimiters.standard
        var hasUNA = false
        var issues: [IFTSTAIssue] = []
        var segments: [EDIFACTSegment] = []
        var number = 0
        var checkedTerminator = false
        while index < text.count {
            // Line breaks and spaces between segments are layout, not data.
            while index < text.count, isLayout(text[index]) { index += 1 }
            guard index < text.count else { break }
            if text.count >= index + 9, String(String.UnicodeScalarView(text[index..<index + 3])) == "UNA" {
                let chars = Array(text[index + 3..<index + 9])
                delimiters = EDIFACTDelimiters(component: chars[0], element: chars[1], decimal: chars[2],
                                               release: chars[3] == " " ? nil : chars[3], terminator: chars[5])
                hasUNA = true
                let distinct = [chars[0], chars[1], chars[5]] + (chars[3] == " " ? [] : [chars[3]])
                if Set(distinct).count != distinct.count {
                    issues.append(IFTSTAIssue(segment: number, tag: "UNA", reason: "service string advice repeats a delimiter"))
                }
                index += 9
                checkedTerminator = false
                continue
            }
            if !checkedTerminator {
                checkedTerminator = true
                // Some senders end segments with line breaks alone: when the declared terminator
                // never occurs but lines do, the lines are the segments.
                let rest = text[index...]
                if !rest.contains(delimiters.terminator), rest.contains("\n") {
                    issues.append(IFTSTAIssue(segment: number + 1, tag: "UNA",
                                              reason: "no \"\(Character(delimiters.terminator))\" segment terminator; line breaks read as terminators"))
                    text = Array(text[..<index]) + rest.map { $0 == "\n" ? delimiters.terminator : $0 }
                }
            }
            var elements: [[String]] = [[""]]
            var current = String.UnicodeScalarView()
            var terminated = false
            var danglingRelease = false
            func flushComponent() {
                elements[elements.count - 1][elements[elements.count - 1].count - 1] = String(current)
                current = String.UnicodeScalarView()
            }
            while index < text.count {
                let scalar = text[index]
                if scalar == delimiters.release {
                    if index + 1 < text.count {
                        current.append(text[index + 1])
                        index += 2
                    } else {
                        danglingRelease = true
                        index += 1
                    }
                    continue
                }
                index += 1
                if scalar == delimiters.terminator {
                    terminated = true
                    break
                } else if scalar == delimiters.element {
                    flushComponent()
                    elements.append([""])
                } else if scalar == delimiters.component {
                    flushComponent()
                    elements[elements.count - 1].append("")
                } else if scalar != "\r" || delimiters.terminator != "\n" {
                    current.append(scalar)
                }
            }
            flushComponent()
            number += 1
            let tag = elements[0][0].trimmed.uppercased()
            let displayTag = String(tag.prefix(3))
            if danglingRelease {
                issues.append(IFTSTAIssue(segment: number, tag: displayTag, reason: "release character at the end of the data"))
            }
            if !terminated {
                issues.append(IFTSTAIssue(segment: number, tag: displayTag,
                                          reason: "segment not terminated by \"\(Character(delimiters.terminator))\" (data truncated?)"))
            }
            guard tag.count == 3, tag.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) || ("0"..."9").contains($0) }) else {
                issues.append(IFTSTAIssue(segment: number, tag: displayTag, reason: "not a segment tag: \"\(tag.prefix(20))\""))
                continue
            }
            segments.append(EDIFACTSegment(number: number, tag: tag, elements: Array(elements.dropFirst())))
        }
        return Output(delimiters: delimiters, hasServiceStringAdvice: hasUNA, segments: segments, issues: issues)
    }
}
