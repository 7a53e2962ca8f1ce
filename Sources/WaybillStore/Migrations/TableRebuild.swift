/// A table created again with new keys and every row copied, for key changes that SQLite cannot
/// make in place (it cannot alter a primary key or a constraint). The same statements run on
/// PostgreSQL, so both engines end with the same tables, constraints and indexes.
///
/// The new table is created beside the old one, filled, the old one dropped (on PostgreSQL with
/// the foreign keys that pointed to it: rebuild the referencing tables after their parents) and
/// the new one renamed; its indexes are created after the rename, under their usual names.
struct TableRebuild: Sendable {
    let table: String
    /// Column definitions and table constraints, the body of CREATE TABLE.
    let definition: String
    /// The columns filled from the old table.
    let columns: [String]
    /// A SELECT giving `columns` in order; nil copies the same columns from the old table.
    var copy: String? = nil
    /// The column numbered by `StoreDialect.rowNumber`, whose sequence continues after the copy.
    var numberedBy: String? = nil
    var indexes: [String] = []

    func statements(_ d: StoreDialect, migration version: Int) -> [String] {
        let temporary = "\(table)_v\(version)"
        let columnList = columns.joined(separator: ", ")
        var statements = [
            "CREATE TABLE \(temporary) (\(definition))",
            "INSERT INTO \(temporary) (\(columnList)) \(copy ?? "SELECT \(columnList) FROM \(table)")",
            d.engine == .sqlite ? "DROP TABLE \(table)" : "DROP TABLE \(table) CASCADE",
            "ALTER TABLE \(temporary) RENAME TO \(table)",
        ]
        if d.engine == .postgres {
            statements.append(Self.renameConstraints(of: table, createdAs: temporary))
            if let numberedBy {
                // Copied numbers were given explicitly, so the identity's sequence has not moved.
                statements.append("""
                    SELECT setval(pg_get_serial_sequence('\(table)', '\(numberedBy)'),
                                  COALESCE((SELECT MAX(\(numberedBy)) FROM \(table)), 0) + 1, false)
                    """)
            }
        }
        return statements + indexes
    }

    /// PostgreSQL names constraints (and their indexes) after the table they were created on, and
    /// a renamed table keeps them: gives the constraints of `table`, created as `temporary`, the
    /// names they would have had.
    static func renameConstraints(of table: String, createdAs temporary: String) -> String {
        """
        DO $$ DECLARE c record; BEGIN
            FOR c IN SELECT conname FROM pg_constraint
                WHERE conrelid = '\(table)'::regclass AND conname LIKE '\(temporary)\\_%' LOOP
                EXECUTE format('ALTER TABLE \(table) RENAME CONSTRAINT %I TO %I',
                               c.conname, '\(table)' || substr(c.conname, \(temporary.count + 1)));
            END LOOP;
        END $$
        """
    }
}
