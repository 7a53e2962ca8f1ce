extension Migration {
    static let v0001Initial = Migration(version: 1, name: "initial") { d in
        [
            """
            CREATE TABLE tenants (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL UNIQUE,
                created_at TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE api_keys (
                id TEXT PRIMARY KEY,
                tenant_id TEXT NOT NULL REFERENCES tenants(id),
                prefix TEXT NOT NULL,
                secret_hash TEXT NOT NULL UNIQUE,
                role TEXT NOT NULL,
                created_at TEXT NOT NULL,
                revoked_at TEXT
            )
            """,
            """
            CREATE TABLE orders (
                id TEXT PRIMARY KEY,
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
                UNIQUE (tenant_id, merchant_order_id)
            )
            """,
            """
            CREATE TABLE shipments (
                id TEXT PRIMARY KEY,
                tenant_id TEXT NOT NULL REFERENCES tenants(id),
                order_ref TEXT REFERENCES orders(id),
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
                public_token TEXT NOT NULL UNIQUE,
                customer_email TEXT,
                customer_phone TEXT,
                customer_postal_code TEXT,
                customer_locale TEXT,
                customer_time_zone TEXT,
                metadata TEXT NOT NULL,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                tracking_stopped_at TEXT,
                UNIQUE (tenant_id, tracking_number, carrier)
            )
            """,
            "CREATE INDEX shipments_by_status ON shipments (tenant_id, status, id)",
            "CREATE INDEX shipments_by_order ON shipments (tenant_id, merchant_order_id, id)",
            "CREATE INDEX shipments_by_order_ref ON shipments (order_ref)",
            """
            CREATE TABLE raw_payloads (
                id TEXT PRIMARY KEY,
                tenant_id TEXT NOT NULL REFERENCES tenants(id),
                source TEXT NOT NULL,
                carrier TEXT,
                content_type TEXT NOT NULL,
                body \(d.blob) NOT NULL,
                sha256 TEXT NOT NULL,
                received_at TEXT NOT NULL,
                status TEXT NOT NULL,
                error TEXT,
                UNIQUE (tenant_id, sha256)
            )
            """,
            "CREATE INDEX raw_payloads_by_status ON raw_payloads (tenant_id, status, id)",
            """
            CREATE TABLE events (
                seq \(d.identityPrimaryKey),
                id TEXT NOT NULL UNIQUE,
                tenant_id TEXT NOT NULL REFERENCES tenants(id),
                shipment_id TEXT NOT NULL REFERENCES shipments(id),
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
                raw_payload_id TEXT REFERENCES raw_payloads(id),
                recorded_at TEXT NOT NULL,
                UNIQUE (shipment_id, fingerprint)
            )
            """,
            """
            CREATE TABLE event_reports (
                event_id TEXT NOT NULL REFERENCES events(id),
                raw_payload_id TEXT NOT NULL REFERENCES raw_payloads(id),
                PRIMARY KEY (event_id, raw_payload_id)
            )
            """,
            "CREATE INDEX event_reports_by_payload ON event_reports (raw_payload_id)",
            """
            CREATE TABLE jobs (
                id TEXT PRIMARY KEY,
                tenant_id TEXT,
                kind TEXT NOT NULL,
                payload TEXT NOT NULL,
                state TEXT NOT NULL,
                run_at TEXT NOT NULL,
                attempts \(d.bigint) NOT NULL,
                max_attempts \(d.bigint) NOT NULL,
                lease_owner TEXT,
                lease_expires_at TEXT,
                last_error TEXT,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL
            )
            """,
            "CREATE INDEX jobs_due ON jobs (state, kind, run_at)",
            """
            CREATE TABLE idempotency_keys (
                tenant_id TEXT NOT NULL REFERENCES tenants(id),
                key TEXT NOT NULL,
                request_hash TEXT NOT NULL,
                status_code \(d.bigint) NOT NULL,
                response_body TEXT NOT NULL,
                created_at TEXT NOT NULL,
                PRIMARY KEY (tenant_id, key)
            )
            """,
            """
            CREATE TABLE audit_log (
                seq \(d.identityPrimaryKey),
                id TEXT NOT NULL UNIQUE,
                tenant_id TEXT NOT NULL REFERENCES tenants(id),
                actor TEXT NOT NULL,
                action TEXT NOT NULL,
                subject_type TEXT NOT NULL,
                subject_id TEXT NOT NULL,
                details TEXT NOT NULL,
                at TEXT NOT NULL
            )
            """,
            "CREATE INDEX audit_log_by_subject ON audit_log (tenant_id, subject_id, seq)",
        ]
    }
}
