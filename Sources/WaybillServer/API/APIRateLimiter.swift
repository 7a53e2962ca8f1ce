import Foundation
import Hummingbird
import Synchronization
import WaybillCore

/// One token bucket per API key, in this instance's memory: a key may make `burst` requests at
/// once and `perSecond` on average. Several instances each allow the limit.
final class APIRateLimiter: Sendable {
    struct Decision: Equatable {
        var allowed: Bool
        /// The bucket's size (`RateLimit-Limit`).
        var limit: Int
        /// Requests left right now (`RateLimit-Remaining`).
        var remaining: Int
        /// Seconds until the bucket is full again (`RateLimit-Reset`).
        var resetSeconds: Int
        /// Seconds until the next request is allowed (`Retry-After`), when this one is not.
        var retryAfterSeconds: Int
    }

    private struct Bucket {
        var tokens: Double
        var updated: ContinuousClock.Instant
    }

    private let buckets = Mutex<[String: Bucket]>([:])
    /// Keys remembered at most; a full bucket is forgotten first (it is the same as a new one).
    private let capacity: Int

    init(capacity: Int = 100_000) {
        self.capacity = capacity
    }

    func take(keyID: String, limit: RequestRateLimit, now: ContinuousClock.Instant = .now) -> Decision {
        let burst = Double(limit.burst)
        return buckets.withLock { buckets in
            var bucket = buckets[keyID] ?? Bucket(tokens: burst, updated: now)
            if buckets[keyID] == nil, buckets.count >= capacity { Self.forgetOne(&buckets, limit: limit, now: now) }
            bucket.tokens = min(burst, bucket.tokens + max(0, (now - bucket.updated).timeInterval) * limit.perSecond)
            bucket.updated = now
            let allowed = bucket.tokens >= 1
            if allowed { bucket.tokens -= 1 }
            buckets[keyID] = bucket
            return Decision(
                allowed: allowed, limit: limit.burst, remaining: Int(bucket.tokens.rounded(.down)),
                resetSeconds: Int(((burst - bucket.tokens) / limit.perSecond).rounded(.up)),
                retryAfterSeconds: allowed ? 0 : max(1, Int(((1 - bucket.tokens) / limit.perSecond).rounded(.up))))
        }
    }

    private static func forgetOne(_ buckets: inout [String: Bucket], limit: RequestRateLimit, now: ContinuousClock.Instant) {
        let full = buckets.first { now - $0.value.updated > .seconds(Double(limit.burst) / limit.perSecond) }
        let oldest = full ?? buckets.min { $0.value.updated < $1.value.updated }
        if let key = oldest?.key { buckets[key] = nil }
    }
}

extension APIRateLimiter.Decision {
    var headers: HTTPFields {
        var fields: HTTPFields = [
            .init("RateLimit-Limit")!: "\(limit)",
            .init("RateLimit-Remaining")!: "\(remaining)",
            .init("RateLimit-Reset")!: "\(resetSeconds)",
        ]
        if !allowed { fields[.retryAfter] = "\(retryAfterSeconds)" }
        return fields
    }
}

extension ServerConfiguration {
    public static let defaultAPIRateLimit = RequestRateLimit(perSecond: 50, burst: 100)

    /// `WAYBILL_API_RATE_PER_SECOND` and `WAYBILL_API_RATE_BURST` (default 50 and 100; a rate of 0
    /// turns the default limit off); throws naming the variable that is not a number.
    public static func apiRateLimit(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> RequestRateLimit? {
        var limit = defaultAPIRateLimit
        if let text = environment["WAYBILL_API_RATE_PER_SECOND"], !text.isEmpty {
            guard let perSecond = Double(text), perSecond >= 0, perSecond.isFinite else {
                throw ConfigurationError("WAYBILL_API_RATE_PER_SECOND: \"\(text)\" is not a number of requests per second")
            }
            if perSecond == 0 { return nil }
            limit = RequestRateLimit(perSecond: perSecond)
        }
        if let text = environment["WAYBILL_API_RATE_BURST"], !text.isEmpty {
            guard let burst = Int(text), burst >= 1 else {
                throw ConfigurationError("WAYBILL_API_RATE_BURST: \"\(text)\" is not a positive whole number")
            }
            limit.burst = burst
        }
        return limit
    }
}
