import Foundation

/// OAuth client-credentials tokens per carrier, with an expiry on the real clock (a client
/// caches tokens in real time, whatever the simulated clock does).
public final class TokenIssuer: Sendable {
    private struct Issued {
        var carrier: String
        var expiresAt: Date
    }

    private let tokens = Locked<[String: Issued]>([:])
    private let now: @Sendable () -> Date
    /// Lifetime of new tokens, in seconds.
    public let lifetime: TimeInterval

    public init(lifetime: TimeInterval, now: @escaping @Sendable () -> Date = { Date() }) {
        self.lifetime = lifetime
        self.now = now
    }

    func issue(carrier: String) -> (token: String, expiresIn: Int) {
        let token = "sim_\(carrier)_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        let expiresAt = now().addingTimeInterval(lifetime)
        tokens.withLock { $0[token] = Issued(carrier: carrier, expiresAt: expiresAt) }
        return (token, Int(lifetime.rounded()))
    }

    enum Verdict { case valid, missing, invalid, expired }

    func check(authorization: String?, carrier: String) -> Verdict {
        guard let authorization, authorization.lowercased().hasPrefix("bearer ") else { return .missing }
        let token = String(authorization.dropFirst(7)).trimmed
        guard let issued = tokens.withLock({ $0[token] }), issued.carrier == carrier else { return .invalid }
        return issued.expiresAt > now() ? .valid : .expired
    }

    /// Ends every token (of `carrier` when given) now: the next call needs a new one.
    public func expireAll(carrier: String? = nil) {
        let now = now()
        let carrier = carrier.map(SimulatedCarrier.canonical)
        tokens.withLock { tokens in
            for (key, issued) in tokens where carrier == nil || issued.carrier == carrier {
                tokens[key]?.expiresAt = now
            }
        }
    }
}
