import Foundation
import SQLKit
import WaybillCore

/// The outbox as a durable queue: its own table rather than the generic job table, because
/// claiming must see message columns (ordering key, sequence, the endpoint's circuit) to hold a
/// later message of a shipment back until the earlier one is delivered or dead-lettered, and the
/// delivery log, filters and replay query the same rows. Claims use leases like the job table,
/// with `FOR UPDATE SKIP LOCKED` on PostgreSQL.
extension SQLStore {
    public func claimNotifications(limit: Int, owner: String, leaseDuration: TimeInterval, now: Date) async throws -> [OutboundMessage] {
        guard limit > 0 else { return [] }
        let nowText = Column.time(now)
        let silent = silentInstances(now: now)
        let instance = instanceID
        return try await backend.transaction { db in
            // A delivery whose lease ran out, or whose instance went silent (crashed), is due again:
            // it may have reached the receiver already, which then sees it twice with one webhook-id.
            let due = try await db.raw("""
                SELECT m.id FROM notification_messages m
                WHERE ((m.state = 'pending' AND m.next_attempt_at <= \(bind: nowText))
                       OR (m.state = 'delivering' AND m.lease_expires_at < \(bind: nowText))
                       OR (m.state = 'delivering' AND m.lease_instance IN (\(silent))))
                AND NOT EXISTS (SELECT 1 FROM notification_messages p
                                WHERE m.ordering_key IS NOT NULL AND p.ordering_key = m.ordering_key AND p.seq < m.seq
                                AND p.state IN ('pending', 'delivering'))
                AND NOT EXISTS (SELECT 1 FROM webhook_subscriptions w
                                WHERE w.tenant_id = m.tenant_id AND w.id = m.target_id AND w.circuit_open_until > \(bind: nowText))
                ORDER BY m.next_attempt_at, m.seq LIMIT \(literal: limit)\(unsafeRaw: self.dialect.skipLocked)
                """).all()
            let ids = try due.map { try $0.text("id") }
            guard !ids.isEmpty else { return [] }
            try await db.raw("""
                UPDATE notification_messages SET state = 'delivering', lease_owner = \(bind: owner), lease_instance = \(bind: instance),
                    lease_expires_at = \(bind: Column.time(now.addingTimeInterval(leaseDuration))), updated_at = \(bind: nowText)
                WHERE id IN (\(binds: ids))
                """).run()
            let rows = try await db.raw("""
                SELECT m.*, w.id AS w_id, w.tenant_id AS w_tenant_id, w.url AS w_url, w.event_types AS w_event_types,
                    w.secret AS w_secret, w.previous_secret AS w_previous_secret,
                    w.previous_secret_expires_at AS w_previous_secret_expires_at, w.consecutive_failures AS w_consecutive_failures,
                    w.circuit_open_until AS w_circuit_open_until, w.created_at AS w_created_at, w.updated_at AS w_updated_at
                FROM notification_messages m
                LEFT JOIN webhook_subscriptions w ON w.tenant_id = m.tenant_id AND w.id = m.target_id AND m.channel = 'webhook' AND w.deleted_at IS NULL
                WHERE m.id IN (\(binds: ids)) ORDER BY m.seq
                """).all()
            return try rows.map(Self.outboundMessage)
        }
    }

    public func recordDelivery(_ report: DeliveryReport) async throws {
        try await recordDeliveries([report])
    }

    public func recordDeliveries(_ reports: [DeliveryReport]) async throws {
        guard !reports.isEmpty else { return }
        try await backend.transaction { db in
            for report in reports { try await Self.record(db, report) }
        }
    }

