import Foundation
import WaybillCore

/// What a TrackingDetail `datetime` (`2024-07-15T06:17:50Z`) means.
///
/// Evidence, weighed:
/// - EasyPost's Tracker documentation (docs.easypost.com/docs/trackers): "When enough location
///   information is present, EasyPost assigns the appropriate local time zone to the event's
///   datetime. When location information is incomplete, timestamps default to UTC." EasyPost
///   makes an instant of the carrier's local time and prints it in UTC.
/// - A production `tracker.updated` webhook (issue 13): read as a wall clock, a scan lands
///   3.5 hours after the webhook itself was created; read as UTC it comes before it.
/// - Test mode proves nothing about zones: its details are a fixed schedule counted from the
///   tracker's creation in UTC (the first detail is `updated_at` minus 31 days to the second in
///   easypost-php's and easypost-java's recorded `GET /v2/trackers` pages and in the official
///   `trackers-retrieve` example), so a test-mode "Out for Delivery" at `08:05Z` in Charleston
///   is the hour the test ran, not a local wall clock.
///
/// So `...Z` is read as UTC first (the place's wall clock is derived from its zone), and as
/// the place's wall clock only when the UTC reading is impossible, i.e. later than the
/// document that reports it (`PlausibleTime`). When both readings are impossible the instant
/// is unknown, the digits are kept as the local time, and a warning says so.
enum EasyPostTime {
    struct Resolution {
        var reading: ZoneResolver.Resolved
        var warning: String?
    }

    static func resolve(_ text: String?, location: Location?, reportedAt: Date?) -> Resolution {
        guard let text = EasyPostText.clean(text) else { return Resolution(reading: ZoneResolver.resolve(local: nil)) }
        let wallClock = EasyPostText.wallClock(text)
        var readings: [ZoneResolver.Resolved] = []
        if let (instant, offset) = Timestamp.parseLenient(text) {
            if offset.seconds == 0 {
                readings.append(ISOCarrierTime.utc(instant, location: location))
                readings.append(ZoneResolver.resolve(local: wallClock, location: location))
            } else {
                readings.append(ZoneResolver.resolve(local: LocalDateTime(instant: instant, offset: offset), offset: offset))
            }
        } else if let wallClock {
            readings.append(ZoneResolver.resolve(local: wallClock, location: location))
        } else {
            return Resolution(reading: ZoneResolver.resolve(local: nil), warning: "unreadable time '\(text)'; instant unknown")
        }
        let choice = PlausibleTime.choose(readings, reportedAt: reportedAt, wallClock: wallClock)
        guard !choice.isPlausible, let reportedAt else { return Resolution(reading: choice.reading) }
        return Resolution(reading: choice.reading, warning: "time '\(text)' is later than the document that reports it "
                          + "(\(Timestamp.utcString(reportedAt))) in every reading; instant unknown, local time kept")
    }

    /// The latest of a document's own timestamps (`created_at`, `updated_at`) and `extra`.
    static func latest(_ texts: [String?], and extra: Date? = nil) -> Date? {
        (texts.compactMap { EasyPostText.clean($0).flatMap(Timestamp.parseLenient)?.date } + [extra].compactMap { $0 }).max()
    }
}
