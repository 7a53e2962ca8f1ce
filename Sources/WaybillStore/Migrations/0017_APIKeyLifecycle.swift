extension Migration {
    /// API key lifecycle (issue 17): a name, an expiry (also the end of a rotation's overlap), the
    /// last use (to the minute) and the key that replaced a rotated one.
    static let v0017APIKeyLifecycle = Migration(version: 17, name: "api_key_lifecycle") { _ in
        ["ALTER TABLE api_keys ADD COLUMN name TEXT",
         "ALTER TABLE api_keys ADD COLUMN expires_at TEXT",
         "ALTER TABLE api_keys ADD COLUMN last_used_at TEXT",
         "ALTER TABLE api_keys ADD COLUMN replaced_by TEXT"]
    }
}
