extension Migration {
    /// Ready for Citus with `tenant_id` as the distribution column (issue 16): every tenant-owned
    /// table gets `tenant_id` leading its primary key and unique constraints, and its foreign keys
    /// to other tenant-owned tables include `tenant_id`, so no row can reference another tenant's.
    /// Unique by `id` alone becomes a plain index where rows are still looked up by id alone (a
    /// webhook path, a job's payload id); `docs/scaling.md` lists those look-ups.
    ///
    /// Values that were unique across tenants and are now indexed only: `api_keys.secret_hash`,
    /// `support_sessions.id_hash` (hashes of random secrets) and `shipments.public_token` (random),
    /// unique by construction. `branding.custom_domain` stays unique: branding is installation-wide.
    ///
    /// Tables numbered by `seq` keep SQLite's rowid as `seq` (see `StoreDialect.rowNumber`).
    ///
    /// No foreign key points into `events` or `raw_payloads` any more (from `events.raw_payload_id`,
    /// `event_reports`, `file_imports`): on PostgreSQL both are partitioned by month (migration 15),
    /// a foreign key into a partitioned table must include its partition key, and retention drops
    /// whole months. The code keeps them consistent: an event's payload and a report's event and
    /// payload are stored before them in the same transaction, and retention deletes the reports
    /// with what they report (`SQLStore.purgeEvents`).
    ///
    /// On PostgreSQL `events` and `raw_payloads` are left to migration 15, which copies them into
    /// partitioned tables with these keys: one copy of the two largest tables instead of two.
    static let v0014TenantKeys = Migration(version: 14, name: "tenant_keys", rebuildsTables: true) { d in
        TenantKeyTables.all(d)
            .filter { d.engine == .sqlite || !["events", "raw_payloads"].contains($0.table) }
            .flatMap { $0.statements(d, migration: 14) }
    }
}

/// The tables migration 14 rebuilds, parents before the tables that reference them.
enum TenantKeyTables {
    static func all(_ d: StoreDialect) -> [TableRebuild] {
        [apiKeys(d), orders, shipments(d), rawPayloads(d), events(d), eventReports, auditLog(d), webhookEndpoints,
         webhookSubscriptions(d), alertRules(d), notificationShipmentState(d), notificationMessages(d),
         notificationAttempts(d), notificationFeed(d), notificationMarkers, fileImports(d), shipmentLegs(d), supportSessions]
    }

    static func apiKeys(_ d: StoreDialect) -> TableRebuild {
        TableRebuild(table: "api_keys", definition: """
            id TEXT NOT NULL,
            tenant_id TEXT NOT NULL REFERENCES tenants(id),
            prefix TEXT NOT NULL,
            secret_hash TEXT NOT NULL,
            role TEXT NOT NULL,
            created_at TEXT NOT NULL,
            revoked_at TEXT,
            rate_per_second \(d.double),
            rate_burst \(d.bigint),
            PRIMARY KEY (tenant_id, id)
            """,
            columns: ["id", "tenant_id", "prefix", "secret_hash", "role", "created_at", "revoked_at", "rate_per_second", "rate_burst"],
            indexes: ["CREATE INDEX api_keys_by_id ON api_keys (id)",
                      "CREATE INDEX api_keys_by_secret_hash ON api_keys (secret_hash)"])
    }

    static let orders = TableRebuild(table: "orders", definition: """
        id TEXT NOT NULL,
        tenant_id TEXT NOT NULL REFERENCES tenants(id),
        merchant_order_id TEXT NOT NULL,
        customer_email TEXT,
        customer_phone TEXT,
        customer_postal_code TEXT,
        customer_locale TEXT,
        customer_time_zone TEXT,
        line_items TEXT NOT NULL,
        metadata TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (tenant_id, id),
        UNIQUE (tenant_id, merchant_order_id)
        """,
        columns: ["id", "tenant_id", "merchant_order_id", "customer_email", "customer_phone", "customer_postal_code",
                  "customer_locale", "customer_time_zone", "line_items", "metadata", "created_at", "updated_at"],
        indexes: ["CREATE INDEX orders_by_merchant_order_id ON orders (merchant_order_id)"])

