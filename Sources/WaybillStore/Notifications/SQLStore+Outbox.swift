import Foundation
import SQLKit
import Synchronization
import WaybillCore

/// The outbox writer: runs inside the ingest transaction, after the touched shipments' state was
/// recomputed, so a committed state change always has its messages and a rolled-back one none.
extension SQLStore {
    /// Detects the triggers of each shipment's change and writes one outbox row per matching
    /// webhook subscription and alert rule. `previous` holds the statuses before the change.
    func writeNotifications(_ db: any SQLDatabase, tenantID: String, previous: [String: ShipmentStatus],
                            shipmentIDs: [String], now: Date = Date()) async throws {
        guard !shipmentIDs.isEmpty else { return }
        let loaded: OutboxSettings.Tenant
        if let cached = OutboxSettings.current?.tenant(tenantID) {
            loaded = cached
        } else {
            loaded = try await OutboxSettings.read(db, tenantID: tenantID, now: now)
        }
        var writer = OutboxWriter(db: db, tenantID: tenantID, now: now, subscriptions: loaded.subscriptions, rules: loaded.rules)
        var states: [(facts: ShipmentFacts, sequence: Int)] = []
        for facts in try await Self.shipmentFacts(db, tenantID: tenantID, ids: shipmentIDs) {
            let before = TriggerSnapshot(
                status: previous[facts.shipment.id] ?? facts.shipment.status, substatus: facts.previousSubstatus,
                reason: facts.previousReason, etaEarliest: facts.previousETAEarliest, etaLatest: facts.previousETALatest)
            var triggers = TriggerDetector.detect(before: before, after: facts.snapshot)
            if triggers.contains(.statusEntered(.delivered)), let orderRef = facts.orderRef {
                triggers += try await Self.orderTriggers(db, tenantID: tenantID, orderRef: orderRef, now: now)
            }
            var sequence = facts.previousSequence
            try await writer.write(triggers: triggers, facts: facts, sequence: &sequence)
            states.append((facts, sequence))
        }
        try await Self.saveTriggerStates(db, tenantID: tenantID, states, now: now)
    }

    /// Fires time-based triggers for one shipment (from the sweeper), in the caller's transaction.
    func writeTimedNotifications(_ db: any SQLDatabase, tenantID: String, shipmentID: String, triggers: [ShipmentTrigger],
                                 webhooks: Bool, now: Date) async throws {
        try await Self.ensureDefaultRules(db, tenantID: tenantID, now: now)
        var writer = OutboxWriter(db: db, tenantID: tenantID, now: now,
                                  subscriptions: webhooks ? try await Self.activeSubscriptions(db, tenantID: tenantID) : [],
                                  rules: try await Self.rules(db, tenantID: tenantID, enabledOnly: true))
        for facts in try await Self.shipmentFacts(db, tenantID: tenantID, ids: [shipmentID]) {
            var sequence = facts.previousSequence
            try await writer.write(triggers: triggers, facts: facts, sequence: &sequence)
            try await Self.saveTriggerStates(db, tenantID: tenantID, [(facts, sequence)], now: now)
        }
    }

    static func shipmentFacts(_ db: any SQLDatabase, tenantID: String, ids: [String]) async throws -> [ShipmentFacts] {
        var facts: [ShipmentFacts] = []
        for chunk in ids.chunked(insertChunk) {
            let rows = try await db.raw("""
                SELECT s.*, e.reason AS last_reason, e.country AS last_country, e.city AS last_city,
                    e.region AS last_region, e.postal_code AS last_postal_code, e.occurred_at AS last_occurred_at,
                    e.carrier_code AS last_carrier_code, e.carrier_description AS last_description, e.substatus AS last_substatus,
                    e.status AS last_status, e.signed_by AS last_signed_by, e.action_required AS last_action_required,
                    o.metadata AS order_metadata, o.customer_time_zone AS order_time_zone,
                    st.substatus AS prev_substatus, st.reason AS prev_reason, st.eta_earliest AS prev_eta_earliest,
                    st.eta_latest AS prev_eta_latest, st.sequence AS prev_sequence
                FROM shipments s
                LEFT JOIN events e ON e.id = s.last_event_id
                LEFT JOIN orders o ON o.id = s.order_ref
                LEFT JOIN notification_shipment_state st ON st.shipment_id = s.id
                WHERE s.tenant_id = \(bind: tenantID) AND s.id IN (\(binds: Array(chunk)))
                ORDER BY s.id
                """).all()
            facts += try rows.map(ShipmentFacts.init(row:))
        }
        return facts
    }

