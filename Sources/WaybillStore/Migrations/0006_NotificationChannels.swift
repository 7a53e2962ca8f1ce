extension Migration {
    static let v0006NotificationChannels = Migration(version: 6, name: "notification_channels") { _ in
        [
            """
            CREATE TABLE notification_channels (
                tenant_id TEXT NOT NULL REFERENCES tenants(id),
                kind TEXT NOT NULL,
                settings TEXT NOT NULL,
                sealed_secret TEXT,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                PRIMARY KEY (tenant_id, kind)
            )
            """,
        ]
    }
}
