import Foundation
import SQLKit
import WaybillCore

extension SQLStore {
    public func createAPIKey(_ key: NewAPIKey) async throws -> APIKey {
        try await backend.transaction { db in
            let created = try await Self.insertAPIKey(key, db: db)
            var details = ["role": key.role.rawValue]
            details["expires_at"] = Column.time(key.expiresAt)
            try await Self.audit(db, tenantID: key.tenantID, actor: key.actor, action: "api_key.created",
                                 subjectType: "api_key", subjectID: created.id, details: details)
            return created
        }
    }

    public func apiKey(secretHash: String) async throws -> APIKey? {
        try await backend.read { db in
            try await db.raw("""
                SELECT \(unsafeRaw: Self.apiKeyColumns) FROM api_keys
                WHERE secret_hash = \(bind: secretHash) AND revoked_at IS NULL
                """).first().map(Self.apiKey)
        }
    }

    public func apiKeys(tenantID: String?) async throws -> [APIKey] {
        try await backend.read { db in
            let rows: [any SQLRow]
            if let tenantID {
                rows = try await db.raw("""
                    SELECT \(unsafeRaw: Self.apiKeyColumns) FROM api_keys
                    WHERE tenant_id = \(bind: tenantID) ORDER BY id
                    """).all()
            } else {
                rows = try await db.raw("SELECT \(unsafeRaw: Self.apiKeyColumns) FROM api_keys ORDER BY id").all()
            }
            return try rows.map(Self.apiKey)
        }
    }

    public func recordAPIKeyUse(id: String, tenantID: String, at date: Date) async throws {
        try await backend.transaction { db in
            try await db.raw("""
                UPDATE api_keys SET last_used_at = \(bind: Column.time(date))
                WHERE tenant_id = \(bind: tenantID) AND id = \(bind: id)
                """).run()
        }
    }

    public func rotateAPIKey(_ rotation: APIKeyRotation) async throws -> (new: APIKey, previous: APIKey) {
        try await backend.transaction { db in
            let old = try await Self.liveAPIKey(id: rotation.id, tenantID: rotation.tenantID, at: rotation.at, db: db)
            if let successor = old.replacedByID {
                throw StoreError.conflict("API key \(old.id) was already rotated to \(successor); rotate that key instead")
            }
            // The new key lives as long as the old one was meant to, counted from now.
            let lifetime = old.expiresAt.map { $0.timeIntervalSince(old.createdAt) }
            let new = try await Self.insertAPIKey(NewAPIKey(
                tenantID: old.tenantID, prefix: rotation.material.prefix, secretHash: rotation.material.hash, role: old.role,
                rateLimit: old.rateLimit, name: old.name, expiresAt: lifetime.map { rotation.at.addingTimeInterval($0) },
                actor: rotation.actor), db: db)
            let overlapEnd = rotation.at.addingTimeInterval(rotation.overlap)
            let oldExpiry = old.expiresAt.map { min($0, overlapEnd) } ?? overlapEnd
            try await db.raw("""
                UPDATE api_keys SET expires_at = \(bind: Column.time(oldExpiry)), replaced_by = \(bind: new.id)
                WHERE tenant_id = \(bind: old.tenantID) AND id = \(bind: old.id)
                """).run()
            try await Self.audit(db, tenantID: old.tenantID, actor: rotation.actor, action: "api_key.rotated",
                                 subjectType: "api_key", subjectID: old.id,
                                 details: ["new_key_id": new.id, "old_key_expires_at": Column.time(oldExpiry)])
            var previous = old
            previous.expiresAt = oldExpiry
            previous.replacedByID = new.id
            return (new, previous)
        }
    }

    public func revokeAPIKey(id: String, tenantID: String?, actor: String) async throws -> Bool {
        try await backend.transaction { db in
            try await Self.endCredential(db, table: "api_keys", endedColumn: "revoked_at", id: id, tenantID: tenantID,
                                         actor: actor, action: "api_key.revoked", subjectType: "api_key")
        }
    }

    /// Sets `endedColumn` (revoked, deleted) of the live credential `id` of `tenantID` (any tenant
    /// when nil) and audits it; false when there is no such live credential.
    static func endCredential(_ db: any SQLDatabase, table: String, endedColumn: String, id: String, tenantID: String?,
                              actor: String, action: String, subjectType: String) async throws -> Bool {
        guard let row = try await db.raw("""
            SELECT tenant_id FROM \(ident: table) WHERE id = \(bind: id) AND \(ident: endedColumn) IS NULL
            """).first() else { return false }
        let owner = try row.text("tenant_id")
        if let tenantID, tenantID != owner { return false }
        try await db.raw("""
            UPDATE \(ident: table) SET \(ident: endedColumn) = \(bind: Column.time(Date()))
            WHERE tenant_id = \(bind: owner) AND id = \(bind: id)
            """).run()
        try await audit(db, tenantID: owner, actor: actor, action: action, subjectType: subjectType, subjectID: id, details: [:])
        return true
    }

    /// The key `id` of `tenantID` (any tenant when nil) that still works at `date`, or `notFound`.
    private static func liveAPIKey(id: String, tenantID: String?, at date: Date, db: any SQLDatabase) async throws -> APIKey {
        let row = try await db.raw("SELECT \(unsafeRaw: apiKeyColumns) FROM api_keys WHERE id = \(bind: id)").first()
        guard let key = try row.map(apiKey), tenantID == nil || key.tenantID == tenantID, key.isLive(at: date) else {
            throw StoreError.notFound(kind: "live API key", id: id)
        }
        return key
    }

    private static func insertAPIKey(_ key: NewAPIKey, db: any SQLDatabase) async throws -> APIKey {
        let created = APIKey(id: Identifier.make(.apiKey), tenantID: key.tenantID, prefix: key.prefix, role: key.role,
                             createdAt: Date(), revokedAt: nil, rateLimit: key.rateLimit, name: key.name, expiresAt: key.expiresAt)
        try await db.raw("""
            INSERT INTO api_keys (id, tenant_id, prefix, secret_hash, role, created_at, rate_per_second, rate_burst, name, expires_at)
            VALUES (\(bind: created.id), \(bind: key.tenantID), \(bind: key.prefix), \(bind: key.secretHash),
                    \(bind: key.role.rawValue), \(bind: Column.time(created.createdAt)),
                    \(bind: key.rateLimit?.perSecond), \(bind: key.rateLimit?.burst), \(bind: key.name),
                    \(bind: Column.time(key.expiresAt)))
            """).run()
        return created
    }

    static let apiKeyColumns = """
        id, tenant_id, prefix, role, created_at, revoked_at, rate_per_second, rate_burst, name, expires_at, last_used_at, replaced_by
        """

    static func apiKey(_ row: any SQLRow) throws -> APIKey {
        var rateLimit: RequestRateLimit?
        if let perSecond = try row.optionalDouble("rate_per_second"), let burst = try row.decode(column: "rate_burst", as: Int?.self) {
            rateLimit = RequestRateLimit(perSecond: perSecond, burst: burst)
        }
        return APIKey(id: try row.text("id"), tenantID: try row.text("tenant_id"), prefix: try row.text("prefix"),
                      role: try row.enumValue("role", as: Role.self), createdAt: try row.date("created_at"),
                      revokedAt: try row.optionalDate("revoked_at"), rateLimit: rateLimit,
                      name: try row.decode(column: "name", as: String?.self), expiresAt: try row.optionalDate("expires_at"),
                      lastUsedAt: try row.optionalDate("last_used_at"), replacedByID: try row.decode(column: "replaced_by", as: String?.self))
    }
}
