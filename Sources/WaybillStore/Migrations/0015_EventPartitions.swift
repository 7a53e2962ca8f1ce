extension Migration {
    /// Operations (issue 16): on PostgreSQL, `raw_payloads` and `events` are partitioned by month
    /// of receipt and recording (`MonthlyPartitions`), so that retention drops whole months
    /// instead of deleting rows. A partitioned table's unique indexes must include its partition
    /// key, so `(tenant_id, sha256)` and `(tenant_id, shipment_id, fingerprint)` are plain indexes
    /// here and "stored once" is kept by the code: a body is looked up under an advisory lock on
    /// its digest, an event under its shipment's row lock (`SQLStore.appendEvents`). SQLite keeps
    /// its unique indexes and needs no partitions (retention deletes rows there).
    ///
    /// Partitions are made for every month that has rows, and for this month and the next three;
    /// `<table>_default` takes anything else. The time columns sort bytewise (`COLLATE "C"`):
    /// they hold UTC ISO 8601 text, which then sorts as time.
    static let v0015EventPartitions = Migration(version: 15, name: "event_partitions") { d in
        guard d.engine == .postgres else { return [] }
        return EventPartitionTables.rawPayloads + EventPartitionTables.events
    }
}

enum EventPartitionTables {
    static let rawPayloads = partitioned(MonthlyPartitions.rawPayloads, definition: """
        id TEXT NOT NULL,
        tenant_id TEXT NOT NULL REFERENCES tenants(id),
        source TEXT NOT NULL,
        carrier TEXT,
        content_type TEXT NOT NULL,
        body BYTEA NOT NULL,
        sha256 TEXT NOT NULL,
        received_at TEXT COLLATE "C" NOT NULL,
        status TEXT NOT NULL,
        error TEXT,
        PRIMARY KEY (tenant_id, id, received_at)
        """,
        columns: ["id", "tenant_id", "source", "carrier", "content_type", "body", "sha256", "received_at", "status", "error"],
        indexes: ["CREATE INDEX raw_payloads_by_id ON raw_payloads (id)",
                  "CREATE INDEX raw_payloads_by_sha256 ON raw_payloads (tenant_id, sha256)",
                  "CREATE INDEX raw_payloads_by_status ON raw_payloads (tenant_id, status, id)",
                  "CREATE INDEX raw_payloads_by_carrier ON raw_payloads (carrier, id)"])

    /// `seq` takes its numbers from a sequence of its own: PostgreSQL before 17 has no identity
    /// columns on partitioned tables.
    static let events = ["CREATE SEQUENCE events_seq_v15"] + partitioned(MonthlyPartitions.events, definition: """
        seq BIGINT NOT NULL DEFAULT nextval('events_seq_v15'),
        id TEXT NOT NULL,
        tenant_id TEXT NOT NULL REFERENCES tenants(id),
        shipment_id TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        status TEXT NOT NULL,
        substatus TEXT,
        reason TEXT,
        action_required BIGINT NOT NULL,
        carrier_code TEXT,
        carrier_description TEXT,
        occurred_at TEXT,
        local_time TEXT,
        utc_offset TEXT,
        zone_source TEXT NOT NULL,
        city TEXT,
        region TEXT,
        postal_code TEXT,
        country TEXT,
        latitude DOUBLE PRECISION,
        longitude DOUBLE PRECISION,
        carrier_sequence BIGINT NOT NULL,
        informational BIGINT NOT NULL,
        signed_by TEXT,
        source TEXT NOT NULL,
        raw_payload_id TEXT,
        recorded_at TEXT COLLATE "C" NOT NULL,
        carrier TEXT,
        reported_by TEXT,
        superseded_by TEXT,
        implausible_time BIGINT NOT NULL DEFAULT 0,
        PRIMARY KEY (tenant_id, id, recorded_at),
        FOREIGN KEY (tenant_id, shipment_id) REFERENCES shipments (tenant_id, id)
        """,
        columns: ["seq", "id", "tenant_id", "shipment_id", "fingerprint", "status", "substatus", "reason", "action_required",
                  "carrier_code", "carrier_description", "occurred_at", "local_time", "utc_offset", "zone_source", "city",
                  "region", "postal_code", "country", "latitude", "longitude", "carrier_sequence", "informational",
                  "signed_by", "source", "raw_payload_id", "recorded_at", "carrier", "reported_by", "superseded_by",
                  "implausible_time"],
        indexes: ["ALTER SEQUENCE events_seq_v15 RENAME TO events_seq",
                  "ALTER SEQUENCE events_seq OWNED BY events.seq",
                  "SELECT setval('events_seq', COALESCE((SELECT MAX(seq) FROM events), 0) + 1, false)",
                  "CREATE INDEX events_by_fingerprint ON events (tenant_id, shipment_id, fingerprint)"])

    /// Creates the partitioned table beside the old one with its partitions, copies every row,
    /// drops the old table and takes its name.
    private static func partitioned(_ table: MonthlyPartitions.Table, definition: String, columns: [String],
                                    indexes: [String]) -> [String] {
        let name = table.name
        let temporary = "\(name)_v15"
        let time = table.timeColumn
        let columnList = columns.joined(separator: ", ")
        return [
            "CREATE TABLE \(temporary) (\(definition)) PARTITION BY RANGE (\(time))",
            "CREATE TABLE \(name)_default PARTITION OF \(temporary) DEFAULT",
            """
            DO $$ DECLARE m date; BEGIN
                FOR m IN
                    SELECT to_date(substr(\(time), 1, 7) || '-01', 'YYYY-MM-DD') FROM \(name)
                    WHERE \(time) ~ '^[1-9][0-9]{3}-(0[1-9]|1[0-2])-'
                    UNION SELECT (date_trunc('month', now() AT TIME ZONE 'UTC') + k * interval '1 month')::date
                    FROM generate_series(0, \(MonthlyPartitions.monthsAhead)) AS k
                LOOP
                    EXECUTE format('CREATE TABLE %I PARTITION OF \(temporary) FOR VALUES FROM (%L) TO (%L)',
                                   '\(name)_p' || to_char(m, 'YYYY_MM'), to_char(m, 'YYYY-MM-DD'),
                                   to_char(m + interval '1 month', 'YYYY-MM-DD'));
                END LOOP;
            END $$
            """,
            "INSERT INTO \(temporary) (\(columnList)) SELECT \(columnList) FROM \(name)",
            "DROP TABLE \(name) CASCADE",
            "ALTER TABLE \(temporary) RENAME TO \(name)",
            TableRebuild.renameConstraints(of: name, createdAs: temporary),
        ] + indexes
    }
}
