import SQLKit

/// "Stored once" where no unique index can say it: on PostgreSQL `raw_payloads` and `events` are
/// partitioned by month (migration 15), and a partitioned table's unique indexes must include the
/// partition key, so neither `(tenant_id, sha256)` nor `(tenant_id, shipment_id, fingerprint)` is
/// unique across months. There the store looks them up first, under a lock that a concurrent
/// writer of the same body or event waits for: an advisory lock on a body's digest, the shipment's
/// row lock for an event. SQLite keeps its unique indexes and needs neither.
extension SQLStore {
    /// Locks the digests of these bodies of a tenant until the transaction ends, in one order so
    /// that two batches cannot deadlock. Returns true when the caller must look the bodies up
    /// before inserting them (PostgreSQL), false on SQLite.
    static func lockDigests(_ db: any SQLDatabase, tenantID: String, shas: [String]) async throws -> Bool {
        guard StoreDialect(db).engine == .postgres else { return false }
        for chunk in Array(Set(shas)).sorted().chunked(insertChunk) {
            try await db.raw("""
                SELECT pg_advisory_xact_lock(hashtextextended(\(bind: tenantID) || '/' || d.sha, 0))
                FROM unnest(ARRAY[\(binds: Array(chunk))]::text[]) WITH ORDINALITY AS d(sha, n) ORDER BY d.n
                """).run()
        }
        return true
    }

    /// The fingerprints of these shipments' events already stored; on PostgreSQL only (SQLite's
    /// unique index skips them on insert). The caller holds the shipments' row locks.
    func storedFingerprints(_ db: any SQLDatabase, tenantID: String,
                            of events: [(shipmentID: String, fingerprint: String)]) async throws -> Set<String> {
        guard dialect.engine == .postgres else { return [] }
        var stored = Set<String>()
        for chunk in events.chunked(Self.insertChunk) {
            let rows = try await db.raw("""
                SELECT fingerprint FROM events WHERE tenant_id = \(bind: tenantID)
                AND shipment_id IN (\(binds: Array(Set(chunk.map { $0.shipmentID })).sorted()))
                AND fingerprint IN (\(binds: chunk.map { $0.fingerprint }))
                """).all()
            for row in rows { stored.insert(try row.text("fingerprint")) }
        }
        return stored
    }
}
