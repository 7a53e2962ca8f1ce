import Foundation

/// Formats dates and times for customers, in the language's conventions and a given zone.
/// Formatters are built once per (language, pattern, zone) and reused.
public struct CustomerDateFormatter: Sendable {
    public let language: Language

    public init(language: Language) {
        self.language = language
    }

    /// A day, e.g. "Thursday 26 November 2026" / "jeudi 26 novembre 2026".
    public func date(_ instant: Date, in zone: TimeZone) -> String {
        FormatterCache.shared.format(instant, template: .longDate, language: language, zone: zone)
    }

    /// A day and a time of day, e.g. "Thu 26 Nov, 14:05".
    public func dateTime(_ instant: Date, in zone: TimeZone) -> String {
        FormatterCache.shared.format(instant, template: .shortDateTime, language: language, zone: zone)
    }

    /// A time of day, e.g. "14:05" or "2:05 PM" by locale.
    public func time(_ instant: Date, in zone: TimeZone) -> String {
        FormatterCache.shared.format(instant, template: .time, language: language, zone: zone)
    }

    /// A carrier's wall-clock reading shown as the carrier gave it: the date alone when the
    /// carrier gave only a date, else date and time; the offset is not applied twice.
    public func local(_ local: LocalDateTime) -> String {
        let instant = local.instant(atOffset: UTCOffset(seconds: 0))
        let template: FormatTemplate = local.hasTime ? .shortDateTime : .longDate
        return FormatterCache.shared.format(instant, template: template, language: language, zone: FormatterCache.utc)
    }

    /// A calendar day (no time) given as a local date, e.g. an ETA day.
    public func day(_ local: LocalDateTime) -> String {
        let instant = local.date.instant(atOffset: UTCOffset(seconds: 0))
        return FormatterCache.shared.format(instant, template: .longDate, language: language, zone: FormatterCache.utc)
    }

    /// The zone of an IANA name, or of a fixed offset, or UTC.
    public static func zone(identifier: String?, offset: UTCOffset? = nil) -> TimeZone {
        if let identifier, let zone = TimeZone(identifier: identifier) { return zone }
        if let offset, let zone = TimeZone(secondsFromGMT: offset.seconds) { return zone }
        return FormatterCache.utc
    }
}

enum FormatTemplate: String, Sendable {
    case longDate = "EEEEdMMMMy"
    case shortDateTime = "EEEdMMMjmm"
    case time = "jmm"
}

/// DateFormatter instances keyed by language, template and zone. DateFormatter is not
/// documented as thread-safe, so each use holds the lock; formatting takes microseconds.
final class FormatterCache: @unchecked Sendable {
    static let shared = FormatterCache()
    static let utc = TimeZone(identifier: "UTC")!

    private let lock = NSLock()
    private var formatters: [String: DateFormatter] = [:]

    func format(_ instant: Date, template: FormatTemplate, language: Language, zone: TimeZone) -> String {
        let key = language.rawValue + "|" + template.rawValue + "|" + zone.identifier
        lock.lock()
        defer { lock.unlock() }
        if let formatter = formatters[key] {
            return formatter.string(from: instant)
        }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: language.messages.localeIdentifier)
        formatter.timeZone = zone
        formatter.setLocalizedDateFormatFromTemplate(template.rawValue)
        if formatters.count > 2_000 { formatters.removeAll(keepingCapacity: true) }
        formatters[key] = formatter
        return formatter.string(from: instant)
    }
}
