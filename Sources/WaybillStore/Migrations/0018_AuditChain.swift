extension Migration {
    /// The tamper-evident audit log (issue 17): each entry's place in its tenant's chain and the
    /// hashes that link it (see `AuditChain`). Entries written before are chained in the order
    /// they were written, by `AuditChain.chainUnchained` right after these statements.
    static let v0018AuditChain = Migration(version: 18, name: "audit_chain", statements: { d in
        ["ALTER TABLE audit_log ADD COLUMN chain_seq \(d.bigint)",
         "ALTER TABLE audit_log ADD COLUMN prev_hash TEXT",
         "ALTER TABLE audit_log ADD COLUMN hash TEXT",
         "CREATE UNIQUE INDEX audit_log_chain ON audit_log (tenant_id, chain_seq)"]
    }, afterStatements: { db in try await AuditChain.chainUnchained(db) })
}
