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

    public enum Preparation: Sendable {
        case parsed(ParsedPayload)
        case failed(reason: String)
    }

    let pipeline: IngestPipeline
    let adapter: @Sendable (String) -> (any PayloadFormat)?

    public init(pipeline: IngestPipeline, adapter: @escaping @Sendable (String) -> (any PayloadFormat)? = Self.adapter(id:)) {
        self.pipeline = pipeline
        self.adapter = adapter
    }

    /// Carriers, and the file formats (files are stored as raw payloads too, so `reprocess` re-reads them).
    public static func adapter(id: String) -> (any PayloadFormat)? {
        FeedRegistry.anyFormat(id: id)
    }

    public func process(rawPayloadID: String, tenantID: String) async throws -> Outcome {
        switch try await prepare(rawPayloadID: rawPayloadID, tenantID: tenantID, jobID: "") {
        case .failed(let reason):
            return .failed(reason: reason)
        case .parsed(let payload):
            return .parsed(try await pipeline.ingest(parsed: payload), notices: payload.notices)
        }
    }

    /// Reads and parses a stored payload and resolves its shipments, without appending its
    /// events or storing the carrier's estimates (the append does both, and the worker appends
    /// a batch of payloads at once). A payload that does not parse is marked failed here.
    public func prepare(rawPayloadID: String, tenantID: String, jobID: String) async throws -> Preparation {
        guard let raw = try await pipeline.store.rawPayload(id: rawPayloadID, tenantID: tenantID) else {
            throw StoreError.notFound(kind: "raw payload", id: rawPayloadID)
        }
        return try await prepare(raw, jobID: jobID)
    }

    /// As `prepare(rawPayloadID:tenantID:jobID:)`, for a payload already read.
    public func prepare(_ raw: RawPayload, jobID: String) async throws -> Preparation {
        let store = pipeline.store
        let tenantID = raw.tenantID
        guard let carrier = raw.carrier, let adapter = adapter(carrier) else {
            return .failed(reason: try await fail(raw, "no adapter for carrier \(raw.carrier ?? "(none)")"))
        }
        let result: CarrierParseResult
        do {
            result = try adapter.read(raw.body, reportedAt: raw.receivedAt)
        } catch {
            return .failed(reason: try await fail(raw, error.description))
        }
        let actor = "\(raw.source.rawValue):\(carrier)"
        let resolution = try await ShipmentResolver(store: store).resolve(result, tenantID: tenantID, actor: actor)
        return .parsed(ParsedPayload(
            stored: StoredPayloadEvents(jobID: jobID, rawPayloadID: raw.id, tenantID: tenantID, events: resolution.events,
                                        actor: actor, estimates: resolution.estimates),
            source: raw.source, carrier: carrier, notices: result.notices + resolution.notices))
    }

    private func fail(_ raw: RawPayload, _ reason: String) async throws -> String {
        try await pipeline.store.markRawPayloadFailed(id: raw.id, tenantID: raw.tenantID, reason: reason)
        return reason
    }
}

/// A stored payload parsed and resolved to shipments, its events not yet appended.
public struct ParsedPayload: Sendable {
    public var stored: StoredPayloadEvents
    public var source: EventSource
    public var carrier: String
    public var notices: [CarrierNotice]
}
