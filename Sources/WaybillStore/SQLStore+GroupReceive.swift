import Crypto
import Foundation
import Metrics
import SQLKit
import WaybillCore

/// A webhook body waiting to be stored with its parse job, under the raw payload id it gets
/// if it is new.
struct PendingReceive: Sendable {
    var id: String
    var raw: NewRawPayload
    var tenantID: String
    var parseJobKind: String
    var sha256: String

    init(id: String = Identifier.make(.rawPayload), raw: NewRawPayload, tenantID: String, parseJobKind: String,
         sha256: String? = nil) {
        self.id = id
        self.raw = raw
        self.tenantID = tenantID
        self.parseJobKind = parseJobKind
        self.sha256 = sha256 ?? SHA256.hex(raw.body)
    }
}

/// Where a received body was stored; `isNew` is false when an identical body was there first.
struct ReceivedPayload: Sendable, Equatable {
    var rawPayloadID: String
    var isNew: Bool
}

/// The ids of one tenant's candidate bodies by sha256, and which of them were inserted now.
struct StoredReceives {
    var idBySHA: [String: String] = [:]
    var inserted = Set<String>()

    mutating func insert(_ rows: [any SQLRow]) throws {
        for row in rows { inserted.insert(try row.text("sha256")) }
        try record(rows)
    }

    mutating func record(_ rows: [any SQLRow]) throws {
        for row in rows { idBySHA[try row.text("sha256")] = try row.text("id") }
    }
}

/// Receives: each body stored once per tenant (by sha256) with a parse job when it is new. On
/// SQLite they are written in batches to the inbox (`SQLiteInbox`) and moved into
/// `raw_payloads` and `jobs` by the ingest worker's next drain (`moveInbox`); on PostgreSQL each is its own transaction.
extension SQLStore {
    func storeReceive(_ pending: PendingReceive) async throws -> ReceivedPayload {
        guard let inbox = backend.inbox else {
            return try await backend.transaction { db in try await Self.storeReceives(db, [pending])[0] }
        }
        return try await inbox.queue.submit(pending) { batch in await self.writeReceives(batch) }
    }

    /// Writes `batch` in one transaction (in the inbox on SQLite); if that fails, each receive
    /// alone, so one bad payload costs only its own answer.
    func writeReceives(_ batch: [PendingReceive]) async -> [Result<ReceivedPayload, any Error>] {
        do {
            return try await writeTogether(batch).map { .success($0) }
        } catch {
            guard batch.count > 1 else { return [.failure(error)] }
            var results: [Result<ReceivedPayload, any Error>] = []
            for item in batch {
                do {
                    results.append(.success(try await writeTogether([item])[0]))
                } catch {
                    results.append(.failure(error))
                }
            }
            return results
        }
    }

    private func writeTogether(_ batch: [PendingReceive]) async throws -> [ReceivedPayload] {
        guard let inbox = backend.inbox else {
            return try await backend.transaction { db in try await Self.storeReceives(db, batch) }
        }
        return try await inbox.database.transaction(priority: .urgent) { db in
            try await Self.resolveReceives(batch) { tenantID, candidates in
                // Read while the inbox is locked: a move deletes what it moved from the inbox only
                // after its main commit, so a body stored before is found either there or here.
                let known = try await inbox.readMain { main in
                    guard try await main.raw("SELECT id FROM tenants WHERE id = \(bind: tenantID)").first() != nil else {
                        throw StoreError.notFound(kind: "tenant", id: tenantID)
                    }
                    return try await Self.storedIDs(main, table: "raw_payloads", tenantID: tenantID, shas: candidates.map(\.sha256))
                }
                return try await SQLiteInbox.store(db, tenantID: tenantID, candidates: candidates, knownInMain: known)
            }
        }
    }

    /// Moves the bodies waiting in the SQLite inbox into `raw_payloads`, with a parse job for each
    /// new one, then deletes them from the inbox. The ingest worker calls it before it claims parse
    /// jobs, so whatever was acknowledged is claimable; it is safe to run concurrently and to repeat. If a move fails
    /// as a whole, each body is moved alone; one whose data cannot be stored (a constraint
    /// fails) stays in the inbox with the reason and is not tried again (a crash-safe dead
    /// letter, logged and counted in `waybill_inbox_set_aside_total`). Other failures (busy,
    /// disk full, I/O) are thrown and the next drain tries again.
    public func moveInbox() async throws {
        guard let inbox = backend.inbox else { return }
        while true {
            let waiting = try await inbox.waiting()
            guard !waiting.isEmpty else { return }
            do {
                _ = try await backend.transaction { db in try await Self.storeReceives(db, waiting.map(\.receive)) }
            } catch {
                for entry in waiting {
                    do {
                        _ = try await backend.transaction { db in try await Self.storeReceives(db, [entry.receive]) }
                    } catch where SQLiteInbox.wouldFailAgain(error) {
                        logger.error("received payload cannot be moved out of the inbox",
                                     metadata: ["raw_payload": "\(entry.receive.id)", "error": "\(ErrorText.of(error))"])
                        try await inbox.setAside(seq: entry.seq, reason: "\(ErrorText.of(error))")
                        Counter(label: "waybill_inbox_set_aside_total").increment()
                    }
                }
            }
            try await inbox.remove(seqs: waiting.map(\.seq))
            guard waiting.count == SQLiteInbox.moveLimit else { return }
        }
    }

