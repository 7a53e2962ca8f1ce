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

extension SQLStore {
    public func merchantOrders(of shipmentIDs: Set<String>) async throws -> [String: String] {
        try await backend.read { db in
            var orders: [String: String] = [:]
            for chunk in shipmentIDs.sorted().chunked(Self.insertChunk) {
                for row in try await db.raw("""
                    SELECT id, merchant_order_id FROM shipments WHERE id IN (\(binds: Array(chunk))) AND merchant_order_id IS NOT NULL
                    """).all() {
                    orders[try row.text("id")] = try row.text("merchant_order_id")
                }
            }
            return orders
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