    static func record(_ db: any SQLDatabase, _ report: DeliveryReport) async throws {
        do {
            guard let row = try await db.raw("""
                SELECT tenant_id, target_id, channel, shipment_id, event_type, attempts FROM notification_messages
                WHERE id = \(bind: report.messageID) AND lease_owner = \(bind: report.owner) AND state = 'delivering'
                """).first() else { return }
            let tenantID = try row.text("tenant_id")
            let targetID = try row.text("target_id")
            let attempt = try row.int("attempts") + 1
            let now = Date()
            let outcome: String
            var state = OutboundState.pending.rawValue
            var nextAttempt = now
            switch report.outcome {
            case .delivered: (outcome, state) = ("delivered", OutboundState.delivered.rawValue)
            case .retry(let at): (outcome, nextAttempt) = ("retry", at)
            case .dead: (outcome, state) = ("dead", OutboundState.dead.rawValue)
            case .skipped: (outcome, state) = ("skipped", OutboundState.cancelled.rawValue)
            }
            let deliveredAt: String? = report.outcome == .delivered ? Timestamp.utcString(now) : nil
            let latency = report.latency.timeInterval * 1000
            try await db.raw("""
                INSERT INTO notification_attempts (message_id, tenant_id, attempt, started_at, status_code, latency_ms,
                    response_excerpt, error, outcome, worker)
                VALUES (\(bind: report.messageID), \(bind: tenantID), \(bind: attempt), \(bind: Column.time(report.startedAt)),
                        \(bind: report.statusCode), \(bind: latency), \(bind: report.responseExcerpt.map { String($0.prefix(500)) }),
                        \(bind: report.error.map { String($0.prefix(1000)) }), \(bind: outcome), \(bind: report.owner))
                """).run()
            try await db.raw("""
                UPDATE notification_messages SET state = \(bind: state), attempts = \(bind: attempt),
                    next_attempt_at = \(bind: Column.time(nextAttempt)), lease_owner = NULL, lease_expires_at = NULL,
                    last_status_code = \(bind: report.statusCode), last_error = \(bind: report.error.map { String($0.prefix(1000)) }),
                    delivered_at = \(bind: deliveredAt), updated_at = \(bind: Column.time(now))
                WHERE id = \(bind: report.messageID)
                """).run()
            switch report.circuit {
            case .success?:
                try await db.raw("""
                    UPDATE webhook_subscriptions SET consecutive_failures = 0, circuit_open_until = NULL
                    WHERE id = \(bind: targetID) AND consecutive_failures > 0
                    """).run()
            case .failure(let threshold, let openUntil)?:
                try await db.raw("""
                    UPDATE webhook_subscriptions SET consecutive_failures = consecutive_failures + 1,
                        circuit_open_until = CASE WHEN consecutive_failures + 1 >= \(bind: threshold)
                            THEN \(bind: Column.time(openUntil)) ELSE circuit_open_until END
                    WHERE id = \(bind: targetID)
                    """).run()
            case nil:
                break
            }
            if let item = report.feedItem, report.outcome == .delivered {
                try await db.raw("""
                    INSERT INTO notification_feed (id, tenant_id, message_id, shipment_id, rule_id, event_type, title, text, created_at)
                    VALUES (\(bind: NotifyID.make("ntf")), \(bind: tenantID), \(bind: report.messageID),
                            \(bind: try row.optionalText("shipment_id")), \(bind: targetID), \(bind: try row.text("event_type")),
                            \(bind: item.title), \(bind: item.text), \(bind: Column.time(now)))
                    ON CONFLICT (tenant_id, message_id) DO NOTHING
                    """).run()
            }
        }
    }

    public func deliveries(_ query: DeliveryQuery) async throws -> Page<DeliveryLogEntry> {
        let limit = max(1, min(query.limit, 200))
        return try await backend.read { db in
            var sql = SQLQueryString("SELECT * FROM notification_messages WHERE tenant_id = \(bind: query.tenantID)")
            func and(_ column: String, _ op: String, _ value: String?) {
                guard let value else { return }
                sql.appendInterpolation(unsafeRaw: " AND \(column) \(op) ")
                sql.appendInterpolation(bind: value)
            }
            and("state", "=", query.state?.rawValue)
            and("channel", "=", query.channel?.rawValue)
            and("target_id", "=", query.targetID)
            and("shipment_id", "=", query.shipmentID)
            and("event_type", "=", query.eventType)
            and("created_at", ">=", query.since.map(Column.time))
            and("created_at", "<", query.until.map(Column.time))
            and("id", "<", query.cursor)
            sql.appendInterpolation(unsafeRaw: " ORDER BY id DESC LIMIT \(limit + 1)")
            let rows = try await db.raw(sql).all()
            var items = try rows.prefix(limit).map(Self.deliveryLogEntry)
            try await Self.attachAttempts(db, to: &items)
            return Page(items: items, nextCursor: rows.count > limit ? items.last?.id : nil)
        }
    }

    public func delivery(id: String, tenantID: String) async throws -> DeliveryLogEntry? {
        try await backend.read { db in
            guard let row = try await db.raw("""
                SELECT * FROM notification_messages WHERE id = \(bind: id) AND tenant_id = \(bind: tenantID)
                """).first() else { return nil }
            var items = [try Self.deliveryLogEntry(row)]
            try await Self.attachAttempts(db, to: &items)
            return items.first
        }
    }

