import Foundation
import SQLKit
import WaybillCore

extension SQLStore {
    public func createOAuthClient(_ client: NewOAuthClient) async throws -> OAuthClient {
        if let name = client.name, name.count > 100 { throw StoreError.invalid("client name must be at most 100 characters") }
        let created = OAuthClient(id: Identifier.make(.oauthClient), tenantID: client.tenantID, name: client.name,
                                  role: client.role, createdAt: Date())
        try await backend.transaction { db in
            try await db.raw("""
                INSERT INTO oauth_clients (tenant_id, id, name, role, secret_hash, created_at)
                VALUES (\(bind: created.tenantID), \(bind: created.id), \(bind: created.name), \(bind: created.role.rawValue),
                        \(bind: client.secretHash), \(bind: Column.time(created.createdAt)))
                """).run()
            var details = ["role": created.role.rawValue]
            if let name = created.name { details["name"] = name }
            try await Self.audit(db, tenantID: created.tenantID, actor: client.actor, action: "oauth_client.created",
                                 subjectType: "oauth_client", subjectID: created.id, details: details)
        }
        return created
    }

    public func liveOAuthClient(id: String) async throws -> (client: OAuthClient, secretHash: String)? {
        try await backend.read { db in
            guard let row = try await db.raw("""
                SELECT \(unsafeRaw: Self.oauthClientColumns), secret_hash FROM oauth_clients
                WHERE id = \(bind: id) AND deleted_at IS NULL
                """).first() else { return nil }
            return (try Self.oauthClient(row), try row.text("secret_hash"))
        }
    }

    public func oauthClients(tenantID: String?, includingDeleted: Bool) async throws -> [OAuthClient] {
        try await backend.read { db in
            let live = includingDeleted ? "" : "AND deleted_at IS NULL"
            let rows: [any SQLRow]
            if let tenantID {
                rows = try await db.raw("""
                    SELECT \(unsafeRaw: Self.oauthClientColumns) FROM oauth_clients
                    WHERE tenant_id = \(bind: tenantID) \(unsafeRaw: live) ORDER BY id
                    """).all()
            } else {
                rows = try await db.raw("""
                    SELECT \(unsafeRaw: Self.oauthClientColumns) FROM oauth_clients WHERE 1 = 1 \(unsafeRaw: live) ORDER BY id
                    """).all()
            }
            return try rows.map(Self.oauthClient)
        }
    }

    public func deleteOAuthClient(id: String, tenantID: String?, actor: String) async throws -> Bool {
        try await backend.transaction { db in
            try await Self.endCredential(db, table: "oauth_clients", endedColumn: "deleted_at", id: id, tenantID: tenantID,
                                         actor: actor, action: "oauth_client.deleted", subjectType: "oauth_client")
        }
    }

    public func markOAuthClientUsed(id: String, tenantID: String, at date: Date) async throws {
        try await backend.transaction { db in
            try await db.raw("""
                UPDATE oauth_clients SET last_used_at = \(bind: Column.time(date))
                WHERE tenant_id = \(bind: tenantID) AND id = \(bind: id)
                """).run()
        }
    }

    static let oauthClientColumns = "id, tenant_id, name, role, created_at, deleted_at, last_used_at"

    static func oauthClient(_ row: any SQLRow) throws -> OAuthClient {
        OAuthClient(id: try row.text("id"), tenantID: try row.text("tenant_id"), name: try row.optionalText("name"),
                    role: try row.enumValue("role", as: Role.self), createdAt: try row.date("created_at"),
                    deletedAt: try row.optionalDate("deleted_at"), lastUsedAt: try row.optionalDate("last_used_at"))
    }
}