    static func shipments(_ d: StoreDialect) -> TableRebuild {
        TableRebuild(table: "shipments", definition: """
            id TEXT NOT NULL,
            tenant_id TEXT NOT NULL REFERENCES tenants(id),
            order_ref TEXT,
            merchant_order_id TEXT,
            tracking_number TEXT NOT NULL,
            carrier TEXT NOT NULL,
            service TEXT,
            status TEXT NOT NULL,
            substatus TEXT,
            eta_earliest TEXT,
            eta_latest TEXT,
            eta_source TEXT,
            delivered_at TEXT,
            signed_by TEXT,
            last_event_id TEXT,
            last_event_at TEXT,
            public_token TEXT NOT NULL,
            customer_email TEXT,
            customer_phone TEXT,
            customer_postal_code TEXT,
            customer_locale TEXT,
            customer_time_zone TEXT,
            metadata TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            tracking_stopped_at TEXT,
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
            PRIMARY KEY (tenant_id, id),
            UNIQUE (tenant_id, tracking_number, carrier),
            FOREIGN KEY (tenant_id, order_ref) REFERENCES orders (tenant_id, id)
            """,
            columns: ["id", "tenant_id", "order_ref", "merchant_order_id", "tracking_number", "carrier", "service", "status",
                      "substatus", "eta_earliest", "eta_latest", "eta_source", "delivered_at", "signed_by", "last_event_id",
                      "last_event_at", "public_token", "customer_email", "customer_phone", "customer_postal_code",
                      "customer_locale", "customer_time_zone", "metadata", "created_at", "updated_at", "tracking_stopped_at",
                      "next_check_at", "last_checked_at", "poll_state", "poll_outcome", "poll_not_found_count",
                      "poll_failure_count", "poll_etag", "poll_last_modified", "poll_lease_owner", "poll_lease_expires_at"],
            // The primary key (tenant_id, id) serves the shipment list in order, as
            // `shipments_by_tenant` (migration 13) did, so that index is not made again.
            indexes: ["CREATE INDEX shipments_by_id ON shipments (id)",
                      "CREATE INDEX shipments_by_public_token ON shipments (public_token)",
                      "CREATE INDEX shipments_by_status ON shipments (tenant_id, status, id)",
                      "CREATE INDEX shipments_by_order ON shipments (tenant_id, merchant_order_id, id)",
                      "CREATE INDEX shipments_by_order_ref ON shipments (order_ref)",
                      "CREATE INDEX shipments_by_tracking_number ON shipments (tracking_number)",
                      "CREATE INDEX shipments_by_customer_email ON shipments (tenant_id, LOWER(customer_email))",
                      "CREATE INDEX shipments_poll_due ON shipments (poll_state, carrier, next_check_at)"])
    }

    static func rawPayloads(_ d: StoreDialect) -> TableRebuild {
        TableRebuild(table: "raw_payloads", definition: """
            id TEXT NOT NULL,
            tenant_id TEXT NOT NULL REFERENCES tenants(id),
            source TEXT NOT NULL,
            carrier TEXT,
            content_type TEXT NOT NULL,
            body \(d.blob) NOT NULL,
            sha256 TEXT NOT NULL,
            received_at TEXT NOT NULL,
            status TEXT NOT NULL,
            error TEXT,
            PRIMARY KEY (tenant_id, id),
            UNIQUE (tenant_id, sha256)
            """,
            columns: ["id", "tenant_id", "source", "carrier", "content_type", "body", "sha256", "received_at", "status", "error"],
            indexes: ["CREATE INDEX raw_payloads_by_id ON raw_payloads (id)",
                      "CREATE INDEX raw_payloads_by_status ON raw_payloads (tenant_id, status, id)",
                      "CREATE INDEX raw_payloads_by_carrier ON raw_payloads (carrier, id)"])
    }

