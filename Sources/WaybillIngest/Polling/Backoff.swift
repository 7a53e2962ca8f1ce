import Foundation
import WaybillCore

/// Retry delays for failed carrier calls.
public enum Backoff {
    /// Exponential backoff with full jitter: uniform in [0, min(cap, base·2^(attempt-1))].
    public static func fullJitter(attempt: Int, base: TimeInterval = 30, cap: TimeInterval = 3600,
                                  random: (ClosedRange<Double>) -> Double = { Double.random(in: $0) }) -> TimeInterval {
        let ceiling = min(cap, base * pow(2, Double(max(0, attempt - 1))))
        return random(0...ceiling)
    }

    /// A `Retry-After` header: delay seconds or an HTTP date; nil when absent or unreadable.
    public static func retryAfter(_ value: String?, now: Date) -> TimeInterval? {
        guard let value = value?.trimmed, !value.isEmpty else { return nil }
        if let seconds = Double(value) { return max(0, seconds) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: value) else { return nil }
        return max(0, date.timeIntervalSince(now))
    }
}
