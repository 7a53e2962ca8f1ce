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
    /// Position in the interchange, counting from 1 at the first segment after `UNA`.
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
}

/// Splits an interchange into segments, reporting what cannot be split.
struct EDIFACTTokenizer {
    struct Output {
        var delimiters: EDIFACTDelimiters
        var hasServiceStringAdvice: Bool
        var segments: [EDIFACTSegment]
        var issues: [IFTSTAIssue]
    }

    /// The text of an interchange: UTF-8 when it is valid UTF-8, else ISO 8859-1 (UNOC).
    static func scalars(of data: Data) -> [Unicode.Scalar] {
        if let text = String(data: data, encoding: .utf8) {
            return Array(text.unicodeScalars)
        }
        return data.map { Unicode.Scalar($0) }
    }

    static func tokenize(_ data: Data) -> Output {
        let text = scalars(of: data)
        var index = 0
        while index < text.count, text[index].properties.isWhitespace || text[index] == "\u{FEFF}" { index += 1 }
        var delimiters = EDIFACTDelimiters.standard
        var hasUNA = false
        var issues: [IFTSTAIssue] = []
        if text.count >= index + 9, String(String.UnicodeScalarView(text[index..<index + 3])) == "UNA" {
            let chars = Array(text[index + 3..<index + 9])
            delimiters = EDIFACTDelimiters(component: chars[0], element: chars[1], decimal: chars[2],
                                           release: chars[3] == " " ? nil : chars[3], terminator: chars[5])
            hasUNA = true
            if Set([chars[0], chars[1], chars[5]] + (chars[3] == " " ? [] : [chars[3]])).count != (chars[3] == " " ? 3 : 4) {
                issues.append(IFTSTAIssue(segment: 0, tag: "UNA", reason: "service string advice repeats a delimiter"))
            }
            index += 9
        }
        var segments: [EDIFACTSegment] = []
        var number = 0
        while index < text.count {
            // Line breaks and spaces between segments are layout, not data.
            while index < text.count, text[index] == "\n" || text[index] == "\r" || text[index] == " " || text[index] == "\t" {
                index += 1
            }
            guard index < text.count else { break }
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
                } else {
                    current.append(scalar)
                }
            }
            flushComponent()
            number += 1
            let tag = elements[0][0].trimmed
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
