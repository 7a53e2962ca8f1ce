import Foundation
import WaybillCore

/// The Web Tools `TrackRequest` answer without fields: each `TrackSummary` and `TrackDetail` is
/// one line of text. Three spellings occur in real responses:
/// - `Out for Delivery, October 12, 2013, 10:16 am, BROOKLYN, NY 11201` (event, date, time, place);
/// - `May 30 11:07 am NOTICE LEFT WILMINGTON DE 19801.` (date without a year, time, event and place
///   run together);
/// - the summary sentence `Your item was delivered at 8:10 am on June 1 in Wilmington DE 19801.`
/// The event text keeps the carrier's words (the whole line when the event cannot be cut out of
/// it); a date without a year gives no time at all, and the caller leaves a warning.
enum USPSFreeText {
    struct Line {
        var event: USPSEventInput
        /// The line names a day but no year, so its time could not be kept.
        var yearMissing: Bool
    }

    static func line(_ text: String) -> Line {
        let body = text.hasSuffix(".") ? String(text.dropLast()) : text
        let date = firstMatch(datePattern, in: body)
        let time = firstMatch(timePattern, in: body)
        var description = text
        var placeText: Substring?
        if let date, body[..<date.range.lowerBound].hasSuffix(", ") {
            // Event, date, [time,] place.
            description = String(body[..<date.range.lowerBound].dropLast(2))
            let afterDate = body[(time?.range ?? date.range).upperBound...]
            placeText = afterDate.drop { $0 == "," || $0 == " " }
        } else if let date, date.range.lowerBound == body.startIndex {
            // Date, time, then the event and place run together: only the state and ZIP part off.
            placeText = lastMatch(statePattern, in: body).map { body[$0.range] }
        } else if let range = body.range(of: " in ", options: .backwards) {
            placeText = body[range.upperBound...]
        }
        let year = date.flatMap { Int($0.groups[2] ?? "") }
        var local: LocalDateTime?
        if let date, let year, let month = date.groups[0].flatMap({ USPSText.months.firstIndex(of: $0.lowercased()) }),
           let day = date.groups[1].flatMap({ Int($0) }) {
            let timeText = time.map { String(body[$0.range]) }
            local = USPSText.legacyTime(timeText).flatMap { LocalDateTime(year: year, month: month + 1, day: day, time: $0) }
                ?? LocalDateTime(year: year, month: month + 1, day: day)
        }
        let event = USPSEventInput(code: nil, description: description, local: local, offset: nil, utc: nil,
                                   location: placeText.flatMap(place), signer: nil)
        return Line(event: event, yearMissing: date != nil && year == nil)
    }

    /// `BROOKLYN, NY 11201`, `Wilmington DE 19801`, `NEW YORK, NY`, or just `DE 19801`.
    static func place(_ text: Substring) -> Location? {
        guard let match = lastMatch(statePattern, in: text) else { return nil }
        let city = text[..<match.range.lowerBound].trimmingCharacters(in: CharacterSet(charactersIn: ", "))
        guard city.isEmpty || city.allSatisfy({ $0.isLetter || $0 == " " || $0 == "-" || $0 == "'" }) else { return nil }
        return USPSText.location(city: city.isEmpty ? nil : city, state: match.groups[0], zip: match.groups[1], country: nil)
    }

    struct Match {
        var range: Range<String.Index>
        var groups: [String?]
    }

    /// Patterns as text: this rare legacy format compiles them when it meets one.
    static let datePattern = "(?i)\\b(\(USPSText.months.joined(separator: "|"))) (\\d{1,2})(?:,? (\\d{4}))?\\b"
    static let timePattern = "(?i)\\b\\d{1,2}:\\d{2} ?[ap]m\\b"
    static let statePattern = "\\b([A-Z]{2})(?: (\\d{5})(?:-?\\d{4})?)?$"

    static func firstMatch(_ pattern: String, in text: some StringProtocol) -> Match? {
        matches(pattern, in: String(text), base: text).first
    }

    static func lastMatch(_ pattern: String, in text: some StringProtocol) -> Match? {
        matches(pattern, in: String(text), base: text).last
    }

    /// Matches in `string`, with ranges mapped back into `base` (a substring may not start at 0).
    private static func matches(_ pattern: String, in string: String, base: some StringProtocol) -> [Match] {
        guard let expression = try? NSRegularExpression(pattern: pattern) else { return [] }
        let all = NSRange(string.startIndex..., in: string)
        return expression.matches(in: string, range: all).compactMap { result in
            guard let range = Range(result.range, in: string) else { return nil }
            let offset = string.distance(from: string.startIndex, to: range.lowerBound)
            let length = string.distance(from: range.lowerBound, to: range.upperBound)
            let lower = base.index(base.startIndex, offsetBy: offset)
            let groups = (1..<result.numberOfRanges).map { index in
                Range(result.range(at: index), in: string).map { String(string[$0]) }
            }
            return Match(range: lower..<base.index(lower, offsetBy: length), groups: groups)
        }
    }
}
