import Foundation
import WaybillCore

/// An event cannot happen after the document that reports it (DESIGN.md, "Times must be
/// possible"). Given the readings a carrier time allows, best first, this keeps the first
/// whose instant is at most `skew` after the document's own time; when none is, the instant
/// is unknown, the wall-clock time is kept and the caller adds a warning.
enum PlausibleTime {
    /// Clocks of the carrier, the aggregator and their servers differ a little.
    static let skew: TimeInterval = TimePlausibility.allowedSkew

    struct Choice {
        var reading: ZoneResolver.Resolved
        /// False when every reading was later than the document allows.
        var isPlausible: Bool
    }

    /// - Parameters:
    ///   - readings: the possible readings, preferred first; a reading without an instant
    ///     never fits (it cannot be checked) but gives its wall-clock time to the fallback.
    ///   - reportedAt: when the document was written (its `created_at`/`updated_at`); without
    ///     it, the first reading stands unchecked.
    ///   - wallClock: the carrier's digits, kept when no reading fits.
    static func choose(_ readings: [ZoneResolver.Resolved], reportedAt: Date?, wallClock: LocalDateTime?) -> Choice {
        guard let first = readings.first else {
            return Choice(reading: ZoneResolver.resolve(local: wallClock), isPlausible: true)
        }
        guard let reportedAt else { return Choice(reading: first, isPlausible: true) }
        let latest = reportedAt.addingTimeInterval(skew)
        if let fitting = readings.first(where: { $0.occurredAt.map { $0 <= latest } ?? false }) {
            return Choice(reading: fitting, isPlausible: true)
        }
        guard readings.contains(where: { $0.occurredAt != nil }) else { return Choice(reading: first, isPlausible: true) }
        return Choice(reading: ZoneResolver.Resolved(occurredAt: nil, localTime: wallClock, utcOffset: nil, zoneSource: .unknown),
                      isPlausible: false)
    }
}