    /// Stores each body once per tenant (by sha256) and queues a parse job for each new one,
    /// inside the caller's transaction. Of identical bodies in one batch the first is new.
    static func storeReceives(_ db: any SQLDatabase, _ batch: [PendingReceive]) async throws -> [ReceivedPayload] {
        try await resolveReceives(batch) { tenantID, candidates in
            var stored = StoredReceives()
            var toInsert = candidates
            if try await lockDigests(db, tenantID: tenantID, shas: candidates.map(\.sha256)) {
                stored.idBySHA = try await storedIDs(db, table: "raw_payloads", tenantID: tenantID, shas: candidates.map(\.sha256))
                toInsert = candidates.filter { stored.idBySHA[$0.sha256] == nil }
            }
            for chunk in toInsert.chunked(insertChunk) {
                let values: [SQLQueryString] = chunk.map { item in
                    """
                    (\(bind: item.id), \(bind: tenantID), \(bind: item.raw.source.rawValue), \(bind: item.raw.carrier),
                     \(bind: item.raw.contentType), \(bind: item.raw.body), \(bind: item.sha256), \(bind: Column.time(item.raw.receivedAt)),
                     \(bind: RawPayloadStatus.received.rawValue))
                    """
                }
                // No conflict target: a body already stored (same tenant and sha256) and a move
                // repeated after a crash (same id) are both skipped.
                try stored.insert(try await db.raw("""
                    INSERT INTO raw_payloads (id, tenant_id, source, carrier, content_type, body, sha256, received_at, status)
                    VALUES \(values.joined(separator: ", "))
                    ON CONFLICT DO NOTHING
                    RETURNING id, sha256
                    """).all())
            }
            let existing = candidates.map(\.sha256).filter { !stored.inserted.contains($0) && stored.idBySHA[$0] == nil }
            stored.idBySHA.merge(try await storedIDs(db, table: "raw_payloads", tenantID: tenantID, shas: existing)) { $1 }

            // Due since received: a claim that moved it with an earlier `now` still takes it.
            let newOnes = candidates.filter { stored.inserted.contains($0.sha256) }
            try await audit(db, tenantID: tenantID, entries: newOnes.map { receivedAudit(id: stored.idBySHA[$0.sha256] ?? $0.id, $0.raw, sha256: $0.sha256) })
            let now = Column.time(Date())
            for chunk in newOnes.chunked(insertChunk) {
                let values: [SQLQueryString] = chunk.map { item in
                    """
                    (\(bind: Identifier.make(.job)), \(bind: tenantID), \(bind: item.parseJobKind),
                     \(bind: stored.idBySHA[item.sha256] ?? ""), 'queued', \(bind: Column.time(item.raw.receivedAt)), 0, 5,
                     \(bind: now), \(bind: now))
                    """
                }
                try await db.raw("""
                    INSERT INTO jobs (id, tenant_id, kind, payload, state, run_at, attempts, max_attempts, created_at, updated_at)
                    VALUES \(values.joined(separator: ", "))
                    """).run()
            }
            return stored
        }
    }

    /// The ids of the bodies with these sha256 values that `table` holds for the tenant.
    static func storedIDs(_ db: any SQLDatabase, table: String, tenantID: String, shas: [String]) async throws -> [String: String] {
        var stored = StoredReceives()
        for chunk in shas.chunked(insertChunk) {
            try stored.record(try await db.raw("""
                SELECT id, sha256 FROM \(ident: table) WHERE tenant_id = \(bind: tenantID) AND sha256 IN (\(binds: Array(chunk)))
                """).all())
        }
        return stored.idBySHA
    }

    /// Answers a batch of receives: per tenant, the first of identical bodies is a candidate,
    /// `store` stores the candidates, and every receive gets its body's id, new only for the
    /// candidate whose body `store` inserted.
    static func resolveReceives(
        _ batch: [PendingReceive],
        store: (_ tenantID: String, _ candidates: [PendingReceive]) async throws -> StoredReceives
    ) async throws -> [ReceivedPayload] {
        var results = [ReceivedPayload?](repeating: nil, count: batch.count)
        var byTenant: [String: [Int]] = [:]
        var tenants: [String] = []
        for (index, item) in batch.enumerated() {
            if byTenant[item.tenantID] == nil { tenants.append(item.tenantID) }
            byTenant[item.tenantID, default: []].append(index)
        }
        for tenantID in tenants {
            let indices = byTenant[tenantID] ?? []
            var first: [String: Int] = [:]
            for index in indices where first[batch[index].sha256] == nil { first[batch[index].sha256] = index }
            let stored = try await store(tenantID, indices.filter { first[batch[$0].sha256] == $0 }.map { batch[$0] })
            for index in indices {
                let sha = batch[index].sha256
                guard let id = stored.idBySHA[sha] else { throw StoreError.notFound(kind: "raw payload", id: sha) }
                results[index] = ReceivedPayload(rawPayloadID: id, isNew: stored.inserted.contains(sha) && first[sha] == index)
            }
        }
        return results.map { $0! }
    }
}
