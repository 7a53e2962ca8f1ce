import Foundation
import SQLKit
import WaybillCore

/// What the outbox writer (WaybillNotify's `OutboxWriter`) reads and writes inside a transaction
/// of the data path. The decisions (which triggers fired, which rules match, what a message
/// says) are the writer's; these are the rows.
extension StoreTransaction {
    /// The tenant's active webhook subscriptions and enabled alert rules, its default rules
    /// created first if it never had any. Read once per transaction: a batch of payloads of one
    /// tenant reads them once.
    public func notificationSettings(tenantID: String, now: Date) async throws -> NotificationSettings {
        try await memo.value("notification-settings:\(tenantID)") {
            try await SQLStore.ensureDefaultRules(db, tenantID: tenantID, now: now)
            return NotificationSettings(subscriptions: try await SQLStore.activeSubscriptions(db, tenantID: tenantID),
                                        rules: try await SQLStore.rules(db, tenantID: tenantID, enabledOnly: true))
        }
    }

    /// Each shipment as the outbox writer sees it, by id.
    public func shipmentFacts(tenantID: String, ids: [String]) async throws -> [ShipmentFacts] {
        var facts: [ShipmentFacts] = []
        for chunk in ids.chunked(SQLStore.insertChunk) {
            let rows = try await db.raw("""
                SELECT s.*, e.reason AS last_reason, e.country AS last_country, e.city AS last_city,
                    e.region AS last_region, e.postal_code AS last_postal_code, e.occurred_at AS last_occurred_at,
                    e.carrier_code AS last_carrier_code, e.carrier_description AS last_description, e.substatus AS last_substatus,
                    e.status AS last_status, e.signed_by AS last_signed_by, e.action_required AS last_action_required,
                    o.metadata AS order_metadata, o.customer_time_zone AS order_time_zone,
                    st.substatus AS prev_substatus, st.reason AS prev_reason, st.eta_earliest AS prev_eta_earliest,
                    st.eta_latest AS prev_eta_latest, st.sequence AS prev_sequence
                FROM shipments s
                LEFT JOIN events e ON e.tenant_id = s.tenant_id AND e.id = s.last_event_id
                LEFT JOIN orders o ON o.tenant_id = s.tenant_id AND o.id = s.order_ref
                LEFT JOIN notification_shipment_state st ON st.tenant_id = s.tenant_id AND st.shipment_id = s.id
                WHERE s.tenant_id = \(bind: tenantID) AND s.id IN (\(binds: Array(chunk)))
                ORDER BY s.id
                """).all()
            facts += try rows.map(ShipmentFacts.init(row:))
        }
        return facts
    }

    /// The statuses of all the shipments of an order.
    public func shipmentStatuses(orderRef: String) async throws -> [ShipmentStatus] {
        try await db.raw("SELECT status FROM shipments WHERE order_ref = \(bind: orderRef)").all()
            .map { try $0.enumValue("status", as: ShipmentStatus.self) }
    }

    /// Records that a condition fired for a subject (a shipment, an order) at `marker` (its last
    /// event, its ETA); false when it had fired there before.
    public func markFired(subjectID: String, condition: String, marker: String, tenantID: String, now: Date) async throws -> Bool {
        try await !db.raw("""
            INSERT INTO notification_markers (subject_id, condition, marker, tenant_id, fired_at)
            VALUES (\(bind: subjectID), \(bind: condition), \(bind: marker), \(bind: tenantID), \(bind: Column.time(now)))
            ON CONFLICT (tenant_id, subject_id, condition, marker) DO NOTHING
            RETURNING subject_id
            """).all().isEmpty
    }

    /// The newest message with this collapse key not yet tried, if any.
    public func pendingMessage(collapseKey: String, tenantID: String) async throws -> PendingMessage? {
        try await db.raw("""
            SELECT id, next_attempt_at FROM notification_messages
            WHERE tenant_id = \(bind: tenantID) AND collapse_key = \(bind: collapseKey)
            AND state = 'pending' AND attempts = 0 ORDER BY seq DESC LIMIT 1
            """).first().map { PendingMessage(id: try $0.text("id"), deliverAt: try $0.date("next_attempt_at")) }
    }

    /// Whether a message with this dedupe key was ever written.
    public func hasMessage(dedupeKey: String, tenantID: String) async throws -> Bool {
        try await !db.raw("""
            SELECT id FROM notification_messages WHERE tenant_id = \(bind: tenantID) AND dedupe_key = \(bind: dedupeKey)
            """).all().isEmpty
    }