    static func events(_ d: StoreDialect) -> TableRebuild {
        TableRebuild(table: "events", definition: """
            seq \(d.rowNumber),
            id TEXT NOT NULL,
            tenant_id TEXT NOT NULL REFERENCES tenants(id),
            shipment_id TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            status TEXT NOT NULL,
            substatus TEXT,
            reason TEXT,
            action_required \(d.bigint) NOT NULL,
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
            latitude \(d.double),
            longitude \(d.double),
            carrier_sequence \(d.bigint) NOT NULL,
            informational \(d.bigint) NOT NULL,
            signed_by TEXT,
            source TEXT NOT NULL,
            raw_payload_id TEXT,
            recorded_at TEXT NOT NULL,
            carrier TEXT,
            reported_by TEXT,
            superseded_by TEXT,
            implausible_time \(d.bigint) NOT NULL DEFAULT 0,
            \(d.numberedTableKey("tenant_id, id")),
            UNIQUE (tenant_id, shipment_id, fingerprint),
            FOREIGN KEY (tenant_id, shipment_id) REFERENCES shipments (tenant_id, id)
            """,
            columns: ["seq", "id", "tenant_id", "shipment_id", "fingerprint", "status", "substatus", "reason", "action_required",
                      "carrier_code", "carrier_description", "occurred_at", "local_time", "utc_offset", "zone_source", "city",
                      "region", "postal_code", "country", "latitude", "longitude", "carrier_sequence", "informational",
                      "signed_by", "source", "raw_payload_id", "recorded_at", "carrier", "reported_by", "superseded_by",
                      "implausible_time"],
            numberedBy: "seq")
    }

    /// Gains `tenant_id` (its event's) so that its key and foreign keys can lead with it.
    static let eventReports = TableRebuild(table: "event_reports", definition: """
        tenant_id TEXT NOT NULL REFERENCES tenants(id),
        event_id TEXT NOT NULL,
        raw_payload_id TEXT NOT NULL,
        PRIMARY KEY (tenant_id, event_id, raw_payload_id)
        """,
        columns: ["tenant_id", "event_id", "raw_payload_id"],
        copy: "SELECT e.tenant_id, r.event_id, r.raw_payload_id FROM event_reports r JOIN events e ON e.id = r.event_id",
        indexes: ["CREATE INDEX event_reports_by_payload ON event_reports (tenant_id, raw_payload_id)"])

    static func auditLog(_ d: StoreDialect) -> TableRebuild {
        TableRebuild(table: "audit_log", definition: """
            seq \(d.rowNumber),
            id TEXT NOT NULL,
            tenant_id TEXT NOT NULL REFERENCES tenants(id),
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            subject_type TEXT NOT NULL,
            subject_id TEXT NOT NULL,
            details TEXT NOT NULL,
            at TEXT NOT NULL,
            \(d.numberedTableKey("tenant_id, id"))
            """,
            columns: ["seq", "id", "tenant_id", "actor", "action", "subject_type", "subject_id", "details", "at"],
            numberedBy: "seq",
            indexes: ["CREATE INDEX audit_log_by_subject ON audit_log (tenant_id, subject_id, seq)"])
    }

    /// The primary key replaces `webhook_endpoints_by_tenant` (the same columns).
    static let webhookEndpoints = TableRebuild(table: "webhook_endpoints", definition: """
        id TEXT NOT NULL,
        tenant_id TEXT NOT NULL REFERENCES tenants(id),
        carrier TEXT NOT NULL,
        secret TEXT NOT NULL,
        created_at TEXT NOT NULL,
        secret_rotated_at TEXT,
        deleted_at TEXT,
        PRIMARY KEY (tenant_id, id)
        """,
        columns: ["id", "tenant_id", "carrier", "secret", "created_at", "secret_rotated_at", "deleted_at"],
        indexes: ["CREATE INDEX webhook_endpoints_by_id ON webhook_endpoints (id)"])

    /// The primary key replaces `webhook_subscriptions_by_tenant` (the same columns).
    static func webhookSubscriptions(_ d: StoreDialect) -> TableRebuild {
        TableRebuild(table: "webhook_subscriptions", definition: """
            id TEXT NOT NULL,
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
            deleted_at TEXT,
            PRIMARY KEY (tenant_id, id)
            """,
            columns: ["id", "tenant_id", "url", "event_types", "secret", "previous_secret", "previous_secret_expires_at",
                      "consecutive_failures", "circuit_open_until", "created_at", "updated_at", "deleted_at"],
            indexes: ["CREATE INDEX webhook_subscriptions_by_id ON webhook_subscriptions (id)"])
    }

