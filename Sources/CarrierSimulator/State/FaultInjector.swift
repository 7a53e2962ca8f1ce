import Foundation

/// A failure the simulator serves instead of (or on top of) a carrier's normal answer.
public enum FaultKind: String, Sendable, Codable, CaseIterable {
    /// 429 with `Retry-After`.
    case rateLimit = "rate_limit"
    /// 500 with the carrier's error body.
    case serverError = "server_error"
    /// The normal answer, held back longer than a client's timeout.
    case timeout
    /// A 200 whose body is not the carrier's format (cut off mid-document).
    case malformed
    /// The normal answer with its events shuffled.
    case outOfOrder = "out_of_order"
    /// The normal answer with every event repeated.
    case duplicate
}

/// A rule: serve `kind` for `carrier`'s tracking requests, `count` times or until `until`.
public struct FaultRule: Sendable, Hashable {
    public var carrier: String
    public var kind: FaultKind
    public var remaining: Int?
    public var until: Date?

    public init(carrier: String, kind: FaultKind, count: Int? = nil, until: Date? = nil) {
        self.carrier = SimulatedCarrier.canonical(carrier)
        self.kind = kind
        self.remaining = count ?? (until == nil ? 1 : nil)
        self.until = until
    }
}

/// Active fault rules per carrier (real time for `for_seconds`, so a fault window does not
/// depend on the simulated clock's speed).
public final class FaultInjector: Sendable {
    private let rules = Locked<[FaultRule]>([])
    private let now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date = { Date() }) {
        self.now = now
    }

    public func inject(_ rule: FaultRule) {
        rules.withLock { $0.append(rule) }
    }

    public func clear(carrier: String? = nil) {
        let carrier = carrier.map(SimulatedCarrier.canonical)
        rules.withLock { $0.removeAll { carrier == nil || $0.carrier == carrier } }
    }

    public func active() -> [FaultRule] {
        let now = now()
        return rules.withLock { rules in
            rules.removeAll { !Self.isLive($0, now: now) }
            return rules
        }
    }

    /// The fault to serve for this request, if any (the oldest live rule; a counted rule is used up).
    func take(carrier: String) -> FaultKind? {
        let now = now()
        return rules.withLock { rules in
            rules.removeAll { !Self.isLive($0, now: now) }
            guard let index = rules.firstIndex(where: { $0.carrier == carrier }) else { return nil }
            let kind = rules[index].kind
            if let remaining = rules[index].remaining {
                if remaining <= 1 { rules.remove(at: index) } else { rules[index].remaining = remaining - 1 }
            }
            return kind
        }
    }

    private static func isLive(_ rule: FaultRule, now: Date) -> Bool {
        if let remaining = rule.remaining, remaining <= 0 { return false }
        if let until = rule.until, until <= now { return false }
        return true
    }
}
