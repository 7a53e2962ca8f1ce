import Foundation
import Logging
import WaybillCarriers
import WaybillCore
import WaybillFeeds
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

    public init(pipeline: IngestPipeline, adapter: @escaping @Sendable (String) -> (any CarrierAdapter)? = Self.adapter(id:)) {
        self.pipeline = pipeline
        self.adapter = adapter
    }

    /// Carriers, and the file formats (files are stored as raw payloads too, so `reprocess` re-reads them).
    public static func adapter(id: String) -> (any CarrierAdapter)? {
        CarrierRegistry.adapter(id: id) ?? FeedRegistry.format(id: id)
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
        let actor = "\(raw.source.rawValue):\(carrier)"
        let items = try await ShipmentResolver(store: store).events(of: result, tenantID: tenantID, actor: actor)
        let outcome = try await pipeline.ingest(storedPayload: raw.id, source: raw.source, carrier: carrier, tenantID: tenantID, events: items,
                                                actor: actor)
        return .parsed(outcome, notices: result.notices)
    }

    private func fail(_ raw: RawPayload, _ reason: String) async throws -> Outcome {
        try await pipeline.store.markRawPayloadFailed(id: raw.id, tenantID: raw.tenantID, reason: reason)
        return .failed(reason: reason)
    }
}
