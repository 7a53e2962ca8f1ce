import Foundation
import SQLKit
import WaybillCore

/// Legs and routing rules (migration 8).
extension SQLStore {
    public func linkLeg(_ leg: NewShipmentLeg) async throws -> LinkedLeg? {
        let number = TrackingNumber.normalize(leg.trackingNumber)
        guard !number.isEmpty, !leg.carrier.isEmpty else { throw StoreError.invalid("a leg needs a tracking number and a carrier") }
        return try await backend.transaction { db in
            guard let shipment = try await db.raw("""
                SELECT tracking_number, carrier FROM shipments WHERE id = \(bind: leg.shipmentID) AND tenant_id = \(bind: leg.tenantID)
                """).first() else { throw StoreError.notFound(kind: "shipment", id: leg.shipmentID) }
            if try shipment.text("tracking_number") == number && shipment.text("carrier") == leg.carrier { return nil }
            if let other = try await db.raw("""
                SELECT id FROM shipments WHERE tenant_id = \(bind: leg.tenantID) AND tracking_number = \(bind: number)
                AND carrier = \(bind: leg.carrier)
                """).first() {
                throw StoreError.invalid("\(leg.carrier) \(number) is shipment \(try other.text("id"))'s own tracking number")
            }
            let id = Identifier.make(.shipmentLeg)
            let inserted = try await db.raw("""
                INSERT INTO shipment_legs (id, tenant_id, shipment_id, tracking_number, carrier, role, linked_by, created_at)
                VALUES (\(bind: id), \(bind: leg.tenantID), \(bind: leg.shipmentID), \(bind: number), \(bind: leg.carrier),
                        \(bind: leg.role.rawValue), \(bind: leg.linkedBy), \(bind: Column.time(Date())))
                ON CONFLICT (tenant_id, tracking_number, carrier) DO NOTHING RETURNING id
                """).all()
            guard let row = try await db.raw("""
                SELECT * FROM shipment_legs WHERE tenant_id = \(bind: leg.tenantID) AND tracking_number = \(bind: number)
                AND carrier = \(bind: leg.carrier)
                """).first() else { throw StoreError.notFound(kind: "leg", id: number) }
            let stored = try Self.shipmentLeg(row)
            guard stored.shipmentID == leg.shipmentID else {
                throw StoreError.invalid("\(leg.carrier) \(number) is already a leg of shipment \(stored.shipmentID)")
            }
            if !inserted.isEmpty {
                // A new leg changes what the shipment shows (tracking page, ETags).
                try await db.raw("""
                    UPDATE shipments SET updated_at = \(bind: Column.time(Date())) WHERE id = \(bind: leg.shipmentID) AND tenant_id = \(bind: leg.tenantID)
                    """).run()
                try await Self.audit(db, tenantID: leg.tenantID, actor: leg.actor, action: "shipment.leg_linked",
                                     subjectType: "shipment", subjectID: leg.shipmentID,
                                     details: ["leg": stored.id, "carrier": leg.carrier, "role": leg.role.rawValue,
                                               "linked_by": leg.linkedBy])
            }
            return LinkedLeg(leg: stored, isNew: !inserted.isEmpty)
        }
    }

    public func legs(shipmentID: String, tenantID: String) async throws -> [ShipmentLeg] {
        try await backend.read { db in
            try await db.raw("""
                SELECT * FROM shipment_legs WHERE shipment_id = \(bind: shipmentID) AND tenant_id = \(bind: tenantID)
                ORDER BY created_at, id
                """).all().map(Self.shipmentLeg)
        }
    }

    public func shipmentID(forLeg trackingNumber: String, carrier: String, tenantID: String) async throws -> String? {
        try await backend.read { db in
            try await db.raw("""
                SELECT shipment_id FROM shipment_legs WHERE tenant_id = \(bind: tenantID)
                AND tracking_number = \(bind: TrackingNumber.normalize(trackingNumber)) AND carrier = \(bind: carrier)
                """).first().map { try $0.text("shipment_id") }
        }
    }

