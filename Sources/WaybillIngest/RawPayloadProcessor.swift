import Foundation
import Logging
import WaybillCarriers
import WaybillCore
import WaybillStore

/// The second half of the data path: a raw payload that was stored (and acknowledged) is parsed
/// with its carrier's adapter and its events appended. A payload that does not parse is kept,
/// marked failed with the reason, for `GET /v1/raw-payloads?status=failed` and `reprocess`.
public struct RawPayloadProcessor: Sendable {
    /// The job kind queued with every received payload.
    public static let jobKind = "parse_raw_payload"

    public enum Outcome: Sendable {
        case parsed(IngestOutcome, notices: [CarrierNotice])
        case failed(reason: String)
    }

    let pipeline: IngestPipeline
    let adapter: @Sendable (String) -> (any CarrierAdapter)?

    public init(pipeline: IngestPipeline, adapter: @escaping @Sendable (String) -> (any CarrierAdapter)? = CarrierRegistry.adapter(id:)) {
        self.pipeline = pipeline
        self.adapter = adapter
    }

    public func process(rawPayloadID: String, tenantID: String) async throws -> Outcome {
        let store = pipeline.store
        guard let raw = try await store.rawPayload(id: rawPayloadID, tenantID: tenantID) else {
            throw StoreError.notFound(kind: "raw payload", id: rawPayloadID)
        }
        guard let carrier = raw.carrier, let adapter = adapter(carrier) else {
            return try await fail(raw, "no adapter for carrier \(raw.carrier ?? "(none)")")
        }
        let result: CarrierParseResult
        do {
            result = try adapter.parse(raw.body)
        } catch {
            return try await fail(raw, error.description)
        }
        var items: [IngestBatch.ShipmentEvent] = []
        for parsed in result.shipments {
            let shipmentID = try await shipmentID(for: parsed, tenantID: tenantID, actor: "webhook:\(carrier)")
            items += parsed.events.map { IngestBatch.ShipmentEvent(shipmentID: shipmentID, event: $0) }
        }
        let outcome = try await pipeline.ingest(storedPayload: raw.id, source: raw.source, tenantID: tenantID, events: items,
                                                actor: "webhook:\(carrier)")
        return .parsed(outcome, notices: result.notices)
    }

    private func fail(_ raw: RawPayload, _ reason: String) async throws -> Outcome {
        try await pipeline.store.markRawPayloadFailed(id: raw.id, tenantID: raw.tenantID, reason: reason)
        return .failed(reason: reason)
    }

    /// The tenant's shipment with this tracking number: the one with the same carrier, else one
    /// registered without a carrier, else a new one (a webhook may come before registration).
    private func shipmentID(for parsed: ParsedShipment, tenantID: String, actor: String) async throws -> String {
        let store = pipeline.store
        let number = TrackingNumber.normalize(parsed.trackingNumber)
        let existing = try await store.shipments(ShipmentQuery(tenantID: tenantID, trackingNumber: number, limit: 20)).items
        if let match = existing.first(where: { $0.carrier == parsed.carrier }) ?? existing.first(where: { $0.carrier.isEmpty }) {
            return match.id
        }
        return try await store.registerShipment(NewShipment(
            tenantID: tenantID, trackingNumber: number, carrier: parsed.carrier, service: parsed.service, actor: actor)).shipment.id
    }
}
