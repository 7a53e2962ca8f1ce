import SQLKit
@testable import WaybillStore

/// The keys of every table as the database itself reports them after migrating: SQLite's
/// `pragma_table_info`, `pragma_index_list`, `pragma_index_info` and `pragma_foreign_key_list`,
/// PostgreSQL's `pg_index` and `pg_constraint`.
struct SchemaCatalog {
    struct Table {
        var name: String
        var columns: [String]
        var primaryKey: [String]
        /// Unique indexes and constraints by name (the primary key's index among them on PostgreSQL).
        var uniqueIndexes: [(name: String, columns: [String])]
        var foreignKeys: [ForeignKey]
    }

    struct ForeignKey {
        var name: String
        var columns: [String]
        var referencedTable: String
        var referencedColumns: [String]
    }

    var tables: [String: Table]

    static func read(_ store: SQLStore) async throws -> SchemaCatalog {
        try await store.backend.read { db in
            switch store.engine {
            case .sqlite: try await readSQLite(db)
            case .postgres: try await readPostgres(db)
            }
        }
    }

    private static func readSQLite(_ db: any SQLDatabase) async throws -> SchemaCatalog {
        var tables: [String: Table] = [:]
        let names = try await db.raw("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all()
            .map { try $0.decode(column: "name", as: String.self) }
        for name in names {
            let columns = try await db.raw("SELECT name, pk FROM pragma_table_info(\(bind: name)) ORDER BY cid").all()
            let primaryKey = try columns.map { (try $0.decode(column: "pk", as: Int.self), try $0.decode(column: "name", as: String.self)) }
                .filter { $0.0 > 0 }.sorted { $0.0 < $1.0 }.map(\.1)
            var unique: [(String, [String])] = []
            let indexes = try await db.raw("SELECT name FROM pragma_index_list(\(bind: name)) WHERE \"unique\" = 1").all()
            for index in try indexes.map({ try $0.decode(column: "name", as: String.self) }) {
                let indexColumns = try await db.raw("SELECT name FROM pragma_index_info(\(bind: index)) ORDER BY seqno").all()
                    .map { try $0.decode(column: "name", as: String?.self) ?? "(expression)" }
                unique.append((index, indexColumns))
            }
            let references = try await db.raw("""
                SELECT id, "table" AS parent, "from" AS child_column, "to" AS parent_column
                FROM pragma_foreign_key_list(\(bind: name)) ORDER BY id, seq
                """).all()
            var foreignKeys: [Int: ForeignKey] = [:]
            for row in references {
                let id = try row.decode(column: "id", as: Int.self)
                var key = try foreignKeys[id] ?? ForeignKey(name: "foreign key #\(id)", columns: [],
                                                            referencedTable: row.decode(column: "parent", as: String.self),
                                                            referencedColumns: [])
                key.columns.append(try row.decode(column: "child_column", as: String.self))
                key.referencedColumns.append(try row.decode(column: "parent_column", as: String?.self) ?? "(primary key)")
                foreignKeys[id] = key
            }
            tables[name] = Table(name: name, columns: try columns.map { try $0.decode(column: "name", as: String.self) },
                                 primaryKey: primaryKey, uniqueIndexes: unique,
                                 foreignKeys: foreignKeys.sorted { $0.key < $1.key }.map(\.value))
        }
        return SchemaCatalog(tables: tables)
    }

    private static func readPostgres(_ db: any SQLDatabase) async throws -> SchemaCatalog {
        var tables: [String: Table] = [:]
        // Partitions inherit their parent's keys; the parent is what a distributed table is made of.
        let names = try await db.raw("""
            SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition
            """).all().map { try $0.decode(column: "name", as: String.self) }
        for name in names {
            let columns = try await db.raw("""
                SELECT attname FROM pg_attribute WHERE attrelid = \(bind: name)::regclass AND attnum > 0 AND NOT attisdropped
                ORDER BY attnum
                """).all().map { try $0.decode(column: "attname", as: String.self) }
            let indexes = try await db.raw("""
                SELECT ci.relname AS name, CASE WHEN i.indisprimary THEN 'yes' ELSE 'no' END AS is_primary,
                    (SELECT string_agg(COALESCE(a.attname, '(expression)'), ',' ORDER BY k.ord)
                     FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
                     LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum) AS columns
                FROM pg_index i JOIN pg_class ci ON ci.oid = i.indexrelid
                WHERE i.indrelid = \(bind: name)::regclass AND i.indisunique
                """).all()
            var primaryKey: [String] = []
            var unique: [(String, [String])] = []
            for row in indexes {
                let indexColumns = try row.decode(column: "columns", as: String.self).split(separator: ",").map(String.init)
                if try row.decode(column: "is_primary", as: String.self) == "yes" { primaryKey = indexColumns }
                unique.append((try row.decode(column: "name", as: String.self), indexColumns))
            }
            let foreignKeys = try await db.raw("""
                SELECT c.conname AS name, p.relname AS parent,
                    (SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, ord)
                     JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum) AS child_columns,
                    (SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM unnest(c.confkey) WITH ORDINALITY AS k(attnum, ord)
                     JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum) AS parent_columns
                FROM pg_constraint c JOIN pg_class p ON p.oid = c.confrelid
                WHERE c.conrelid = \(bind: name)::regclass AND c.contype = 'f' AND c.conparentid = 0
                """).all().map { row in
                ForeignKey(name: try row.decode(column: "name", as: String.self),
                           columns: try row.decode(column: "child_columns", as: String.self).split(separator: ",").map(String.init),
                           referencedTable: try row.decode(column: "parent", as: String.self),
                           referencedColumns: try row.decode(column: "parent_columns", as: String.self).split(separator: ",").map(String.init))
            }
            tables[name] = Table(name: name, columns: columns, primaryKey: primaryKey, uniqueIndexes: unique, foreignKeys: foreignKeys)
        }
        return SchemaCatalog(tables: tables)
    }
}
