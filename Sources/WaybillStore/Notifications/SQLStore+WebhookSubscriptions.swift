import Foundation
import SQLKit
import WaybillCore

/// Outbound webhook subscriptions: where a tenant's systems receive signed state changes.
extension SQLStore {
    public func createWebhookSubscription(tenantID: String, url: String, eventTypes: [NotificationEventType],
                                          actor: String) async throws -> WebhookSubscription {
        let now = Date()
        let subscription = WebhookSubscription(
            id: NotifyID.make("whs"), tenantID: tenantID, url: url, eventTypes: eventTypes, secret: Self.makeWebhookSecret(),
            previousSecret: nil, previousSecretExpiresAt: nil, consecutiveFailures: 0, circuitOpenUntil: nil,
            createdAt: now, updatedAt: now)
        try await backend.transaction { db in
            try await db.raw("""
                INSERT INTO webhook_subscriptions (id, tenant_id, url, event_types, secret, created_at, updated_at)
                VALUES (\(bind: subscription.id), \(bind: tenantID), \(bind: url), \(bind: Column.json(eventTypes.map(\.rawValue))),
                        \(bind: try StoredSecret.seal(subscription.secret, row: StoredSecret.subscriptionRow(subscription.id))),
                        \(bind: Column.time(now)), \(bind: Column.time(now)))
                """).run()
            try await Self.audit(db, tenantID: tenantID, actor: actor, action: "webhook_subscription.created",
                                 subjectType: "webhook_subscription", subjectID: subscription.id,
                                 details: ["event_types": eventTypes.map(\.rawValue).joined(separator: ",")])
        }
        return subscription
    }

    public func webhookSubscriptions(tenantID: String) async throws -> [WebhookSubscription] {
        try await backend.read { db in try await Self.activeSubscriptions(db, tenantID: tenantID) }
    }

    public func webhookSubscription(id: String, tenantID: String) async throws -> WebhookSubscription? {
        try await backend.read { db in
            try await db.raw("""
                SELECT * FROM webhook_subscriptions WHERE id = \(bind: id) AND tenant_id = \(bind: tenantID) AND deleted_at IS NULL
                """).first().map(Self.webhookSubscription)
        }
    }

    public func deleteWebhookSubscription(id: String, tenantID: String, actor: String) async throws {
        try await backend.transaction { db in
            let now = Column.time(Date())
            let deleted = try await db.raw("""
                UPDATE webhook_subscriptions SET deleted_at = \(bind: now), updated_at = \(bind: now)
                WHERE id = \(bind: id) AND tenant_id = \(bind: tenantID) AND deleted_at IS NULL
                RETURNING id
                """).all()
            guard !deleted.isEmpty else { throw StoreError.notFound(kind: "webhook subscription", id: id) }
            try await db.raw("""
                UPDATE notification_messages SET state = 'cancelled', last_error = 'subscription deleted', updated_at = \(bind: now)
                WHERE target_id = \(bind: id) AND state = 'pending'
                """).run()
            try await Self.audit(db, tenantID: tenantID, actor: actor, action: "webhook_subscription.deleted",
                                 subjectType: "webhook_subscription", subjectID: id, details: [:])
        }
    }

    public func rotateWebhookSubscriptionSecret(id: String, tenantID: String, overlap: TimeInterval,
                                                actor: String) async throws -> WebhookSubscription {
        try await backend.transaction { db in
            let now = Date()
            // The previous secret keeps its sealed value: both are bound to this row.
            let secret = try StoredSecret.seal(Self.makeWebhookSecret(), row: StoredSecret.subscriptionRow(id))
            let updated = try await db.raw("""
                UPDATE webhook_subscriptions SET previous_secret = secret, secret = \(bind: secret),
                    previous_secret_expires_at = \(bind: Column.time(now.addingTimeInterval(max(0, overlap)))),
                    updated_at = \(bind: Column.time(now))
                WHERE id = \(bind: id) AND tenant_id = \(bind: tenantID) AND deleted_at IS NULL
                RETURNING *
                """).first()
            guard let updated else { throw StoreError.notFound(kind: "webhook subscription", id: id) }
            try await Self.audit(db, tenantID: tenantID, actor: actor, action: "webhook_subscription.secret_rotated",
                                 subjectType: "webhook_subscription", subjectID: id, details: ["overlap_seconds": "\(Int(overlap))"])
            return try Self.webhookSubscription(updated)
        }
    }

    static func activeSubscriptions(_ db: any SQLDatabase, tenantID: String) async throws -> [WebhookSubscription] {
        try await db.raw("""
            SELECT * FROM webhook_subscriptions WHERE tenant_id = \(bind: tenantID) AND deleted_at IS NULL ORDER BY id
            """).all().map(webhookSubscription)
    }

    /// Standard Webhooks: `whsec_` and a base64 key of 24 random bytes.
    static func makeWebhookSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<24).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return "whsec_" + Data(bytes).base64EncodedString()
    }

    static func webhookSubscription(_ row: any SQLRow) throws -> WebhookSubscription {
        let types = try Column.decodeJSON(try row.text("event_types"), as: [String].self)
        let id = try row.text("id")
        let sealedTo = StoredSecret.subscriptionRow(id)
        return WebhookSubscription(
            id: id, tenantID: try row.text("tenant_id"), url: try row.text("url"),
            eventTypes: types.compactMap(NotificationEventType.init(rawValue:)),
            secret: try StoredSecret.open(try row.text("secret"), row: sealedTo),
            previousSecret: try row.optionalText("previous_secret").map { try StoredSecret.open($0, row: sealedTo) },
            previousSecretExpiresAt: try row.optionalDate("previous_secret_expires_at"),
            consecutiveFailures: try row.int("consecutive_failures"), circuitOpenUntil: try row.optionalDate("circuit_open_until"),
            createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"))
    }
}