    /// The primary key replaces `alert_rules_by_tenant` (the same columns).
    static func alertRules(_ d: StoreDialect) -> TableRebuild {
        TableRebuild(table: "alert_rules", definition: """
            id TEXT NOT NULL,
            tenant_id TEXT NOT NULL REFERENCES tenants(id),
            definition TEXT NOT NULL,
            enabled \(d.bigint) NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (tenant_id, id)
            """,
            columns: ["id", "tenant_id", "definition", "enabled", "created_at", "updated_at"])
    }

    static func notificationShipmentState(_ d: StoreDialect) -> TableRebuild {
        TableRebuild(table: "notification_shipment_state", definition: """
            shipment_id TEXT NOT NULL,
            tenant_id TEXT NOT NULL,
            status TEXT NOT NULL,
            substatus TEXT,
            reason TEXT,
            eta_earliest TEXT,
            eta_latest TEXT,
            sequence \(d.bigint) NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (tenant_id, shipment_id),
            FOREIGN KEY (tenant_id, shipment_id) REFERENCES shipments (tenant_id, id)
            """,
            columns: ["shipment_id", "tenant_id", "status", "substatus", "reason", "eta_earliest", "eta_latest", "sequence",
                      "updated_at"])
    }

    /// The key replaces `notification_messages_by_tenant` (the same columns).
    static func notificationMessages(_ d: StoreDialect) -> TableRebuild {
        TableRebuild(table: "notification_messages", definition: """
            seq \(d.rowNumber),
            id TEXT NOT NULL,
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
            \(d.numberedTableKey("tenant_id, id")),
            UNIQUE (tenant_id, dedupe_key)
            """,
            columns: ["seq", "id", "tenant_id", "channel", "target_id", "shipment_id", "order_id", "event_type", "sequence",
                      "ordering_key", "body", "state", "attempts", "next_attempt_at", "retry_window_start", "lease_owner",
                      "lease_expires_at", "dedupe_key", "collapse_key", "collapsed_count", "last_status_code", "last_error",
                      "created_at", "updated_at", "delivered_at"],
            numberedBy: "seq",
            indexes: ["CREATE INDEX notification_messages_by_id ON notification_messages (id)",
                      "CREATE INDEX notification_messages_due ON notification_messages (state, next_attempt_at)",
                      "CREATE INDEX notification_messages_ordering ON notification_messages (ordering_key, seq)",
                      "CREATE INDEX notification_messages_by_collapse ON notification_messages (collapse_key, state)"])
    }

    /// Rows have no id: on PostgreSQL the key is (tenant_id, seq), on SQLite the rowid alone.
    static func notificationAttempts(_ d: StoreDialect) -> TableRebuild {
        TableRebuild(table: "notification_attempts", definition: """
            seq \(d.rowNumber),
            message_id TEXT NOT NULL,
            tenant_id TEXT NOT NULL,
            attempt \(d.bigint) NOT NULL,
            started_at TEXT NOT NULL,
            status_code \(d.bigint),
            latency_ms \(d.double) NOT NULL,
            response_excerpt TEXT,
            error TEXT,
            outcome TEXT NOT NULL,
            worker TEXT NOT NULL,
            \(d.engine == .sqlite ? "" : "PRIMARY KEY (tenant_id, seq),")
            FOREIGN KEY (tenant_id, message_id) REFERENCES notification_messages (tenant_id, id)
            """,
            columns: ["seq", "message_id", "tenant_id", "attempt", "started_at", "status_code", "latency_ms",
                      "response_excerpt", "error", "outcome", "worker"],
            numberedBy: "seq",
            indexes: ["CREATE INDEX notification_attempts_by_message ON notification_attempts (message_id, seq)"])
    }

    static func notificationFeed(_ d: StoreDialect) -> TableRebuild {
        TableRebuild(table: "notification_feed", definition: """
            seq \(d.rowNumber),
            id TEXT NOT NULL,
            tenant_id TEXT NOT NULL REFERENCES tenants(id),
            message_id TEXT NOT NULL,
            shipment_id TEXT,
            rule_id TEXT,
            event_type TEXT NOT NULL,
            title TEXT NOT NULL,
            text TEXT NOT NULL,
            created_at TEXT NOT NULL,
            \(d.numberedTableKey("tenant_id, id")),
            UNIQUE (tenant_id, message_id)
            """,
            columns: ["seq", "id", "tenant_id", "message_id", "shipment_id", "rule_id", "event_type", "title", "text",
                      "created_at"],
            numberedBy: "seq",
            indexes: ["CREATE INDEX notification_feed_by_tenant ON notification_feed (tenant_id, seq)"])
    }

