import Foundation
import WaybillCore

/// Cuts an X12 file into segments. Delimiters come from each ISA, so several interchanges with
/// different delimiters can follow one another. Positions count Unicode scalars, not bytes: the
/// StAEDI sample ends its segments with `…` (3 bytes in UTF-8).
struct X12Lexer {
    enum ISAFailure: Error, Equatable {
        case notISA
        case malformed(String)
    }

    private let scalars: [Unicode.Scalar]
    private(set) var position = 0
    /// Segments read so far: the file position of the next segment is this plus one.
    private(set) var segmentCount = 0

    init(_ data: Data) {
        var text = String(decoding: data, as: UTF8.self).unicodeScalars[...]
        if text.first == "\u{FEFF}" { text = text.dropFirst() }
        scalars = Array(text)
    }

    var atEnd: Bool { position >= scalars.count }

    /// Skips line breaks, spaces and other whitespace between segments (not delimiters).
    mutating func skipBlank(keeping delimiters: X12Delimiters? = nil) {
        while position < scalars.count, scalars[position].properties.isWhitespace,
              scalars[position] != delimiters?.element {
            position += 1
        }
    }

    /// Whether the next segment starts with `ISA`.
    var atISA: Bool {
        position + 3 <= scalars.count && scalars[position] == "I" && scalars[position + 1] == "S" && scalars[position + 2] == "A"
    }

    /// Reads the ISA at the cursor and the delimiters it declares: the element separator is
    /// character 3, ISA16 the character after the 16th separator, and the segment terminator
    /// the character after that (offsets 3, 104 and 105 in a well-formed, fixed-width ISA).
    mutating func readISA() -> Result<(X12Delimiters, X12Segment, fixedWidth: Bool), ISAFailure> {
        guard atISA else { return .failure(.notISA) }
        guard position + 3 < scalars.count else { return .failure(.malformed("the ISA segment is cut short")) }
        let element = scalars[position + 3]
        guard !X12Text.isAlphanumeric(element), !element.properties.isWhitespace else {
            return .failure(.malformed("ISA has no element separator at position 4"))
        }
        var separators = 0
        var index = position + 3
        // A well-formed ISA is 106 characters; allow some slack for unpadded senders.
        let limit = min(scalars.count, position + 200)
        while index < limit {
            if scalars[index] == element {
                separators += 1
                if separators == 16 { break }
            }
            index += 1
        }
        guard separators == 16, index + 2 < scalars.count else {
            return .failure(.malformed("the ISA segment is cut short: 16 elements and a segment terminator are required"))
        }
        let component = scalars[index + 1]
        let terminator = scalars[index + 2]
        guard component != element, terminator != element, terminator != component,
              !X12Text.isAlphanumeric(component), !X12Text.isAlphanumeric(terminator) else {
            return .failure(.malformed("ISA16 and the segment terminator must be distinct non-alphanumeric characters"))
        }
        let fields = split(scalars[(position + 4)...index], on: element)
        var delimiters = X12Delimiters(element: element, component: component, segment: terminator)
        let version = fields.count > 11 ? fields[11] : ""
        if fields.count > 10, version >= "00402", fields[10].unicodeScalars.count == 1,
           let repetition = fields[10].unicodeScalars.first, !X12Text.isAlphanumeric(repetition),
           ![element, component, terminator].contains(repetition) {
            delimiters.repetition = repetition
        }
        let fixedWidth = index == position + 103
        segmentCount += 1
        let segment = X12Segment(id: "ISA", elements: Array(fields.dropLast()) + [String(component)], number: segmentCount)
        position = index + 3
        return .success((delimiters, segment, fixedWidth))
    }

    /// The next segment, or nil at the end of the data.
    mutating func nextSegment(_ delimiters: X12Delimiters) -> X12Segment? {
        skipBlank(keeping: delimiters)
        guard position < scalars.count else { return nil }
        let start = position
        while position < scalars.count, scalars[position] != delimiters.segment { position += 1 }
        var end = position
        while end > start, scalars[end - 1] == "\r" || scalars[end - 1] == "\n" { end -= 1 }
        if position < scalars.count { position += 1 }
        var fields = split(scalars[start..<end], on: delimiters.element)
        let id = fields.removeFirst().trimmed
        segmentCount += 1
        return X12Segment(id: id, elements: fields, number: segmentCount)
    }

    /// Moves the cursor back to the start of a segment just read (used when an ISA turns up
    /// where an IEA was expected).
    mutating func rewind(to offset: Int, segmentCount count: Int) {
        position = offset
        segmentCount = count
    }

    private func split(_ slice: ArraySlice<Unicode.Scalar>, on separator: Unicode.Scalar) -> [String] {
        var fields: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in slice {
            if scalar == separator {
                fields.append(String(current))
                current = String.UnicodeScalarView()
            } else {
                current.append(scalar)
            }
        }
        fields.append(String(current))
        return fields
    }
}
