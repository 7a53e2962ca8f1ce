import Foundation
import WaybillCore

/// What the simulator has served: requests per carrier and endpoint, faults, tokens, webhooks.
public struct SimulatorStats: Sendable, Hashable {
    /// carrier → endpoint (`track`, `oauth`) → requests.
    public var requests: [String: [String: Int]] = [:]
    /// carrier → fault kind → times served.
    public var faultsServed: [String: [String: Int]] = [:]
    /// carrier → tokens issued.
    public var tokensIssued: [String: Int] = [:]
    /// carrier → tracking requests rejected for a missing, invalid or expired token.
    public var unauthorized: [String: Int] = [:]
    public var webhooksDelivered = 0
    public var webhookFailures = 0

    public init() {}

    public func requests(carrier: String, endpoint: String) -> Int { requests[carrier]?[endpoint] ?? 0 }
    public func faults(carrier: String, kind: FaultKind) -> Int { faultsServed[carrier]?[kind.rawValue] ?? 0 }

    public var json: JSONValue {
        func nested(_ table: [String: [String: Int]]) -> JSONValue {
            .object(table.mapValues { .object($0.mapValues { .number(Double($0)) }) })
        }
        return .object([
            "requests": nested(requests),
            "faults_served": nested(faultsServed),
            "tokens_issued": .object(tokensIssued.mapValues { .number(Double($0)) }),
            "unauthorized": .object(unauthorized.mapValues { .number(Double($0)) }),
            "webhooks": .object(["delivered": .number(Double(webhooksDelivered)), "failures": .number(Double(webhookFailures))]),
        ])
    }
}

/// Thread-safe counters behind `SimulatorStats`.
final class StatsRecorder: Sendable {
    private let stats = Locked(SimulatorStats())

    func request(_ carrier: String, _ endpoint: String) { stats.withLock { $0.requests[carrier, default: [:]][endpoint, default: 0] += 1 } }
    func fault(_ carrier: String, _ kind: FaultKind) { stats.withLock { $0.faultsServed[carrier, default: [:]][kind.rawValue, default: 0] += 1 } }
    func token(_ carrier: String) { stats.withLock { $0.tokensIssued[carrier, default: 0] += 1 } }
    func unauthorized(_ carrier: String) { stats.withLock { $0.unauthorized[carrier, default: 0] += 1 } }
    func webhook(delivered: Bool) { stats.withLock { if delivered { $0.webhooksDelivered += 1 } else { $0.webhookFailures += 1 } } }
    var snapshot: SimulatorStats { stats.withLock { $0 } }
}
