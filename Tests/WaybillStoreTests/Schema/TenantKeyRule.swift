/// What makes a schema ready for Citus with `tenant_id` as the distribution column (issue 16,
/// `docs/scaling.md`): every tenant-owned table's primary key and unique indexes start with
/// `tenant_id`, and its foreign keys cannot reach another tenant's rows.
enum TenantKeyRule {
    /// The installation-wide tables, and why each is not a tenant's. Every other table is
    /// tenant-owned: a new table fails the rule until it has the keys or is listed here.
    static let globalTables: [String: String] = [
        "schema_migrations": "the schema's version, one per database",
        "tenants": "the tenants themselves (a reference table under Citus)",
        "instances": "the running server processes, not tenant data",
        "jobs": "the installation's work queue, claimed across tenants by every instance; maintenance jobs have no tenant",
        "branding": """
            one row per tenant, found by custom domain before the tenant is known, the domain unique across the \
            installation (a reference table under Citus)
            """,
    ]

    /// Tables numbered by `seq` whose primary key on SQLite is the rowid (`StoreDialect.rowNumber`):
    /// SQLite numbers only its primary key; the key (tenant_id, ...) is the primary key on PostgreSQL.
    static let sqliteRowidTables: Set<String> = ["events", "audit_log", "notification_messages", "notification_attempts",
                                                 "notification_feed"]

    /// One line per breach, naming the table and the index or key.
    static func problems(in catalog: SchemaCatalog, sqlite: Bool) -> [String] {
        var problems: [String] = []
        for name in globalTables.keys.sorted() where catalog.tables[name] == nil {
            problems.append("\(name): listed as global but not in the schema")
        }
        for table in catalog.tables.values.sorted(by: { $0.name < $1.name }) {
            let isGlobal = globalTables[table.name] != nil
            for key in table.foreignKeys {
                let parentIsGlobal = globalTables[key.referencedTable] != nil
                if isGlobal && !parentIsGlobal {
                    problems.append("\(table.name): \(key.name) (\(key.columns.joined(separator: ", "))) makes a global table reference tenant-owned \(key.referencedTable)")
                } else if !isGlobal && !allowed(key, parentIsGlobal: parentIsGlobal) {
                    problems.append("\(table.name): \(key.name) (\(key.columns.joined(separator: ", "))) -> \(key.referencedTable) (\(key.referencedColumns.joined(separator: ", "))) does not include tenant_id")
                }
            }
            guard !isGlobal else { continue }
            guard table.columns.contains("tenant_id") else {
                problems.append("\(table.name): no tenant_id column (give it one, or list it in TenantKeyRule.globalTables with why)")
                continue
            }
            let rowid = sqlite && sqliteRowidTables.contains(table.name) && table.primaryKey == ["seq"]
            if table.primaryKey.first != "tenant_id" && !rowid {
                problems.append("\(table.name): primary key (\(table.primaryKey.joined(separator: ", "))) does not start with tenant_id")
            }
            for index in table.uniqueIndexes where index.columns.first != "tenant_id" {
                problems.append("\(table.name): unique index \(index.name) (\(index.columns.joined(separator: ", "))) does not start with tenant_id")
            }
        }
        return problems
    }

    /// A tenant-owned table may reference `tenants` by its tenant_id, and a tenant-owned table
    /// by a key that maps tenant_id to tenant_id.
    private static func allowed(_ key: SchemaCatalog.ForeignKey, parentIsGlobal: Bool) -> Bool {
        if parentIsGlobal { return key.referencedTable == "tenants" && key.columns == ["tenant_id"] }
        return zip(key.columns, key.referencedColumns).contains { $0 == ("tenant_id", "tenant_id") }
    }
}
