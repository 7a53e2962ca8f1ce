extension Migration {
    /// Routing between carriers and sources (issue 4, item 6).
    /// - `shipment_legs`: further tracking numbers of a shipment, each with its own carrier (a last-mile
    ///   hand-over, the destination post of an S10 item) and its own polling schedule, the same
    ///   columns as the shipment row's (migration 5).
    /// - `events.carrier`: the carrier that scanned the parcel, `events.reported_by`: whose feed
    ///   reported it (the carrier itself, or an aggregator), `events.superseded_by`: a copy of another
    ///   feed's event that the tenant's routing rule says not to trust; kept for the audit trail,
    ///   left out of status and timelines. Rows from before this migration have NULLs there,
    ///   meaning "the shipment's carrier, reported by itself".
    /// - `routing_rules`: per tenant and carrier (`*` for every carrier).
    /// - `push_subscriptions`: numbers subscribed at carriers that push only what is subscribed
    ///   (UPS Track Alert), and when to renew or retry.
    static let v0008Routing = Migration(version: 8, name: "routing") { d in
        [
            """
            CREATE TABLE shipment_legs (
                id TEXT PRIMARY KEY,
                tenant_id TEXT NOT NULL REFERENCES tenants(id),
                shipment_id TEXT NOT NULL REFERENCES shipments(id),
                tracking_number TEXT NOT NULL,
                carrier TEXT NOT NULL,
                role TEXT NOT NULL,
                linked_by TEXT NOT NULL,
                created_at TEXT NOT NULL,
                next_check_at TEXT,
                last_checked_at TEXT,
                poll_state TEXT NOT NULL DEFAULT 'active',
                poll_outcome TEXT,
                poll_not_found_count \(d.bigint) NOT NULL DEFAULT 0,
                poll_failure_count \(d.bigint) NOT NULL DEFAULT 0,
                poll_etag TEXT,
                poll_last_modified TEXT,
                poll_lease_owner TEXT,
                poll_lease_expires_at TEXT,
                UNIQUE (tenant_id, tracking_number, carrier)
            )
            """,
            "CREATE INDEX shipment_legs_by_shipment ON shipment_legs (shipment_id)",
            "CREATE INDEX shipment_legs_poll_due ON shipment_legs (poll_state, carrier, next_check_at)",
            "ALTER TABLE events ADD COLUMN carrier TEXT",
            "ALTER TABLE events ADD COLUMN reported_by TEXT",
            "ALTER TABLE events ADD COLUMN superseded_by TEXT",
            """
            CREATE TABLE routing_rules (
                tenant_id TEXT NOT NULL REFERENCES tenants(id),
                carrier TEXT NOT NULL,
                rule TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                PRIMARY KEY (tenant_id, carrier)
            )
            """,
            """
            CREATE TABLE push_subscriptions (
                tenant_id TEXT NOT NULL REFERENCES tenants(id),
                carrier TEXT NOT NULL,
                tracking_number TEXT NOT NULL,
                endpoint_id TEXT NOT NULL,
                subscribed_at TEXT,
                renew_at TEXT NOT NULL,
                error TEXT,
                PRIMARY KEY (tenant_id, carrier, tracking_number)
            )
            """,
        ]
    }
}