    public func replayDeliveries(_ selector: ReplaySelector, actor: String) async throws -> [String] {
        try await backend.transaction { db in
            let now = Column.time(Date())
            let states = selector.state.map { [$0.rawValue] } ?? [OutboundState.delivered.rawValue, OutboundState.dead.rawValue]
            var sql = SQLQueryString("""
                UPDATE notification_messages SET state = 'pending', next_attempt_at = \(bind: now), retry_window_start = \(bind: now),
                    lease_owner = NULL, lease_expires_at = NULL, updated_at = \(bind: now)
                WHERE tenant_id = \(bind: selector.tenantID) AND state IN (\(binds: states))
                """)
            if !selector.ids.isEmpty {
                sql.appendInterpolation(unsafeRaw: " AND id IN (")
                sql.appendInterpolation(binds: selector.ids)
                sql.appendInterpolation(unsafeRaw: ")")
            }
            if let target = selector.targetID {
                sql.appendInterpolation(unsafeRaw: " AND target_id = ")
                sql.appendInterpolation(bind: target)
            }
            if let since = selector.since {
                sql.appendInterpolation(unsafeRaw: " AND created_at >= ")
                sql.appendInterpolation(bind: Column.time(since))
            }
            if let until = selector.until {
                sql.appendInterpolation(unsafeRaw: " AND created_at < ")
                sql.appendInterpolation(bind: Column.time(until))
            }
            sql.appendInterpolation(unsafeRaw: " RETURNING id")
            let ids = try await db.raw(sql).all().map { try $0.text("id") }.sorted()
            if !ids.isEmpty {
                try await Self.audit(db, tenantID: selector.tenantID, actor: actor, action: "deliveries.replayed",
                                     subjectType: "tenant", subjectID: selector.tenantID, details: ["count": "\(ids.count)"])
            }
            return ids
        }
    }

    static func attachAttempts(_ db: any SQLDatabase, to items: inout [DeliveryLogEntry]) async throws {
        guard !items.isEmpty else { return }
        let rows = try await db.raw("""
            SELECT * FROM notification_attempts WHERE message_id IN (\(binds: items.map(\.id))) ORDER BY seq
            """).all()
        var byMessage: [String: [DeliveryAttemptLog]] = [:]
        for row in rows {
            byMessage[try row.text("message_id"), default: []].append(DeliveryAttemptLog(
                attempt: try row.int("attempt"), startedAt: try row.date("started_at"),
                statusCode: try row.decode(column: "status_code", as: Int?.self),
                latencyMilliseconds: try row.optionalDouble("latency_ms") ?? 0,
                responseExcerpt: try row.optionalText("response_excerpt"), error: try row.optionalText("error"),
                outcome: try row.text("outcome")))
        }
        for index in items.indices { items[index].attempts = byMessage[items[index].id] ?? [] }
    }

    static func deliveryLogEntry(_ row: any SQLRow) throws -> DeliveryLogEntry {
        let state = try row.enumValue("state", as: OutboundState.self)
        return DeliveryLogEntry(
            id: try row.text("id"), channel: try row.enumValue("channel", as: OutboundMessage.Channel.self),
            targetID: try row.text("target_id"), shipmentID: try row.optionalText("shipment_id"),
            eventType: try row.text("event_type"), sequence: try row.int("sequence"), state: state,
            attemptCount: try row.int("attempts"),
            nextAttemptAt: state == .pending ? try row.date("next_attempt_at") : nil,
            lastStatusCode: try row.decode(column: "last_status_code", as: Int?.self), lastError: try row.optionalText("last_error"),
            collapsedCount: try row.int("collapsed_count"), createdAt: try row.date("created_at"),
            deliveredAt: try row.optionalDate("delivered_at"), attempts: [])
    }

    static func outboundMessage(_ row: any SQLRow) throws -> OutboundMessage {
        var subscription: WebhookSubscription?
        if let id = try row.optionalText("w_id") {
            subscription = WebhookSubscription(
                id: id, tenantID: try row.text("w_tenant_id"), url: try row.text("w_url"),
                eventTypes: try Column.decodeJSON(try row.text("w_event_types"), as: [String].self)
                    .compactMap(NotificationEventType.init(rawValue:)),
                secret: try StoredSecret.open(try row.text("w_secret"), row: StoredSecret.subscriptionRow(id)),
                previousSecret: try row.optionalText("w_previous_secret").map { try StoredSecret.open($0, row: StoredSecret.subscriptionRow(id)) },
                previousSecretExpiresAt: try row.optionalDate("w_previous_secret_expires_at"),
                consecutiveFailures: try row.int("w_consecutive_failures"),
                circuitOpenUntil: try row.optionalDate("w_circuit_open_until"),
                createdAt: try row.date("w_created_at"), updatedAt: try row.date("w_updated_at"))
        }
        return OutboundMessage(
            id: try row.text("id"), tenantID: try row.text("tenant_id"),
            channel: try row.enumValue("channel", as: OutboundMessage.Channel.self), targetID: try row.text("target_id"),
            shipmentID: try row.optionalText("shipment_id"), eventType: try row.text("event_type"), sequence: try row.int("sequence"),
            body: try row.text("body"), attempts: try row.int("attempts"), createdAt: try row.date("created_at"),
            retryWindowStart: try row.date("retry_window_start"), subscription: subscription)
    }
}
