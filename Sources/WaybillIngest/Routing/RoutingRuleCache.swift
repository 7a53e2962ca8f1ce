import Foundation
import WaybillCore
import WaybillStore

/// The tenants' routing rules as the poller reads them: once per tenant per `lifetime`, so that
/// a poll does not cost a query. A rule saved through the API applies within `lifetime` on every
/// instance.
public actor RoutingRuleCache {
    private let store: any Store
    private let lifetime: TimeInterval
    private var entries: [String: (rules: [RoutingRule], fetchedAt: Date)] = [:]

    public init(store: any Store, lifetime: TimeInterval = 30) {
        self.store = store
        self.lifetime = lifetime
    }

    /// The rule that applies to `carrier` for `tenantID`.
    public func rule(for carrier: String, tenantID: String, now: Date = Date()) async throws -> RoutingRule {
        if let entry = entries[tenantID], now.timeIntervalSince(entry.fetchedAt) < lifetime {
            return RoutingRule.effective(for: carrier, in: entry.rules)
        }
        let rules = try await store.routingRules(tenantID: tenantID)
        entries[tenantID] = (rules, now)
        return RoutingRule.effective(for: carrier, in: rules)
    }
}
