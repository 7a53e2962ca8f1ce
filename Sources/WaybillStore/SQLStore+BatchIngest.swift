import Foundation
import SQLKit
import WaybillCore

/// The events parsed from one stored raw payload, with the parse job that asked for them.
public struct StoredPayloadEvents: Sendable {
    public var jobID: String
    public var rawPayloadID: String
    public var tenantID: String
    public var events: [IngestBatch.ShipmentEvent]
    public var actor: String

    public init(jobID: String, rawPayloadID: String, tenantID: String, events: [IngestBatch.ShipmentEvent], actor: String) {
        self.jobID = jobID
        self.rawPayloadID = rawPayloadID
        self.tenantID = tenantID
        self.events = events
        self.actor = actor
    }
}

/// A store that appends the events of several parsed payloads in one transaction.
public protocol BatchIngestStore: Sendable {
    /// Appends each payload's events as `ingest(storedPayload:...)` would, in one transaction,
    /// each payload in its own savepoint (a failure undoes only that payload), and marks done
    /// the parse jobs of those that succeeded (if still leased by `owner`). Returns one result
    /// per payload for a prefix of `storedPayloads`, at least one: when urgent work (a webhook
    /// acknowledgement) waits for the single SQLite writer, it commits early and leaves the
    /// rest to the next call. Throws only if the transaction as a whole fails; then nothing
    /// was written.
    func ingest(storedPayloads: [StoredPayloadEvents], completingJobsOf owner: String) async throws -> [Result<IngestOutcome, any Error>]
    /// The raw payloads with these ids, of any tenant, by id (one query for a claimed batch).
    func rawPayloads(ids: [String]) async throws -> [String: RawPayload]
}

extension SQLStore: BatchIngestStore {
    public func ingest(storedPayloads items: [StoredPayloadEvents],
                       completingJobsOf owner: String) async throws -> [Result<IngestOutcome, any Error>] {
        guard !items.isEmpty else { return [] }
        return try await backend.transaction { db in
            let settings = OutboxSettings()
            for tenantID in Set(items.filter { !$0.events.isEmpty }.map(\.tenantID)).sorted() {
                try await settings.load(db, tenantID: tenantID, now: Date())
            }
            return try await OutboxSettings.$current.withValue(settings) {
                var results: [Result<IngestOutcome, any Error>] = []
                var completed: [String] = []
                for item in items {
                    if !results.isEmpty, await self.backend.urgentWorkWaits { break }
                    try await db.raw("SAVEPOINT stored_payload").run()
                    do {
                        results.append(.success(try await self.appendEvents(db, toStoredPayload: item.rawPayloadID, tenantID: item.tenantID,
                                                                            events: item.events, actor: item.actor)))
                        try await db.raw("RELEASE SAVEPOINT stored_payload").run()
                        completed.append(item.jobID)
                    } catch {
                        try await db.raw("ROLLBACK TO SAVEPOINT stored_payload").run()
                        try await db.raw("RELEASE SAVEPOINT stored_payload").run()
                        results.append(.failure(error))
                    }
                }
                for chunk in completed.chunked(Self.insertChunk) {
                    try await db.raw("""
                        UPDATE jobs SET state = 'done', lease_owner = NULL, lease_expires_at = NULL,
                            updated_at = \(bind: Column.time(Date()))
                        WHERE id IN (\(binds: Array(chunk))) AND lease_owner = \(bind: owner) AND state = 'running'
                        """).run()
                }
                return results
            }
        }
    }

    public func rawPayloads(ids: [String]) async throws -> [String: RawPayload] {
        guard !ids.isEmpty else { return [:] }
        return try await backend.read { db in
            var payloads: [String: RawPayload] = [:]
            for chunk in ids.chunked(Self.insertChunk) {
                for row in try await db.raw("SELECT * FROM raw_payloads WHERE id IN (\(binds: Array(chunk)))").all() {
                    let payload = try Self.rawPayload(row)
                    payloads[payload.id] = payload
                }
            }
            return payloads
        }
    }

}
