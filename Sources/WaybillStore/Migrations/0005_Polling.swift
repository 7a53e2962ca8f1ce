extension Migration {
    /// The polling schedule lives on the shipment row itself: the schedule is the queue. A lease
    /// column (owner + expiry) makes "one poller per shipment at a time" a property of the row,
    /// claimed with `FOR UPDATE SKIP LOCKED` on PostgreSQL, without a job row per poll.
    static let v0005Polling = Migration(version: 5, name: "polling") { d in
        [
            "ALTER TABLE shipments ADD COLUMN next_check_at TEXT",
            "ALTER TABLE shipments ADD COLUMN last_checked_at TEXT",
            "ALTER TABLE shipments ADD COLUMN poll_state TEXT NOT NULL DEFAULT 'active'",
            "ALTER TABLE shipments ADD COLUMN poll_outcome TEXT",
            "ALTER TABLE shipments ADD COLUMN poll_not_found_count \(d.bigint) NOT NULL DEFAULT 0",
            "ALTER TABLE shipments ADD COLUMN poll_failure_count \(d.bigint) NOT NULL DEFAULT 0",
            "ALTER TABLE shipments ADD COLUMN poll_etag TEXT",
            "ALTER TABLE shipments ADD COLUMN poll_last_modified TEXT",
            "ALTER TABLE shipments ADD COLUMN poll_lease_owner TEXT",
            "ALTER TABLE shipments ADD COLUMN poll_lease_expires_at TEXT",
            "CREATE INDEX shipments_poll_due ON shipments (poll_state, carrier, next_check_at)",
        ]
    }
}
