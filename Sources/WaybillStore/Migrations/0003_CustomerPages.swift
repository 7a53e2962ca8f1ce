extension Migration {
    static let v0003CustomerPages = Migration(version: 3, name: "customer_pages") { _ in
        [
            """
            CREATE TABLE branding (
                tenant_id TEXT PRIMARY KEY REFERENCES tenants(id),
                document TEXT NOT NULL,
                custom_domain TEXT UNIQUE,
                updated_at TEXT NOT NULL,
                updated_by TEXT NOT NULL
            )
            """,
            // `/track?number=` looks a number up across carriers (and tenants).
            "CREATE INDEX shipments_by_tracking_number ON shipments (tracking_number)",
            // Support search by customer email, case-insensitive.
            "CREATE INDEX shipments_by_customer_email ON shipments (tenant_id, LOWER(customer_email))",
            // Order lookup without a known tenant.
            "CREATE INDEX orders_by_merchant_order_id ON orders (merchant_order_id)",
        ]
    }
}
