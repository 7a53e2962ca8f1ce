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
        /// Wrong second factors for one order, from all clients together.
        static let perOrder = Policy(maxFailures: 10, window: .seconds(3600))
    }

    private let policy: Policy
    private var failures: [String: [ContinuousClock.Instant]] = [:]
    private let clock = ContinuousClock()
    /// Most keys remembered: past it the least recently failing are forgotten, so a flood of
    /// new addresses costs a bounded amount of memory (at worst it lets some of them retry early).
    private let capacity: Int

    init(policy: Policy = .standard, capacity: Int = 50_000) {
        self.policy = policy
        self.capacity = capacity
    }

    /// How many keys are remembered now.
    var trackedKeys: Int { failures.count }

    /// Whether `client` may look something up now.
    func allows(_ client: String) -> Bool {
        recent(client).count < policy.maxFailures
    }

    /// Records a failed lookup by `client`.
    func recordFailure(_ client: String) {
        var list = recent(client)
        list.append(clock.now)
        failures[client] = Array(list.suffix(policy.maxFailures))
        if failures.count > capacity { prune() }
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
        guard failures.count > capacity else { return }
        let newestFirst = failures.sorted { ($0.value.last ?? cutoff) > ($1.value.last ?? cutoff) }
        failures = Dictionary(uniqueKeysWithValues: newestFirst.prefix(capacity * 3 / 4).map { ($0.key, $0.value) })
    }
}

/// Who is asking, for rate limiting. Behind proxies the operator lists in
/// `WAYBILL_TRUSTED_PROXIES` (CIDR blocks), the client is the rightmost `X-Forwarded-For` hop that
/// is not one of them: every hop to its left was written by the client and proves nothing. A
/// request from anywhere else is its peer address; `X-Forwarded-For` is then ignored.
struct ClientIdentity: Sendable {
    let trustedProxies: [IPRange]

    func key(_ request: Request, context: some RequestContext) -> String {
        guard let peer = (context as? any RemoteAddressRequestContext)?.remoteAddress?.ipAddress else { return "unknown-peer" }
        guard isTrusted(peer), let forwarded = request.headers[.init("X-Forwarded-For")!] else { return peer }
        let hops = forwarded.split(separator: ",").map { $0.trimmed }.filter { !$0.isEmpty }
        for hop in hops.reversed() where !isTrusted(hop) {
            return IPAddress(hop)?.description ?? "unparsable-forwarded-for"
        }
        return hops.first.flatMap { IPAddress($0)?.description } ?? peer
    }

    private func isTrusted(_ address: String) -> Bool {
        guard !trustedProxies.isEmpty, let address = IPAddress(address) else { return false }
        return trustedProxies.contains { $0.contains(address) }
    }
}

extension ServerConfiguration {
    /// `WAYBILL_TRUSTED_PROXIES`; throws naming the entry that is not a CIDR block.
    public static func trustedProxies(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> [IPRange] {
        do {
            return try IPRange.list(environment["WAYBILL_TRUSTED_PROXIES"] ?? "")
        } catch {
            throw ConfigurationError("WAYBILL_TRUSTED_PROXIES: \"\(error.entry)\" is not an address or CIDR block")
        }
    }
}