    static let notificationMarkers = TableRebuild(table: "notification_markers", definition: """
        subject_id TEXT NOT NULL,
        condition TEXT NOT NULL,
        marker TEXT NOT NULL,
        tenant_id TEXT NOT NULL,
        fired_at TEXT NOT NULL,
        PRIMARY KEY (tenant_id, subject_id, condition, marker)
        """,
        columns: ["subject_id", "condition", "marker", "tenant_id", "fired_at"])

    static func fileImports(_ d: StoreDialect) -> TableRebuild {
        TableRebuild(table: "file_imports", definition: """
            id TEXT NOT NULL,
            tenant_id TEXT NOT NULL REFERENCES tenants(id),
            raw_payload_id TEXT NOT NULL,
            file_name TEXT NOT NULL,
            status TEXT NOT NULL,
            format TEXT,
            records_total \(d.bigint) NOT NULL DEFAULT 0,
            records_done \(d.bigint) NOT NULL DEFAULT 0,
            shipments_registered \(d.bigint) NOT NULL DEFAULT 0,
            events_inserted \(d.bigint) NOT NULL DEFAULT 0,
            duplicates \(d.bigint) NOT NULL DEFAULT 0,
            issues TEXT NOT NULL DEFAULT '[]',
            acknowledged_interchanges TEXT NOT NULL DEFAULT '[]',
            error TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            finished_at TEXT,
            PRIMARY KEY (tenant_id, id),
            UNIQUE (tenant_id, raw_payload_id)
            """,
            columns: ["id", "tenant_id", "raw_payload_id", "file_name", "status", "format", "records_total", "records_done",
                      "shipments_registered", "events_inserted", "duplicates", "issues", "acknowledged_interchanges", "error",
                      "created_at", "updated_at", "finished_at"])
    }

    static func shipmentLegs(_ d: StoreDialect) -> TableRebuild {
        TableRebuild(table: "shipment_legs", definition: """
            id TEXT NOT NULL,
            tenant_id TEXT NOT NULL REFERENCES tenants(id),
            shipment_id TEXT NOT NULL,
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
            PRIMARY KEY (tenant_id, id),
            UNIQUE (tenant_id, tracking_number, carrier),
            FOREIGN KEY (tenant_id, shipment_id) REFERENCES shipments (tenant_id, id)
            """,
            columns: ["id", "tenant_id", "shipment_id", "tracking_number", "carrier", "role", "linked_by", "created_at",
                      "next_check_at", "last_checked_at", "poll_state", "poll_outcome", "poll_not_found_count",
                      "poll_failure_count", "poll_etag", "poll_last_modified", "poll_lease_owner", "poll_lease_expires_at"],
            indexes: ["CREATE INDEX shipment_legs_by_id ON shipment_legs (id)",
                      "CREATE INDEX shipment_legs_by_shipment ON shipment_legs (tenant_id, shipment_id)",
                      "CREATE INDEX shipment_legs_poll_due ON shipment_legs (poll_state, carrier, next_check_at)"])
    }

    static let supportSessions = TableRebuild(table: "support_sessions", definition: """
        id_hash TEXT NOT NULL,
        api_key_id TEXT NOT NULL,
        tenant_id TEXT NOT NULL REFERENCES tenants(id),
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        PRIMARY KEY (tenant_id, id_hash),
        FOREIGN KEY (tenant_id, api_key_id) REFERENCES api_keys (tenant_id, id)
        """,
        columns: ["id_hash", "api_key_id", "tenant_id", "created_at", "expires_at"],
        indexes: ["CREATE INDEX support_sessions_by_id_hash ON support_sessions (id_hash)",
                  "CREATE INDEX support_sessions_expiry ON support_sessions (expires_at)"])
}