    /// Order-level triggers once a shipment of the order is delivered: all delivered (once per
    /// order), or partially delivered.
    static func orderTriggers(_ db: any SQLDatabase, tenantID: String, orderRef: String, now: Date) async throws -> [ShipmentTrigger] {
        let statuses = try await db.raw("SELECT status FROM shipments WHERE order_ref = \(bind: orderRef)").all()
            .map { try $0.enumValue("status", as: ShipmentStatus.self) }
        switch OrderStatus.rollUp(statuses) {
        case .delivered:
            return try await mark(db, tenantID: tenantID, subjectID: orderRef, condition: "order_delivered", marker: "", now: now)
                ? [.orderDelivered] : []
        case .partiallyDelivered:
            return [.orderPartiallyDelivered]
        default:
            return []
        }
    }

    /// Records that a condition fired for a subject; false when it had fired before.
    static func mark(_ db: any SQLDatabase, tenantID: String, subjectID: String, condition: String, marker: String,
                     now: Date) async throws -> Bool {
        try await !db.raw("""
            INSERT INTO notification_markers (subject_id, condition, marker, tenant_id, fired_at)
            VALUES (\(bind: subjectID), \(bind: condition), \(bind: marker), \(bind: tenantID), \(bind: Column.time(now)))
            ON CONFLICT (subject_id, condition, marker) DO NOTHING
            RETURNING subject_id
            """).all().isEmpty
    }

