extension Migration {
    /// Retention and erasure (issue 17, part 5): a tenant's retention policy (the defaults of
    /// `RetentionPolicy` apply without a row), when a shipment's or an order's personal data was
    /// erased (so retention does not scan them again), and the indexes that let retention delete
    /// one tenant's old events and raw payloads in batches (the partitions are shared by tenants).
    static let v0020Retention = Migration(version: 20, name: "retention") { _ in
        ["""
         CREATE TABLE retention_policies (
             tenant_id TEXT PRIMARY KEY REFERENCES tenants(id),
             personal_data_days INTEGER NOT NULL,
             payload_days INTEGER NOT NULL,
             audit_log_days INTEGER NOT NULL,
             updated_at TEXT NOT NULL
         )
         """,
         "ALTER TABLE shipments ADD COLUMN personal_data_erased_at TEXT",
         "ALTER TABLE orders ADD COLUMN personal_data_erased_at TEXT",
         "CREATE INDEX events_by_tenant_recorded ON events (tenant_id, recorded_at)",
         "CREATE INDEX raw_payloads_by_tenant_received ON raw_payloads (tenant_id, received_at)",
         "CREATE INDEX shipments_personal_data_due ON shipments (tenant_id, personal_data_erased_at, last_event_at)",
         "CREATE INDEX audit_log_by_tenant_at ON audit_log (tenant_id, at)"]
    }
}
