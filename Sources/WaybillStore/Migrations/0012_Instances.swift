extension Migration {
    /// Fast crash recovery (issue 16): each running server records itself and refreshes its
    /// last-seen time, and a claimed job names the instance that holds it, so the jobs of an
    /// instance that stopped heartbeating are claimed again without waiting for their lease.
    static let v0012Instances = Migration(version: 12, name: "instances") { _ in
        ["""
         CREATE TABLE instances (
             id TEXT PRIMARY KEY,
             started_at TEXT NOT NULL,
             last_seen_at TEXT NOT NULL
         )
         """,
         "ALTER TABLE jobs ADD COLUMN lease_instance TEXT"]
    }
}
