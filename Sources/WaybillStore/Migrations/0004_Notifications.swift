extension Migration {
    /// Alert rules, outbound webhook subscriptions, the notification outbox with its delivery
    /// log, the in-app feed, and the per-shipment state that change detection compares against.
    static let v0004Notifications = Migration(version: 4, name: "notifications") { d in
        [
            """
            CREATE TABLE webhook_subscriptions (
                id TEXT PRIMARY KEY,
                tenant_id TEXT NOT NULL REFERENCES tenants(id),
                url TEXT NOT NULL,
                event_types TEXT NOT NULL,
                secret TEXT NOT NULL,
                previous_secret TEXT,
                previous_secret_expires_at TEXT,
                consecutive_failures \(d.bigint) NOT NULL DEFAULT 0,
                circuit_open_until TEXT,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                deleted_at TEXT
            )
            """,
            "CREATE INDEX webhook_subscriptions_by_tenant ON webhook_subscriptions (tenant_id, id)",
            """
            CREATE TABLE alert_rules (
                id TEXT PRIMARY KEY,
                tenant_id TEXT NOT NULL REFERENCES tenants(id),
                definition TEXT NOT NULL,
                enabled \(d.bigint) NOT NULL,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL
            )
            """,
            "CREATE INDEX alert_rules_by_tenant ON alert_rules (tenant_id, id)",
            """
            CREATE TABLE notification_tenants (
                tenant_id TEXT PRIMARY KEY REFERENCES tenants(id),
                default_rules_created_at TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE notification_shipment_state (
                shipment_id TEXT PRIMARY KEY REFERENCES shipments(id),
                tenant_id TEXT NOT NULL,
                status TEXT NOT NULL,
                substatus TEXT,
                reason TEXT,
                eta_earliest TEXT,
                eta_latest TEXT,
                sequence \(d.bigint) NOT NULL,
                updated_at TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE notification_messages (
                seq \(d.identityPrimaryKey),
                id TEXT NOT NULL UNIQUE,
                tenant_id TEXT NOT NULL REFERENCES tenants(id),
                channel TEXT NOT NULL,
                target_id TEXT NOT NULL,
                shipment_id TEXT,
                order_id TEXT,
                event_type TEXT NOT NULL,
                sequence \(d.bigint) NOT NULL,
                ordering_key TEXT,
                body TEXT NOT NULL,
                state TEXT NOT NULL,
                attempts \(d.bigint) NOT NULL DEFAULT 0,
                next_attempt_at TEXT NOT NULL,
                retry_window_start TEXT NOT NULL,
                lease_owner TEXT,
                lease_expires_at TEXT,
                dedupe_key TEXT,
                collapse_key TEXT,
                collapsed_count \(d.bigint) NOT NULL DEFAULT 0,
                last_status_code \(d.bigint),
                last_error TEXT,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                delivered_at TEXT,
                UNIQUE (tenant_id, dedupe_key)
            )
            """,
            "CREATE INDEX notification_messages_due ON notification_messages (state, next_attempt_at)",
            "CREATE INDEX notification_messages_ordering ON notification_messages (ordering_key, seq)",
            "CREATE INDEX notification_messages_by_tenant ON notification_messages (tenant_id, id)",
            "CREATE INDEX notification_messages_by_collapse ON notification_messages (collapse_key, state)",
            """
            CREATE TABLE notification_attempts (
                seq \(d.identityPrimaryKey),
                message_id TEXT NOT NULL REFERENCES notification_messages(id),
                tenant_id TEXT NOT NULL,
                attempt \(d.bigint) NOT NULL,
                started_at TEXT NOT NULL,
                status_code \(d.bigint),
                latency_ms \(d.double) NOT NULL,
                response_excerpt TEXT,
                error TEXT,
                outcome TEXT NOT NULL,
                worker TEXT NOT NULL
            )
            """,
            "CREATE INDEX notification_attempts_by_message ON notification_attempts (message_id, seq)",
            """
            CREATE TABLE notification_feed (
                seq \(d.identityPrimaryKey),
                id TEXT NOT NULL UNIQUE,
                tenant_id TEXT NOT NULL REFERENCES tenants(id),
                message_id TEXT NOT NULL UNIQUE,
                shipment_id TEXT,
                rule_id TEXT,
                event_type TEXT NOT NULL,
                title TEXT NOT NULL,
                text TEXT NOT NULL,
                created_at TEXT NOT NULL
            )
            """,
            "CREATE INDEX notification_feed_by_tenant ON notification_feed (tenant_id, seq)",
            """
            CREATE TABLE notification_markers (
                subject_id TEXT NOT NULL,
                condition TEXT NOT NULL,
                marker TEXT NOT NULL,
                tenant_id TEXT NOT NULL,
                fired_at TEXT NOT NULL,
                PRIMARY KEY (subject_id, condition, marker)
            )
            """,
        ]
    }
}
