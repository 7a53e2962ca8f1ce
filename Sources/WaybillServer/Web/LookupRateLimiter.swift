import Foundation
import Hummingbird
import WaybillCore

/// Counts failed public lookups (unknown tokens, tracking numbers, orders, wrong second factors)
/// per client and refuses further lookups from a client that failed too often recently:
/// enumeration gets a handful of 404s and then 429s.
actor LookupRateLimiter {
    struct Policy: Sendable {
        /// Failures allowed within `window` before the client is refused.
        var maxFailures: Int
        var window: Duration

        static let standard = Policy(maxFailures: 20, window: .seconds(600))
    }

    private let policy: Policy
    private var failures: [String: [ContinuousClock.Instant]] = [:]
    private let clock = ContinuousClock()

    init(policy: Policy = .standard) {
        self.policy = policy
    }

    /// Whether `client` may look something up now.
    func allows(_ client: String) -> Bool {
        recent(client).count < policy.maxFailures
    }

    /// Records a failed lookup by `client`.
    func recordFailure(_ client: String) {
        var list = recent(client)
        list.append(clock.now)
        failures[client] = list
        if failures.count > 50_000 { prune() }
    }

    /// Seconds until `client` may try again.
    func retryAfter(_ client: String) -> Int {
        guard let oldest = recent(client).first else { return 0 }
        let remaining = (oldest + policy.window) - clock.now
        return max(1, Int(remaining.components.seconds) + 1)
    }

    private func recent(_ client: String) -> [ContinuousClock.Instant] {
        guard let list = failures[client] else { return [] }
        let cutoff = clock.now - policy.window
        let kept = list.filter { $0 > cutoff }
        if kept.count != list.count { failures[client] = kept.isEmpty ? nil : kept }
        return kept
    }

    private func prune() {
        let cutoff = clock.now - policy.window
        failures = failures.compactMapValues { list in
            let kept = list.filter { $0 > cutoff }
            return kept.isEmpty ? nil : kept
        }
    }
}

/// Who is asking, for rate limiting: the peer address when the request context carries it,
/// the first `X-Forwarded-For` hop when the operator says a proxy is in front
/// (`WAYBILL_TRUSTED_PROXY=1`), else one shared key.
enum ClientIdentity {
    static let trustsProxy = ProcessInfo.processInfo.environment["WAYBILL_TRUSTED_PROXY"] == "1"

    static func key(_ request: Request, context: some RequestContext) -> String {
        if trustsProxy, let forwarded = request.headers[.init("X-Forwarded-For")!],
           let first = forwarded.split(separator: ",").first {
            let address = String(first).trimmed
            if !address.isEmpty, address.count <= 64 { return address }
        }
        if let address = (context as? any RemoteAddressRequestContext)?.remoteAddress?.ipAddress {
            return address
        }
        return "unknown-peer"
    }
}
