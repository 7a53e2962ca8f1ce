extension Migration {
    /// Security hardening (issue 15): a key may have its own request rate limit (a token bucket);
    /// NULL keeps the installation's default.
    static let v0010APIKeyRateLimits = Migration(version: 10, name: "api_key_rate_limits") { d in
        ["ALTER TABLE api_keys ADD COLUMN rate_per_second \(d.double)",
         "ALTER TABLE api_keys ADD COLUMN rate_burst \(d.bigint)"]
    }
}
