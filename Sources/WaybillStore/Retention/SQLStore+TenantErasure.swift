import Foundation
import SQLKit

/// `waybill tenants erase`: a tenant removed for good, every row of every table, in batches.
extension SQLStore {
    /// Tables holding a tenant's rows, children before the tables they reference, each with a
    /// column that picks a batch (nil: the tenant has one row there). Tables added later and not
    /// listed are found in the catalog and emptied of the tenant's rows after these.
    static let tenantTables: [(name: String, key: String?)] = [
        ("event_reports", "event_id"), ("notification_attempts", "seq"), ("notification_feed", "id"),
        ("notification_markers", "subject_id"), ("notification_shipment_state", "shipment_id"), ("notification_messages", "id"),
        ("events", "id"), ("raw_payloads", "id"), ("file_imports", "id"), ("push_subscriptions", "tracking_number"),
        ("shipment_legs", "id"), ("shipments", "id"), ("orders", "id"), ("support_sessions", "id_hash"), ("api_keys", "id"),
        ("oauth_clients", "id"), ("webhook_endpoints", "id"), ("webhook_subscriptions", "id"), ("alert_rules", "id"),
        ("notification_channels", "kind"), ("notification_tenants", nil), ("routing_rules", "carrier"), ("branding", nil),
        ("idempotency_keys", "key"), ("jobs", "id"), ("retention_policies", nil), ("audit_log", "seq"),
    ]

    public func eraseTenant(id tenantID: String, batch: Int) async throws -> TenantErasure {
        guard try await backend.read({ db in
            try await db.raw("SELECT id FROM tenants WHERE id = \(bind: tenantID)").first()
        }) != nil else { throw StoreError.notFound(kind: "tenant", id: tenantID) }
        // First, so that backups of the tenant's data cannot be read any more once it is gone.
        try await eraseTenantDataKey(tenantID: tenantID)
        let batch = max(1, batch)
        var erasure = TenantErasure()
        let known = Set(Self.tenantTables.map(\.name))
        let others = try await tablesWithTenantColumn().filter { !known.contains($0) && $0 != "tenants" }.sorted()
        for (table, key) in Self.tenantTables + others.map({ ($0, nil as String?) }) {
            var total = 0
            while true {
                let deleted = try await backend.transaction { db in
                    if let key {
                        return try await db.raw("""
                            DELETE FROM \(ident: table) WHERE tenant_id = \(bind: tenantID) AND \(ident: key) IN (
                                SELECT \(ident: key) FROM \(ident: table) WHERE tenant_id = \(bind: tenantID) LIMIT \(literal: batch))
                            RETURNING tenant_id
                            """).all().count
                    }
                    return try await db.raw("DELETE FROM \(ident: table) WHERE tenant_id = \(bind: tenantID) RETURNING tenant_id").all().count
                }
                total += deleted
                if key == nil || deleted == 0 { break }
            }
            if total > 0 { erasure.rowsByTable[table] = total }
        }
        try await backend.transaction { db in try await db.raw("DELETE FROM tenants WHERE id = \(bind: tenantID)").run() }
        erasure.rowsByTable["tenants"] = 1
        logger.notice("tenant erased", metadata: ["tenant": "\(tenantID)", "rows": "\(erasure.rowsByTable.values.reduce(0, +))"])
        return erasure
    }

    /// Destroys the tenant's data key. There is none yet: per-tenant data keys come with issue 17
    /// part 4 (encryption at rest), which makes this delete the key before any row is touched.
    func eraseTenantDataKey(tenantID: String) async throws {}

    /// The tables (not partitions) with a `tenant_id` column.
    func tablesWithTenantColumn() async throws -> [String] {
        try await backend.read { db in
            let sql: SQLQueryString = self.engine == .sqlite
                ? "SELECT m.name AS name FROM sqlite_master m, pragma_table_info(m.name) p WHERE m.type = 'table' AND p.name = 'tenant_id'"
                : """
                  SELECT c.relname AS name FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
                  JOIN pg_namespace n ON n.oid = c.relnamespace
                  WHERE a.attname = 'tenant_id' AND NOT a.attisdropped AND c.relkind IN ('r', 'p') AND NOT c.relispartition
                  AND n.nspname = current_schema()
                  """
            return try await db.raw(sql).all().map { try $0.text("name") }
        }
    }
}

extension SQLStore {
    /// On SQLite, checkpoints the WAL fully (see `SQLiteBackend.checkpointFully`); nothing on PostgreSQL.
    func checkpointForTests() async throws {
        try await (backend as? SQLiteBackend)?.checkpointFully()
    }
}
