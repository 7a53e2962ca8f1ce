import Foundation

/// When a carrier's time can be right. An event cannot happen after the document that reports
/// it (its creation, or Waybill's receipt of it) by more than a small clock skew, and no parcel
/// tracked today was scanned before 2000. A reading that breaks this is a misread zone or a
/// carrier's placeholder, never a fact.
public enum TimePlausibility {
    /// Clocks of carriers and of Waybill's host disagree by seconds, rarely minutes; a zone
    /// misread is off by whole hours, which this catches.
    public static let allowedSkew: TimeInterval = 15 * 60
    /// 2000-01-01T00:00:00Z.
    public static let earliest = Date(timeIntervalSince1970: 946_684_800)

    public static func isPlausible(_ instant: Date, reportedAt: Date) -> Bool {
        instant >= earliest && instant <= reportedAt.addingTimeInterval(allowedSkew)
    }

    /// A wall-clock date or time without an instant: plausible unless its date is after the
    /// report's date in every zone (more than a day later) or before 2000.
    public static func isPlausible(_ local: LocalDateTime, reportedAt: Date) -> Bool {
        let latest = LocalDateTime(instant: reportedAt.addingTimeInterval(14 * 3600 + allowedSkew), offset: UTCOffset(seconds: 0))
        return local.year >= 2000 && !(latest < local)
    }
}