    static func shipmentLeg(_ row: any SQLRow) throws -> ShipmentLeg {
        ShipmentLeg(
            id: try row.text("id"), tenantID: try row.text("tenant_id"), shipmentID: try row.text("shipment_id"),
            trackingNumber: try row.text("tracking_number"), carrier: try row.text("carrier"),
            role: try row.enumValue("role", as: HandoverDetector.Role.self), linkedBy: try row.text("linked_by"),
            createdAt: try row.date("created_at"), polling: try pollingState(row))
    }

    // MARK: Routing rules

    public func routingRules(tenantID: String) async throws -> [RoutingRule] {
        try await backend.read { db in try await Self.routingRules(db, tenantID: tenantID) }
    }

    static func routingRules(_ db: any SQLDatabase, tenantID: String) async throws -> [RoutingRule] {
        try await db.raw("""
            SELECT carrier, rule, updated_at FROM routing_rules WHERE tenant_id = \(bind: tenantID) ORDER BY carrier
            """).all().map { row in
            try Column.decodeJSON(try row.text("rule"), as: StoredRule.self)
                .rule(carrier: try row.text("carrier"), updatedAt: try row.date("updated_at"))
        }
    }

    public func saveRoutingRule(_ rule: RoutingRule, tenantID: String, actor: String) async throws -> RoutingRule {
        let now = Date()
        let stored = Column.json(StoredRule(rule))
        try await backend.transaction { db in
            try await db.raw("""
                INSERT INTO routing_rules (tenant_id, carrier, rule, updated_at)
                VALUES (\(bind: tenantID), \(bind: rule.carrier), \(bind: stored), \(bind: Column.time(now)))
                ON CONFLICT (tenant_id, carrier) DO UPDATE SET rule = excluded.rule, updated_at = excluded.updated_at
                """).run()
            try await Self.audit(db, tenantID: tenantID, actor: actor, action: "routing_rule.saved", subjectType: "routing_rule",
                                 subjectID: rule.carrier, details: ["rule": stored])
            try await Self.reconcileAggregatorShipments(db, tenantID: tenantID)
        }
        var saved = rule
        saved.updatedAt = Date(timeIntervalSince1970: (now.timeIntervalSince1970 * 1000).rounded(.down) / 1000)
        return saved
    }

    public func deleteRoutingRule(carrier: String, tenantID: String, actor: String) async throws -> Bool {
        try await backend.transaction { db in
            let deleted = try await db.raw("""
                DELETE FROM routing_rules WHERE tenant_id = \(bind: tenantID) AND carrier = \(bind: carrier) RETURNING carrier
                """).all()
            if !deleted.isEmpty {
                try await Self.audit(db, tenantID: tenantID, actor: actor, action: "routing_rule.deleted",
                                     subjectType: "routing_rule", subjectID: carrier, details: [:])
                try await Self.reconcileAggregatorShipments(db, tenantID: tenantID)
            }
            return !deleted.isEmpty
        }
    }

    /// The rule column: everything but the key.
    struct StoredRule: Codable {
        var trustedFeed: String
        var poll: String
        var webhookSilenceAfterSeconds: Double
        var fallbackAggregator: String?
        var fallbackAfterFailures: Int

        init(_ rule: RoutingRule) {
            trustedFeed = rule.trustedFeed.rawValue
            poll = rule.poll.rawValue
            webhookSilenceAfterSeconds = rule.webhookSilenceAfter.timeInterval
            fallbackAggregator = rule.fallbackAggregator
            fallbackAfterFailures = rule.fallbackAfterFailures
        }

