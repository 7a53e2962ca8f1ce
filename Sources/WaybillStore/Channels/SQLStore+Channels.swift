import Foundation
import SQLKit
import WaybillCore

/// Notification channel settings, one row per tenant and channel kind.
extension SQLStore {
    public func channelSettings(tenantID: String, kind: String) async throws -> StoredChannelSettings? {
        try await backend.read { db in
            try await db.raw("""
                SELECT * FROM notification_channels WHERE tenant_id = \(bind: tenantID) AND kind = \(bind: kind)
                """).first().map(Self.channelSettings)
        }
    }

    @discardableResult
    public func saveChannelSettings(tenantID: String, kind: String, settings: JSONValue, sealedSecret: String?,
                                    actor: String) async throws -> StoredChannelSettings {
        let settingsText = String(decoding: settings.encoded(), as: UTF8.self)
        return try await backend.transaction { db in
            let now = Column.time(Date())
            guard let row = try await db.raw("""
                INSERT INTO notification_channels (tenant_id, kind, settings, sealed_secret, created_at, updated_at)
                VALUES (\(bind: tenantID), \(bind: kind), \(bind: settingsText), \(bind: sealedSecret), \(bind: now), \(bind: now))
                ON CONFLICT (tenant_id, kind) DO UPDATE SET settings = excluded.settings,
                    sealed_secret = excluded.sealed_secret, updated_at = excluded.updated_at
                RETURNING *
                """).first() else {
                throw StoreError.corrupt("saving \(kind) channel settings returned no row")
            }
            try await Self.audit(db, tenantID: tenantID, actor: actor, action: "notification_channel.saved",
                                 subjectType: "notification_channel", subjectID: kind,
                                 details: ["secret_set": sealedSecret == nil ? "false" : "true"])
            return try Self.channelSettings(row)
        }
    }

    public func deleteChannelSettings(tenantID: String, kind: String, actor: String) async throws -> Bool {
        try await backend.transaction { db in
            let deleted = try await db.raw("""
                DELETE FROM notification_channels WHERE tenant_id = \(bind: tenantID) AND kind = \(bind: kind) RETURNING kind
                """).all()
            guard !deleted.isEmpty else { return false }
            try await Self.audit(db, tenantID: tenantID, actor: actor, action: "notification_channel.deleted",
                                 subjectType: "notification_channel", subjectID: kind, details: [:])
            return true
        }
    }

    public func tenant(id: String) async throws -> Tenant? {
        try await backend.read { db in
            try await db.raw("SELECT id, name, created_at FROM tenants WHERE id = \(bind: id)").first().map(Self.tenant)
        }
    }

    static func channelSettings(_ row: any SQLRow) throws -> StoredChannelSettings {
        let text = try row.text("settings")
        let settings: JSONValue
        do {
            settings = try JSONValue.parse(Data(text.utf8))
        } catch {
            throw StoreError.corrupt("notification_channels.settings is not JSON: \(error)")
        }
        return StoredChannelSettings(tenantID: try row.text("tenant_id"), kind: try row.text("kind"), settings: settings,
                                     sealedSecret: try row.optionalText("sealed_secret"), createdAt: try row.date("created_at"),
                                     updatedAt: try row.date("updated_at"))
    }
}
