import Crypto
import Foundation
import SQLKit
import WaybillCore

/// A webhook body waiting to be stored with its parse job.
struct PendingReceive: Sendable {
    var raw: NewRawPayload
    var tenantID: String
    var parseJobKind: String
    var sha256: String

    init(raw: NewRawPayload, tenantID: String, parseJobKind: String) {
        self.raw = raw
        self.tenantID = tenantID
        self.parseJobKind = parseJobKind
        sha256 = SHA256.hex(raw.body)
    }
}

/// Where a received body was stored; `isNew` is false when an identical body was there first.
struct ReceivedPayload: Sendable, Equatable {
    var rawPayloadID: String
    var isNew: Bool
}

/// Receives written in batches: one transaction, one multi-row INSERT of raw payloads and one
/// of parse jobs for everything that arrived together.
extension SQLStore {
    /// Writes `batch` in one urgent transaction; if that fails, each receive alone, so one bad
    /// payload costs only its own answer.
    func writeReceives(_ batch: [PendingReceive]) async -> [Result<ReceivedPayload, any Error>] {
        do {
            return try await backend.transaction(priority: .urgent) { db in
                try await Self.storeReceives(db, batch)
            }.map { .success($0) }
        } catch {
            guard batch.count > 1 else { return [.failure(error)] }
            var results: [Result<ReceivedPayload, any Error>] = []
            for item in batch {
                do {
                    let stored = try await backend.transaction(priority: .urgent) { db in try await Self.storeReceives(db, [item]) }
                    results.append(.success(stored[0]))
                } catch {
                    results.append(.failure(error))
                }
            }
            return results
        }
    }

    /// Stores each body once per tenant (by sha256) and queues a parse job for each new one,
    /// inside the caller's transaction. Of identical bodies in one batch the first is new.
    static func storeReceives(_ db: any SQLDatabase, _ batch: [PendingReceive]) async throws -> [ReceivedPayload] {
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
            let candidates = indices.filter { first[batch[$0].sha256] == $0 }

            var idBySHA: [String: String] = [:]
            var inserted = Set<String>()
            for chunk in candidates.chunked(insertChunk) {
                let values: [SQLQueryString] = chunk.map { index in
                    let raw = batch[index].raw
                    return """
                        (\(bind: Identifier.make(.rawPayload)), \(bind: tenantID), \(bind: raw.source.rawValue), \(bind: raw.carrier),
                         \(bind: raw.contentType), \(bind: raw.body), \(bind: batch[index].sha256), \(bind: Column.time(raw.receivedAt)),
                         \(bind: RawPayloadStatus.received.rawValue))
                        """
                }
                let rows = try await db.raw("""
                    INSERT INTO raw_payloads (id, tenant_id, source, carrier, content_type, body, sha256, received_at, status)
                    VALUES \(values.joined(separator: ", "))
                    ON CONFLICT (tenant_id, sha256) DO NOTHING
                    RETURNING id, sha256
                    """).all()
                for row in rows {
                    let sha = try row.text("sha256")
                    idBySHA[sha] = try row.text("id")
                    inserted.insert(sha)
                }
            }
            let existing = candidates.map { batch[$0].sha256 }.filter { !inserted.contains($0) }
            for chunk in existing.chunked(insertChunk) {
                let rows = try await db.raw("""
                    SELECT id, sha256 FROM raw_payloads WHERE tenant_id = \(bind: tenantID) AND sha256 IN (\(binds: Array(chunk)))
                    """).all()
                for row in rows { idBySHA[try row.text("sha256")] = try row.text("id") }
            }

            let newOnes = candidates.filter { inserted.contains(batch[$0].sha256) }
            let now = Column.time(Date())
            for chunk in newOnes.chunked(insertChunk) {
                let values: [SQLQueryString] = chunk.map { index in
                    """
                    (\(bind: Identifier.make(.job)), \(bind: tenantID), \(bind: batch[index].parseJobKind),
                     \(bind: idBySHA[batch[index].sha256] ?? ""), 'queued', \(bind: now), 0, 5, \(bind: now), \(bind: now))
                    """
                }
                try await db.raw("""
                    INSERT INTO jobs (id, tenant_id, kind, payload, state, run_at, attempts, max_attempts, created_at, updated_at)
                    VALUES \(values.joined(separator: ", "))
                    """).run()
            }
            for index in indices {
                let sha = batch[index].sha256
                guard let id = idBySHA[sha] else { throw StoreError.notFound(kind: "raw payload", id: sha) }
                results[index] = ReceivedPayload(rawPayloadID: id, isNew: inserted.contains(sha) && first[sha] == index)
            }
        }
        return results.map { $0! }
    }
}
