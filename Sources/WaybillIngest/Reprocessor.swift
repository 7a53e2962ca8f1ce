import Foundation
import WaybillCarriers
import WaybillCore
import WaybillStore

/// Re-reads stored raw payloads with the current adapters and mapping tables (`waybill
/// reprocess`): payloads that failed are parsed again; parsed ones have their events re-mapped in
/// place and any new ones appended. The raw payloads themselves never change.
public struct Reprocessor: Sendable {
    public enum Outcome: Sendable {
        /// Re-read; what changed (possibly nothing).
        case reprocessed(ReprocessOutcome)
        /// A failed (or never parsed) payload parsed now.
        case recovered(IngestOutcome)
        /// Still does not parse; the reason. A payload that parsed before keeps its events.
        case failed(String)
        /// Nothing to re-read: no adapter reads it (e.g. a CSV of shipments to register).
        case skipped(String)
    }

    let pipeline: IngestPipeline
    let processor: RawPayloadProcessor

    public init(pipeline: IngestPipeline) {
        self.pipeline = pipeline
        self.processor = RawPayloadProcessor(pipeline: pipeline)
    }

    public func reprocess(_ raw: RawPayload, actor: String = "cli:reprocess") async throws -> Outcome {
        guard let carrier = raw.carrier, let adapter = RawPayloadProcessor.adapter(id: carrier) else {
            return .skipped("no adapter reads \(raw.carrier ?? "payloads without a carrier")")
        }
        guard raw.status == .parsed else {
            switch try await processor.process(rawPayloadID: raw.id, tenantID: raw.tenantID) {
            case .parsed(let outcome, _): return .recovered(outcome)
            case .failed(let reason): return .failed(reason)
            }
        }
        let result: CarrierParseResult
        do {
            result = try adapter.read(raw.body, reportedAt: raw.receivedAt)
        } catch {
            return .failed(error.description)
        }
        let resolved = try await ShipmentResolver(store: pipeline.store).resolve(result, tenantID: raw.tenantID, actor: actor)
        return .reprocessed(try await pipeline.reprocess(rawPayloadID: raw.id, tenantID: raw.tenantID, events: resolved.events,
                                                         estimates: resolved.estimates, actor: actor))
    }
}
