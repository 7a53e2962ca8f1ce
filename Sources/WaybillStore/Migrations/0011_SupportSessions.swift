extension Migration {
    /// Security hardening (issue 15): the support console signs in to an opaque server-side session
    /// (its id stored hashed, with an expiry, deleted at sign-out) instead of keeping the API key in a cookie.
    static let v0011SupportSessions = Migration(version: 11, name: "support_sessions") { _ in
        ["""
         CREATE TABLE support_sessions (
             id_hash TEXT PRIMARY KEY,
             api_key_id TEXT NOT NULL REFERENCES api_keys(id),
             tenant_id TEXT NOT NULL REFERENCES tenants(id),
             created_at TEXT NOT NULL,
             expires_at TEXT NOT NULL
         )
         """,
         "CREATE INDEX support_sessions_expiry ON support_sessions (expires_at)"]
    }
}