        func rule(carrier: String, updatedAt: Date) throws -> RoutingRule {
            guard let trusted = RoutingRule.TrustedFeed(rawValue: trustedFeed), let mode = RoutingRule.PollMode(rawValue: poll) else {
                throw StoreError.corrupt("routing rule for \(carrier) has trusted_feed \(trustedFeed), poll \(poll)")
            }
            return RoutingRule(carrier: carrier, trustedFeed: trusted, poll: mode,
                               webhookSilenceAfter: .seconds(webhookSilenceAfterSeconds), fallbackAggregator: fallbackAggregator,
                               fallbackAfterFailures: fallbackAfterFailures, updatedAt: updatedAt)
        }
    }

    // MARK: Feeds of one shipment

    /// A changed rule applies to what is stored, not only to what arrives next: the shipments an
    /// aggregator reported on are reconciled again. Copies pair only with events of the same status
    /// and substatus, so statuses stay; the newest event (and its time) may become the twin's.
    static func reconcileAggregatorShipments(_ db: any SQLDatabase, tenantID: String) async throws {
        let rows = try await db.raw("""
            SELECT DISTINCT shipment_id FROM events WHERE tenant_id = \(bind: tenantID)
            AND reported_by IN (\(binds: CarrierFeeds.aggregators.sorted()))
            """).all()
        _ = try await recomputeStates(db, tenantID: tenantID, shipmentIDs: try rows.map { try $0.text("shipment_id") }.sorted())
    }

    /// Marks (and unmarks) the copies of another feed's events the tenants' rules do not trust,
    /// for the shipments whose events came from more than one feed.
    static func reconcileFeeds(_ db: any SQLDatabase, _ shipments: inout [String: ShipmentEvents]) async throws {
        let mixed = shipments.filter { $0.value.needsReconciling }
        guard !mixed.isEmpty else { return }
        var rulesByTenant: [String: [RoutingRule]] = [:]
        for tenantID in Set(mixed.values.map(\.tenantID)) {
            rulesByTenant[tenantID] = try await routingRules(db, tenantID: tenantID)
        }
        for (shipmentID, var entry) in mixed {
            let rules = rulesByTenant[entry.tenantID] ?? []
            let supersessions = FeedReconciler.supersessions(of: entry.entries, shipmentCarrier: entry.carrier) {
                RoutingRule.effective(for: $0, in: rules).trustedFeed
            }
            for (index, id) in entry.ids.enumerated() where supersessions[id] != entry.supersededBy[index] {
                entry.supersededBy[index] = supersessions[id]
                try await db.raw("""
                    UPDATE events SET superseded_by = \(bind: supersessions[id]) WHERE tenant_id = \(bind: entry.tenantID) AND id = \(bind: id)
                    """).run()
            }
            shipments[shipmentID] = entry
        }
    }
}

/// The events of one shipment as status resolution and feed reconciliation read them.
struct ShipmentEvents {
    let tenantID: String
    /// The shipment's own carrier.
    let carrier: String
    var ids: [String] = []
    var events: [CanonicalEvent] = []
    var entries: [FeedReconciler.Entry] = []
    var supersededBy: [String?] = []

    init(tenantID: String, carrier: String) {
        self.tenantID = tenantID
        self.carrier = carrier
    }

    mutating func append(id: String, event: CanonicalEvent, carrier: String?, reportedBy: String?, supersededBy: String?) {
        ids.append(id)
        events.append(event)
        entries.append(FeedReconciler.Entry(id: id, status: event.status, substatus: event.substatus, occurredAt: event.occurredAt,
                                            localTime: event.localTime, carrier: carrier, reportedBy: reportedBy))
        self.supersededBy.append(supersededBy)
    }

    /// Whether two feeds reported it, or an earlier reconciliation left marks to revisit.
    var needsReconciling: Bool {
        Set(entries.map { CarrierFeeds.isAggregator($0.reportedBy) }).count > 1 || supersededBy.contains { $0 != nil }
    }

    /// The events that count: those not superseded.
    var trusted: (ids: [String], events: [CanonicalEvent]) {
        let kept = ids.indices.filter { supersededBy[$0] == nil }
        return (kept.map { ids[$0] }, kept.map { events[$0] })
    }
}
