extension Migration {
    /// OAuth 2.0 clients (issue 17): a tenant's machine credentials for the client credentials
    /// grant. Keyed like every tenant-owned table (`tenant_id` leads); `oauth_clients_by_id` serves
    /// the token endpoint and the bearer check, which know only the `client_id`. Only the secret's
    /// SHA-256 is kept; a deleted client keeps its row (`deleted_at`) for the audit trail.
    static let v0019OAuthClients = Migration(version: 19, name: "oauth_clients") { _ in
        ["""
         CREATE TABLE oauth_clients (
             tenant_id TEXT NOT NULL REFERENCES tenants(id),
             id TEXT NOT NULL,
             name TEXT,
             role TEXT NOT NULL,
             secret_hash TEXT NOT NULL,
             created_at TEXT NOT NULL,
             deleted_at TEXT,
             last_used_at TEXT,
             PRIMARY KEY (tenant_id, id)
         )
         """,
         "CREATE INDEX oauth_clients_by_id ON oauth_clients (id)"]
    }
}
