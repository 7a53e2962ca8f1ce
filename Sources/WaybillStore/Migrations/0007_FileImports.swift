extension Migration {
    static let v0007FileImports = Migration(version: 7, name: "file_imports") { dialect in
        [
            """
            CREATE TABLE file_imports (
                id TEXT PRIMARY KEY,
                tenant_id TEXT NOT NULL REFERENCES tenants(id),
                raw_payload_id TEXT NOT NULL REFERENCES raw_payloads(id),
                file_name TEXT NOT NULL,
                status TEXT NOT NULL,
                format TEXT,
                records_total \(dialect.bigint) NOT NULL DEFAULT 0,
                records_done \(dialect.bigint) NOT NULL DEFAULT 0,
                shipments_registered \(dialect.bigint) NOT NULL DEFAULT 0,
                events_inserted \(dialect.bigint) NOT NULL DEFAULT 0,
                duplicates \(dialect.bigint) NOT NULL DEFAULT 0,
                issues TEXT NOT NULL DEFAULT '[]',
                acknowledged_interchanges TEXT NOT NULL DEFAULT '[]',
                error TEXT,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                finished_at TEXT,
                UNIQUE (tenant_id, raw_payload_id)
            )
            """,
            "CREATE INDEX raw_payloads_by_carrier ON raw_payloads (carrier, id)",
        ]
    }
}
