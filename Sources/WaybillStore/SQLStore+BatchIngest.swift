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
    /// The carrier's delivery estimate per shipment id, stored with the events.
    public var estimates: [String: DeliveryEstimate]

    public init(jobID: String, rawPayloadID: String, tenantID: String, events: [IngestBatch.ShipmentEvent], actor: String,
                estimates: [String: DeliveryEstimate] = [:]) {
        self.jobID = jobID
        self.rawPayloadID = rawPayloadID
        self.tenantID = tenantID
        self.events = events
        self.actor = actor
        self.estimates = estimates
    }
}

/// A store that appends the events of several parsed payloads in one transaction.
public protocol BatchIngestStore: Sendable {
    /// Appends each payload's events as `ingest(storedPayload:...)` would, in one transaction,
    /// and marks done the parse jobs of those that succeeded (if still leased by `owner`).
    /// Consecutive payloads of one tenant about different shipments are appended together, with
    /// one statement per step for the group, in a savepoint; if a group fails, its payloads are
    /// retried one by one, each in its own savepoint, so a failure undoes only that payload.
    /// Returns one result per payload. Throws only if the transaction as a whole fails; then
    /// nothing was written.
    func ingest(storedPayloads: [StoredPayloadEvents], completingJobsOf owner: String) async throws -> [Result<IngestOutcome, any Error>]
    /// The raw payloads with these ids, of any tenant, by id (one query for a claimed batch).
    func rawPayloads(ids: [String]) async throws -> [String: RawPayload]
}

extension SQLStore: BatchIngestStore {
    public func ingest(storedPayloads items: [StoredPayloadEvents],
                       completingJobsOf owner: String) async throws -> [Result<IngestOutcome, any Error>] {
        guard !items.isEmpty else { return [] }
        let settings = OutboxSettings()
        for tenantID in Set(items.filter { !$0.events.isEmpty }.map(\.tenantID)).sorted() {
            try await settings.load(backend, tenantID: tenantID, now: Date())
        }
        let shipmentIDs = Set(items.flatMap { $0.events.map(\.shipmentID) })
        let orders = items.count > 1 ? try await backend.read { db in try await Self.orders(db, of: shipmentIDs) } : [:]
        return try await backend.transaction { db in
            try await OutboxSettings.$current.withValue(settings) {
                var results: [Result<IngestOutcome, any Error>] = []
                var completed: [String] = []
                var rest = items[...]
                while !rest.isEmpty {
                    let group = Self.appendGroup(at: rest, orders: orders)
                    rest = rest.dropFirst(group.count)
                    var outcomes: [Result<IngestOutcome, any Error>] = []
                    do {
                        outcomes = try await self.appendInSavepoint(db, group).map { .success($0) }
                    } catch where group.count == 1 {
                        outcomes = [.failure(error)]
                    } catch {
                        for item in group {
                            do {
                                outcomes.append(.success(try await self.appendInSavepoint(db, [item])[0]))
                            } catch {
                                outcomes.append(.failure(error))
                            }
                        }
                    }
                    for (item, outcome) in zip(group, outcomes) {
                        if case .success = outcome { completed.append(item.jobID) }
                    }
                    results += outcomes
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

    /// The longest run of payloads at the head of `items` that can be appended together: one
    /// tenant's, each about shipments none of the others touches, nor other shipments of the
    /// same orders (`orders`: shipment id to merchant order id), whose order-level triggers
    /// (partially delivered, then delivered) each payload must see as it would alone.
    static func appendGroup(at items: ArraySlice<StoredPayloadEvents>,
                            orders: [String: String] = [:]) -> ArraySlice<StoredPayloadEvents> {
        guard let first = items.first else { return items }
        func touched(_ item: StoredPayloadEvents) -> Set<String> {
            Set(item.events.flatMap { event in [event.shipmentID] + (orders[event.shipmentID].map { ["order \($0)"] } ?? []) })
        }
        var taken = touched(first)
        var end = items.startIndex + 1
        while end < items.endIndex, items[end].tenantID == first.tenantID {
            let next = touched(items[end])
            guard next.isDisjoint(with: taken) else { break }
            taken.formUnion(next)
            end += 1
        }
        return items[items.startIndex..<end]
    }

    /// The merchant order of each of these shipments that has one.
    static func orders(_ db: any SQLDatabase, of shipmentIDs: Set<String>) async throws -> [String: String] {
        var orders: [String: String] = [:]
        for chunk in shipmentIDs.sorted().chunked(insertChunk) {
            for row in try await db.raw("""
                SELECT id, merchant_order_id FROM shipments WHERE id IN (\(binds: Array(chunk))) AND merchant_order_id IS NOT NULL
                """).all() {
                orders[try row.text("id")] = try row.text("merchant_order_id")
            }
        }
        return orders
    }

    /// Appends a group of one tenant's payloads in a savepoint; on failure the savepoint is
    /// rolled back and the error thrown.
    private func appendInSavepoint(_ db: any SQLDatabase, _ group: ArraySlice<StoredPayloadEvents>) async throws -> [IngestOutcome] {
        try await db.raw("SAVEPOINT stored_payloads").run()
        do {
            let payloads = try await Self.payloadEvents(db, group)
            let outcomes = try await appendEvents(db, tenantID: group.first?.tenantID ?? "", payloads: payloads)
            try await db.raw("RELEASE SAVEPOINT stored_payloads").run()
            return outcomes
        } catch {
            try await db.raw("ROLLBACK TO SAVEPOINT stored_payloads").run()
            try await db.raw("RELEASE SAVEPOINT stored_payloads").run()
            throw error
        }
    }

    /// The stored payloads with the source and feed (carrier or aggregator) of their rows;
    /// throws if one is not stored for its tenant.
    static func payloadEvents(_ db: any SQLDatabase, _ items: some Collection<StoredPayloadEvents>) async throws -> [PayloadEvents] {
        var feeds: [String: (tenantID: String, source: EventSource, carrier: String?)] = [:]
        for chunk in items.map(\.rawPayloadID).chunked(insertChunk) {
            for row in try await db.raw("SELECT id, tenant_id, source, carrier FROM raw_payloads WHERE id IN (\(binds: Array(chunk)))").all() {
                feeds[try row.text("id")] = (try row.text("tenant_id"), try row.enumValue("source", as: EventSource.self),
                                             try row.optionalText("carrier"))
            }
        }
        return try items.map { item in
            guard let feed = feeds[item.rawPayloadID], feed.tenantID == item.tenantID else {
                throw StoreError.notFound(kind: "raw payload", id: item.rawPayloadID)
            }
            return PayloadEvents(rawID: item.rawPayloadID, source: feed.source, reportedBy: feed.carrier, events: item.events,
                                 actor: item.actor, estimates: item.estimates)
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
