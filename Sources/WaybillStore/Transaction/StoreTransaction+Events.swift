import Crypto
import Foundation
import SQLKit
import WaybillCore

/// The events of one stored raw payload, ready to append: the payload's source and feed come
/// from its row (`payloadEvents(for:)`) or from the payload just stored.
public struct PayloadEvents: Sendable {
    public var rawID: String
    public var source: EventSource
    /// The carrier or aggregator whose feed the payload came from.
    public var reportedBy: String?
    public var events: [IngestBatch.ShipmentEvent]
    public var actor: String
    /// The carrier's delivery estimate per shipment id, stored before the state is derived.
    public var estimates: [String: DeliveryEstimate]

    public init(rawID: String, source: EventSource, reportedBy: String?, events: [IngestBatch.ShipmentEvent], actor: String,
                estimates: [String: DeliveryEstimate] = [:]) {
        self.rawID = rawID
        self.source = source
        self.reportedBy = reportedBy
        self.events = events
        self.actor = actor
        self.estimates = estimates
    }

    var shipmentIDs: Set<String> { Set(events.map(\.shipmentID)) }
}

/// What one `append` did: an outcome per payload, in order, and the shipments it touched.
public struct AppendResult: Sendable {
    public var outcomes: [IngestOutcome]
    public var changes: ShipmentChangeSet
}

extension StoreTransaction {
    /// Stores a raw payload once per tenant (by SHA-256): its id, and false when an identical
    /// body was stored before.
    public func storeRawPayload(_ raw: NewRawPayload, tenantID: String) async throws -> (id: String, isNew: Bool) {
        try await SQLStore.storeRawPayload(db, tenantID: tenantID, raw, sha256: SHA256.hex(raw.body))
    }

    /// The stored payloads' events with the source and feed of their rows; throws
    /// `StoreError.notFound` if one is not stored for its tenant.
    public func payloadEvents(for items: some Collection<StoredPayloadEvents>) async throws -> [PayloadEvents] {
        try await SQLStore.payloadEvents(db, items)
    }

    /// Appends the events of payloads of one tenant, each about shipments none of the others
    /// touches: deduplicated by fingerprint, the touched shipments' state derived, the payloads
    /// marked parsed and the appends audited (see `SQLStore.appendEvents`).
    public func append(_ payloads: [PayloadEvents], tenantID: String) async throws -> AppendResult {
        try await store.appendEvents(db, tenantID: tenantID, payloads: payloads)
    }

    /// Locks these shipments until the transaction ends, all in order of id. A transaction that
    /// appends in several steps (`append` locks the shipments of each) takes this first: two
    /// that took their locks step by step in different orders could each hold a shipment the
    /// other waits for (a deadlock, PostgreSQL 40P01).
    public func lockShipments(ids: some Sequence<String>) async throws {
        try await store.lockShipmentsInOrder(db, ids: ids)
    }

    /// Marks done the jobs with these ids that `owner` still holds, in order of id.
    public func completeJobs(ids: [String], owner: String) async throws {
        for chunk in ids.sorted().chunked(SQLStore.insertChunk) {
            try await db.raw("""
                UPDATE jobs SET state = 'done', lease_owner = NULL, lease_expires_at = NULL,
                    updated_at = \(bind: Column.time(Date()))
                WHERE id IN (\(binds: Array(chunk))) AND lease_owner = \(bind: owner) AND state = 'running'
                """).run()
        }
    }
}

extension StoreTransaction {
    /// Re-applies a stored payload's events as parsed now: events it reported before are updated
    /// in place where the mapping changed (matched by shipment, carrier code, text and local
    /// time), new ones are appended, the carrier's estimates (by shipment id) stored, and the
    /// touched shipments' state is derived again. Returns the report and the shipments that got
    /// new events (for the observers).
    public func reprocess(rawPayloadID: String, tenantID: String, events: [IngestBatch.ShipmentEvent],
                          estimates: [String: DeliveryEstimate], actor: String) async throws -> (ReprocessOutcome, ShipmentChangeSet) {
        try await store.reprocess(db, rawPayloadID: rawPayloadID, tenantID: tenantID, events: events, estimates: estimates,
                                  actor: actor)
    }
}
