import Foundation
import SQLKit
import WaybillCore

/// Inbound carrier webhook endpoints, and raw payloads received before they are parsed.
extension SQLStore {
    public func createWebhookEndpoint(tenantID: String, carrier: String, actor: String) async throws -> WebhookEndpoint {
        let endpoint = WebhookEndpoint(id: Identifier.make(.webhookEndpoint), tenantID: tenantID, carrier: carrier,
                                       secret: SecretToken.make(bytes: 32), createdAt: Date(), secretRotatedAt: nil)
        try await backend.transaction { db in
            try await db.raw("""
                INSERT INTO webhook_endpoints (id, tenant_id, carrier, secret, created_at)
                VALUES (\(bind: endpoint.id), \(bind: tenantID), \(bind: carrier),
                        \(bind: try StoredSecret.seal(endpoint.secret, row: StoredSecret.endpointRow(endpoint.id))),
                        \(bind: Column.time(endpoint.createdAt)))
                """).run()
            try await Self.audit(db, tenantID: tenantID, actor: actor, action: "webhook_endpoint.created",
                                 subjectType: "webhook_endpoint", subjectID: endpoint.id, details: ["carrier": carrier])
        }
        return endpoint
    }

    public func webhookEndpoints(tenantID: String) async throws -> [WebhookEndpoint] {
        try await backend.read { db in
            try await db.raw("""
                SELECT * FROM webhook_endpoints WHERE tenant_id = \(bind: tenantID) AND deleted_at IS NULL ORDER BY id
                """).all().map(Self.webhookEndpoint)
        }
    }

    public func webhookEndpoint(id: String) async throws -> WebhookEndpoint? {
        try await backend.read { db in
            try await db.raw("SELECT * FROM webhook_endpoints WHERE id = \(bind: id) AND deleted_at IS NULL").first()
                .map(Self.webhookEndpoint)
        }
    }

    public func rotateWebhookSecret(id: String, tenantID: String, actor: String) async throws -> WebhookEndpoint {
        try await backend.transaction { db in
            let now = Column.time(Date())
            let secret = try StoredSecret.seal(SecretToken.make(bytes: 32), row: StoredSecret.endpointRow(id))
            let updated = try await db.raw("""
                UPDATE webhook_endpoints SET secret = \(bind: secret), secret_rotated_at = \(bind: now)
                WHERE id = \(bind: id) AND tenant_id = \(bind: tenantID) AND deleted_at IS NULL
                RETURNING *
                """).first()
            guard let updated else { throw StoreError.notFound(kind: "webhook endpoint", id: id) }
            try await Self.audit(db, tenantID: tenantID, actor: actor, action: "webhook_endpoint.secret_rotated",
                                 subjectType: "webhook_endpoint", subjectID: id, details: [:])
            return try Self.webhookEndpoint(updated)
        }
    }

    public func deleteWebhookEndpoint(id: String, tenantID: String, actor: String) async throws {
        try await backend.transaction { db in
            let deleted = try await db.raw("""
                UPDATE webhook_endpoints SET deleted_at = \(bind: Column.time(Date()))
                WHERE id = \(bind: id) AND tenant_id = \(bind: tenantID) AND deleted_at IS NULL
                RETURNING id
                """).all()
            guard !deleted.isEmpty else { throw StoreError.notFound(kind: "webhook endpoint", id: id) }
            try await Self.audit(db, tenantID: tenantID, actor: actor, action: "webhook_endpoint.deleted",
                                 subjectType: "webhook_endpoint", subjectID: id, details: [:])
        }
    }

    public func receive(_ raw: NewRawPayload, tenantID: String, parseJobKind: String) async throws -> (rawPayloadID: String, isNew: Bool) {
        let received = try await storeReceive(PendingReceive(raw: raw, tenantID: tenantID, parseJobKind: parseJobKind))
        return (received.rawPayloadID, received.isNew)
    }

    public func rawPayloads(tenantID: String, status: RawPayloadStatus?, cursor: String?, limit: Int) async throws -> Page<RawPayload> {
        let limit = max(1, min(limit, 500))
        return try await backend.read { db in
            var sql = SQLQueryString("SELECT * FROM raw_payloads WHERE tenant_id = \(bind: tenantID)")
            if let status { sql.appendInterpolation(unsafeRaw: " AND status = "); sql.appendInterpolation(bind: status.rawValue) }
            if let cursor { sql.appendInterpolation(unsafeRaw: " AND id < "); sql.appendInterpolation(bind: cursor) }
            sql.appendInterpolation(unsafeRaw: " ORDER BY id DESC LIMIT \(limit + 1)")
            let rows = try await db.raw(sql).all()
            let items = try rows.prefix(limit).map(Self.rawPayload)
            return Page(items: items, nextCursor: rows.count > limit ? items.last?.id : nil)
        }
    }

    public func markRawPayloadFailed(id: String, tenantID: String, reason: String) async throws {
        try await backend.transaction { db in
            try await db.raw("""
                UPDATE raw_payloads SET status = \(bind: RawPayloadStatus.failed.rawValue), error = \(bind: String(reason.prefix(2000)))
                WHERE id = \(bind: id) AND tenant_id = \(bind: tenantID)
                """).run()
        }
    }

    public func retryRawPayload(id: String, tenantID: String, parseJobKind: String, actor: String) async throws -> RawPayloadRetry? {
        try await backend.transaction { db in
            guard let row = try await db.raw("""
                SELECT status FROM raw_payloads WHERE id = \(bind: id) AND tenant_id = \(bind: tenantID)
                """).first() else { return nil }
            let status = try row.enumValue("status", as: RawPayloadStatus.self)
            guard status == .failed else { return .notFailed(status) }
            let now = Column.time(Date())
            try await db.raw("""
                UPDATE raw_payloads SET status = \(bind: RawPayloadStatus.received.rawValue), error = NULL WHERE id = \(bind: id)
                """).run()
            try await db.raw("""
                INSERT INTO jobs (id, tenant_id, kind, payload, state, run_at, attempts, max_attempts, created_at, updated_at)
                VALUES (\(bind: Identifier.make(.job)), \(bind: tenantID), \(bind: parseJobKind), \(bind: id), 'queued', \(bind: now),
                        0, 5, \(bind: now), \(bind: now))
                """).run()
            try await Self.audit(db, tenantID: tenantID, actor: actor, action: "raw_payload.retried", subjectType: "raw_payload",
                                 subjectID: id, details: [:])
            return .queued
        }
    }

    static func webhookEndpoint(_ row: any SQLRow) throws -> WebhookEndpoint {
        let id = try row.text("id")
        return WebhookEndpoint(id: id, tenantID: try row.text("tenant_id"), carrier: try row.text("carrier"),
                        secret: try StoredSecret.open(try row.text("secret"), row: StoredSecret.endpointRow(id)),
                        createdAt: try row.date("created_at"),
                        secretRotatedAt: try row.optionalDate("secret_rotated_at"))
    }
}