    /// Remembers what each shipment's triggers were detected against, in one statement per chunk.
    static func saveTriggerStates(_ db: any SQLDatabase, tenantID: String, _ states: [(facts: ShipmentFacts, sequence: Int)],
                                  now: Date) async throws {
        for chunk in states.chunked(insertChunk) {
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
                ON CONFLICT (shipment_id) DO UPDATE SET status = excluded.status, substatus = excluded.substatus,
                    reason = excluded.reason, eta_earliest = excluded.eta_earliest, eta_latest = excluded.eta_latest,
                    sequence = excluded.sequence, updated_at = excluded.updated_at
                """).run()
        }
    }
}

/// A tenant's webhook subscriptions and enabled alert rules, read once for a batch of ingests
/// in one transaction (`SQLStore.ingest(storedPayloads:completingJobsOf:)`), just before it,
/// rather than once per payload. A subscription created while a batch runs is missed by the
/// batch, as it would be by a single ingest that read the subscriptions just before it was created;
/// its messages start with the next change.
final class OutboxSettings: Sendable {
    struct Tenant: Sendable {
        var subscriptions: [WebhookSubscription]
        var rules: [AlertRule]
    }

    /// Set for the duration of a batch; `writeNotifications` reads through it.
    @TaskLocal static var current: OutboxSettings?

    private let tenants = Mutex<[String: Tenant]>([:])

    /// Creates the tenant's default rules if it never had any, then reads its settings.
    static func read(_ db: any SQLDatabase, tenantID: String, now: Date) async throws -> Tenant {
        try await SQLStore.ensureDefaultRules(db, tenantID: tenantID, now: now)
        return try await settings(db, tenantID: tenantID)
    }

    private static func settings(_ db: any SQLDatabase, tenantID: String) async throws -> Tenant {
        Tenant(subscriptions: try await SQLStore.activeSubscriptions(db, tenantID: tenantID),
               rules: try await SQLStore.rules(db, tenantID: tenantID, enabledOnly: true))
    }

    /// Reads the tenant's settings into this batch's cache before its transaction, on a read
    /// connection (creating the default rules first, in a transaction of their own, for a
    /// tenant that never had them), so the batch's transaction does not spend the single
    /// SQLite writer on them.
    func load(_ backend: any DatabaseBackend, tenantID: String, now: Date) async throws {
        let known = try await backend.read { db in
            try await db.raw("SELECT tenant_id FROM notification_tenants WHERE tenant_id = \(bind: tenantID)").first() != nil
        }
        if !known {
            try await backend.transaction { db in try await SQLStore.ensureDefaultRules(db, tenantID: tenantID, now: now) }
        }
        let tenant = try await backend.read { db in try await Self.settings(db, tenantID: tenantID) }
        tenants.withLock { $0[tenantID] = tenant }
    }

    func tenant(_ tenantID: String) -> Tenant? {
        tenants.withLock { $0[tenantID] }
    }
}

/// A shipment as the outbox writer sees it: its state, its latest event and what it had before.
struct ShipmentFacts: Sendable {
    var shipment: Shipment
    var orderRef: String?
    var reason: Reason?
    var lastEvent: JSONValue
    var destinationCountry: String?
    var orderMetadata: [String: String]
    var orderTimeZone: String?
    var previousSubstatus: Substatus?
    var previousReason: Reason?
    var previousETAEarliest: Date?
    var previousETALatest: Date?
    var previousSequence: Int

    init(row: any SQLRow) throws {
        shipment = try SQLStore.shipment(row)
        orderRef = try row.optionalText("order_ref")
        reason = try row.optionalEnum("last_reason", as: Reason.self)
        let lastCountry = try row.optionalText("last_country")
        if let lastEventID = shipment.lastEventID, let status = try row.optionalText("last_status") {
            lastEvent = .object([
                "id": .string(lastEventID),
                "status": .string(status),
                "substatus": .string(try row.optionalText("last_substatus")),
                "reason": .string(reason?.rawValue),
                "action_required": .bool((try row.decode(column: "last_action_required", as: Int?.self) ?? 0) != 0),
                "occurred_at": .string(try row.optionalText("last_occurred_at")),
                "carrier_code": .string(try row.optionalText("last_carrier_code")),
                "description": .string(try row.optionalText("last_description")),
                "signed_by": .string(try row.optionalText("last_signed_by")),
                "location": .object([
                    "city": .string(try row.optionalText("last_city")), "region": .string(try row.optionalText("last_region")),
                    "postal_code": .string(try row.optionalText("last_postal_code")), "country": .string(lastCountry),
                ]),
            ])
        } else {
            lastEvent = .null
        }
        destinationCountry = shipment.metadata["destination_country"]?.uppercased()
            ?? (shipment.status == .delivered ? lastCountry : nil)
        orderMetadata = try row.optionalText("order_metadata").map { try Column.decodeJSON($0, as: [String: String].self) } ?? [:]
        orderTimeZone = try row.optionalText("order_time_zone")
        previousSubstatus = try row.optionalEnum("prev_substatus", as: Substatus.self)
        previousReason = try row.optionalEnum("prev_reason", as: Reason.self)
        previousETAEarliest = try row.optionalDate("prev_eta_earliest")
        previousETALatest = try row.optionalDate("prev_eta_latest")
        previousSequence = try row.decode(column: "prev_sequence", as: Int?.self) ?? 0
    }

    var snapshot: TriggerSnapshot {
        TriggerSnapshot(status: shipment.status, substatus: shipment.substatus, reason: reason,
                        etaEarliest: shipment.estimatedDelivery?.earliest, etaLatest: shipment.estimatedDelivery?.latest)
    }

    var ruleContext: RuleContext {
        RuleContext(shipmentID: shipment.id, carrier: shipment.carrier, service: shipment.service,
                    destinationCountry: destinationCountry, orderMetadata: orderMetadata,
                    customerTimeZone: shipment.customer.timeZone ?? orderTimeZone)
    }

    /// The shipment as webhook bodies carry it (no customer contact details).
    var shipmentJSON: JSONValue {
        .object([
            "id": .string(shipment.id),
            "tracking_number": .string(shipment.trackingNumber),
            "carrier": .string(shipment.carrier),
            "service": .string(shipment.service),
            "order_id": .string(shipment.orderID),
            "status": .string(shipment.status.rawValue),
            "substatus": .string(shipment.substatus?.rawValue),
            "estimated_delivery": shipment.estimatedDelivery.map { estimate in
                .object(["earliest": .time(estimate.earliest), "latest": .time(estimate.latest),
                         "source": .string(estimate.source.rawValue)])
            } ?? .null,
            "delivered_at": .time(shipment.deliveredAt),
            "signed_by": .string(shipment.signedBy),
            "last_event_at": .time(shipment.lastEventAt),
            "metadata": .strings(shipment.metadata),
        ])
    }
}

/// Writes the messages of one transaction's triggers.
struct OutboxWriter {
    let db: any SQLDatabase
    let tenantID: String
    let now: Date
    let subscriptions: [WebhookSubscription]
    let rules: [AlertRule]

    /// Webhook messages first (each event type gets the next per-shipment sequence number),
    /// then messages to people from the matching rules.
    mutating func write(triggers: [ShipmentTrigger], facts: ShipmentFacts, sequence: inout Int) async throws {
        for trigger in triggers {
            for type in trigger.eventTypes {
                let subscribers = subscriptions.filter { $0.eventTypes.contains(type) }
                sequence += 1
                for subscription in subscribers {
                    try await insertWebhookMessage(subscription, type: type, trigger: trigger, facts: facts, sequence: sequence)
                }
            }
            for rule in rules {
                try await applyRule(rule, trigger: trigger, facts: facts, sequence: sequence)
            }
        }
    }

    func insertWebhookMessage(_ subscription: WebhookSubscription, type: NotificationEventType, trigger: ShipmentTrigger,
                              facts: ShipmentFacts, sequence: Int) async throws {
        let id = NotifyID.make("msg")
        var data: [String: JSONValue] = ["shipment": facts.shipmentJSON, "event": facts.lastEvent, "sequence": .number(Double(sequence))]
        if type == .orderDelivered || type == .orderPartiallyDelivered {
            data["order"] = .object(["id": .string(facts.orderRef), "order_id": .string(facts.shipment.orderID),
                                     "status": .string(type == .orderDelivered ? "delivered" : "partially_delivered")])
        }
        let body = JSONValue.object([
            "id": .string(id), "type": .string(type.rawValue), "created_at": .time(now), "data": .object(data),
        ])
        try await insert(id: id, channel: .webhook, targetID: subscription.id, facts: facts, eventType: type.rawValue,
                         sequence: sequence, orderingKey: "\(subscription.id):\(facts.shipment.id)",
                         body: String(decoding: body.encoded(), as: UTF8.self), deliverAt: now, dedupeKey: nil, collapseKey: nil)
    }

    func applyRule(_ rule: AlertRule, trigger: ShipmentTrigger, facts: ShipmentFacts, sequence: Int) async throws {
        let context = facts.ruleContext
        guard RuleEngine.matches(rule, trigger: trigger, context: context) else { return }
        var pending: RuleEngine.Pending?
        if rule.collapseWindowSeconds > 0 {
            pending = try await db.raw("""
                SELECT id, next_attempt_at FROM notification_messages
                WHERE tenant_id = \(bind: tenantID) AND collapse_key = \(bind: "burst:\(rule.id):\(facts.shipment.id)")
                AND state = 'pending' AND attempts = 0 ORDER BY seq DESC LIMIT 1
                """).first().map { RuleEngine.Pending(messageID: try $0.text("id"), deliverAt: try $0.date("next_attempt_at")) }
        }
        var alreadySent = false
        if rule.oncePerShipment {
            alreadySent = try await !db.raw("""
                SELECT id FROM notification_messages
                WHERE tenant_id = \(bind: tenantID) AND dedupe_key = \(bind: "once:\(rule.id):\(facts.shipment.id)")
                """).all().isEmpty
        }
        let body = String(decoding: JSONValue.object([
            "rule_id": .string(rule.id), "trigger": .string(trigger.code), "template": .string(rule.template),
            "audience": .string(rule.audience.rawValue), "shipment_id": .string(facts.shipment.id),
            "status": .string(facts.shipment.status.rawValue), "event": facts.lastEvent,
        ]).encoded(), as: UTF8.self)
        switch RuleEngine.decide(rule, trigger: trigger, context: context, now: now, pending: pending, alreadySent: alreadySent) {
        case .skip:
            return
        case .merge(let messageID):
            try await db.raw("""
                UPDATE notification_messages SET body = \(bind: body), collapsed_count = collapsed_count + 1,
                    sequence = \(bind: sequence), updated_at = \(bind: Column.time(now))
                WHERE id = \(bind: messageID) AND state = 'pending'
                """).run()
        case .create(let deliverAt, let dedupeKey, let collapseKey):
            let channel: OutboundMessage.Channel = switch rule.channel {
            case .email: .email
            case .sms: .sms
            case .inApp: .inApp
            }
            try await insert(id: NotifyID.make("msg"), channel: channel, targetID: rule.id, facts: facts,
                             eventType: trigger.code, sequence: sequence, orderingKey: nil, body: body, deliverAt: deliverAt,
                             dedupeKey: dedupeKey, collapseKey: collapseKey)
        }
    }

    func insert(id: String, channel: OutboundMessage.Channel, targetID: String, facts: ShipmentFacts, eventType: String,
                sequence: Int, orderingKey: String?, body: String, deliverAt: Date, dedupeKey: String?, collapseKey: String?) async throws {
        let nowText = Column.time(now)
        try await db.raw("""
            INSERT INTO notification_messages (id, tenant_id, channel, target_id, shipment_id, order_id, event_type, sequence,
                ordering_key, body, state, attempts, next_attempt_at, retry_window_start, dedupe_key, collapse_key,
                created_at, updated_at)
            VALUES (\(bind: id), \(bind: tenantID), \(bind: channel.rawValue), \(bind: targetID), \(bind: facts.shipment.id),
                    \(bind: facts.orderRef), \(bind: eventType), \(bind: sequence), \(bind: orderingKey), \(bind: body), 'pending', 0,
                    \(bind: Column.time(deliverAt)), \(bind: nowText), \(bind: dedupeKey), \(bind: collapseKey), \(bind: nowText),
                    \(bind: nowText))
            ON CONFLICT DO NOTHING
            """).run()
    }
}
