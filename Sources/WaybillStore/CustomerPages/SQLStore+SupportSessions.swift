import Foundation
import SQLKit
import WaybillCore

extension SQLStore {
    public func createSupportSession(_ session: NewSupportSession) async throws {
        try await backend.transaction { db in
            try await db.raw("DELETE FROM support_sessions WHERE expires_at <= \(bind: Column.time(session.createdAt))").run()
            try await db.raw("""
                INSERT INTO support_sessions (id_hash, api_key_id, tenant_id, created_at, expires_at)
                VALUES (\(bind: session.idHash), \(bind: session.apiKeyID), \(bind: session.tenantID),
                        \(bind: Column.time(session.createdAt)), \(bind: Column.time(session.expiresAt)))
                """).run()
            try await Self.audit(db, tenantID: session.tenantID, actor: "api_key:\(session.apiKeyID)", action: "support_session.created",
                                 subjectType: "api_key", subjectID: session.apiKeyID, details: ["expires_at": Column.time(session.expiresAt)])
        }
    }

    public func supportSessionKey(idHash: String, now: Date) async throws -> APIKey? {
        try await backend.read { db in
            try await db.raw("""
                SELECT \(unsafeRaw: Self.apiKeyColumns) FROM api_keys
                WHERE revoked_at IS NULL AND id = (SELECT api_key_id FROM support_sessions
                                                   WHERE id_hash = \(bind: idHash) AND expires_at > \(bind: Column.time(now)))
                """).first().map(Self.apiKey)
        }
    }

    public func deleteSupportSession(idHash: String) async throws -> Bool {
        try await backend.transaction { db in
            guard let row = try await db.raw("SELECT api_key_id, tenant_id FROM support_sessions WHERE id_hash = \(bind: idHash)").first() else {
                return false
            }
            try await db.raw("DELETE FROM support_sessions WHERE id_hash = \(bind: idHash)").run()
            let keyID = try row.text("api_key_id")
            try await Self.audit(db, tenantID: try row.text("tenant_id"), actor: "api_key:\(keyID)", action: "support_session.ended",
                                 subjectType: "api_key", subjectID: keyID, details: [:])
            return true
        }
    }
}
