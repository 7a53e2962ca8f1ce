import Foundation

/// A daily window in the recipient's local time when messages to people wait (e.g. 21:00–08:00).
public struct QuietHours: Sendable, Hashable {
    /// Minutes after local midnight.
    public var startMinute: Int
    public var endMinute: Int
    /// The zone used when the recipient's own zone is unknown (merchant audience, or a customer
    /// without one); UTC when nil.
    public var fallbackTimeZone: String?

    public init(startMinute: Int, endMinute: Int, fallbackTimeZone: String? = nil) {
        self.startMinute = startMinute
        self.endMinute = endMinute
        self.fallbackTimeZone = fallbackTimeZone
    }

    /// Parses `HH:MM` (00:00 to 23:59) into minutes after midnight.
    public static func minute(parsing text: String) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2,
              let hour = Int(parts[0]), let minute = Int(parts[1]), (0..<24).contains(hour), (0..<60).contains(minute) else { return nil }
        return hour * 60 + minute
    }

    public static func text(minute: Int) -> String {
        let hour = minute / 60, rest = minute % 60
        return (hour < 10 ? "0" : "") + "\(hour):" + (rest < 10 ? "0" : "") + "\(rest)"
    }

    public func isQuiet(at date: Date, in zone: TimeZone) -> Bool {
        guard startMinute != endMinute else { return false }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        let minute = (parts.hour ?? 0) * 60 + (parts.minute ?? 0)
        return startMinute < endMinute
            ? (startMinute <= minute && minute < endMinute)
            : (minute >= startMinute || minute < endMinute)
    }

    /// `date` itself when it is outside the window, else the window's end in `zone`.
    public func nextAllowed(after date: Date, in zone: TimeZone) -> Date {
        guard isQuiet(at: date, in: zone) else { return date }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let end = DateComponents(hour: endMinute / 60, minute: endMinute % 60, second: 0)
        return calendar.nextDate(after: date, matching: end, matchingPolicy: .nextTime) ?? date
    }
}
