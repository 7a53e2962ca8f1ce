extension Migration {
    static let v0002WebhookEndpoints = Migration(version: 2, name: "webhook_endpoints") { _ in
        [
            """
            CREATE TABLE webhook_endpoints (
                id TEXT PRIMARY KEY,
                tenant_id TEXT NOT NULL REFERENCES tenants(id),
                carrier TEXT NOT NULL,
                secret TEXT NOT NULL,
                created_at TEXT NOT NULL,
                secret_rotated_at TEXT,
                deleted_at TEXT
            )
            """,
            "CREATE INDEX webhook_endpoints_by_tenant ON webhook_endpoints (tenant_id, id)",
        ]
    }
}