    /// Writes a message to the outbox (nothing when its id or dedupe key is there already).
    public func enqueue(_ message: NewOutboxMessage) async throws {
        let nowText = Column.time(message.createdAt)
        try await db.raw("""
            INSERT INTO notification_messages (id, tenant_id, channel, target_id, shipment_id, order_id, event_type, sequence,
                ordering_key, body, state, attempts, next_attempt_at, retry_window_start, dedupe_key, collapse_key,
                created_at, updated_at)
            VALUES (\(bind: message.id), \(bind: message.tenantID), \(bind: message.channel.rawValue), \(bind: message.targetID),
                    \(bind: message.shipmentID), \(bind: message.orderRef), \(bind: message.eventType), \(bind: message.sequence),
                    \(bind: message.orderingKey), \(bind: message.body), 'pending', 0, \(bind: Column.time(message.deliverAt)),
                    \(bind: nowText), \(bind: message.dedupeKey), \(bind: message.collapseKey), \(bind: nowText), \(bind: nowText))
            ON CONFLICT DO NOTHING
            """).run()
    }

    /// Replaces the body of a pending message with a newer one (a burst collapsed into it).
    public func collapse(intoPendingMessage id: String, body: String, sequence: Int, now: Date) async throws {
        try await db.raw("""
            UPDATE notification_messages SET body = \(bind: body), collapsed_count = collapsed_count + 1,
                sequence = \(bind: sequence), updated_at = \(bind: Column.time(now))
            WHERE id = \(bind: id) AND state = 'pending'
            """).run()
    }

    /// Remembers what each shipment's triggers were detected against, and its last message
    /// sequence number, in one statement per chunk.
    public func saveTriggerStates(_ states: [(facts: ShipmentFacts, sequence: Int)], tenantID: String, now: Date) async throws {
        for chunk in states.chunked(SQLStore.insertChunk) {
            let rows: [SQLQueryString] = chunk.map { facts, sequence in
                let shipment = facts.shipment
                return """
                    (\(bind: shipment.id), \(bind: tenantID), \(bind: shipment.status.rawValue), \(bind: shipment.substatus?.rawValue),
                     \(bind: facts.reason?.rawValue), \(bind: Column.time(shipment.estimatedDelivery?.earliest)),
                     \(bind: Column.time(shipment.estimatedDelivery?.latest)), \(bind: sequence), \(bind: Column.time(now)))
                    """
            }
            try await db.raw("""
                INSERT INTO notification_shipment_state (shipment_id, tenant_id, status, substatus, reason, eta_earliest, eta_latest,
                    sequence, updated_at)
                VALUES \(rows.joined(separator: ", "))
                ON CONFLICT (tenant_id, shipment_id) DO UPDATE SET status = excluded.status, substatus = excluded.substatus,
                    reason = excluded.reason, eta_earliest = excluded.eta_earliest, eta_latest = excluded.eta_latest,
                    sequence = excluded.sequence, updated_at = excluded.updated_at
                """).run()
        }
    }

    /// Locks the shipment until the transaction ends (so concurrent writers take turns); throws
    /// `StoreError.notFound` when the tenant has no such shipment.
    public func lockShipment(id: String, tenantID: String) async throws {
        _ = try await store.lockShipments(db, ids: [id], tenantID: tenantID)
    }
}

/// A tenant's webhook subscriptions and enabled alert rules.
public struct NotificationSettings: Sendable {
    public var subscriptions: [WebhookSubscription]
    public var rules: [AlertRule]
}

/// A message waiting for its first attempt.
public struct PendingMessage: Sendable, Hashable {
    public var id: String
    public var deliverAt: Date
}

/// A row for the outbox.
public struct NewOutboxMessage: Sendable, Hashable {
    public var id: String
    public var tenantID: String
    public var channel: OutboundMessage.Channel
    /// The webhook subscription or alert rule it is for.
    public var targetID: String
    public var shipmentID: String
    public var orderRef: String?
    public var eventType: String
    public var sequence: Int
    /// Messages with one ordering key are delivered in sequence (a subscription and a shipment).
    public var orderingKey: String?
    public var body: String
    public var deliverAt: Date
    public var dedupeKey: String?
    public var collapseKey: String?
    public var createdAt: Date

    public init(id: String, tenantID: String, channel: OutboundMessage.Channel, targetID: String, shipmentID: String,
                orderRef: String?, eventType: String, sequence: Int, orderingKey: String?, body: String, deliverAt: Date,
                dedupeKey: String?, collapseKey: String?, createdAt: Date) {
        self.id = id
        self.tenantID = tenantID
        self.channel = channel
        self.targetID = targetID
        self.shipmentID = shipmentID
        self.orderRef = orderRef
        self.eventType = eventType
        self.sequence = sequence
        self.orderingKey = orderingKey
        self.body = body
        self.deliverAt = deliverAt
        self.dedupeKey = dedupeKey
        self.collapseKey = collapseKey
        self.createdAt = createdAt
    }
}
