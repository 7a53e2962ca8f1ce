import Foundation
import Logging
import Metrics
import WaybillCore
import WaybillStore

/// Told about every shipment whose derived state changed (alerts hook in here).
public protocol ShipmentChangeObserver: Sendable {
    func shipmentsChanged(_ changes: [ShipmentChange], tenantID: String) async
}

/// The data path of DESIGN.md from a raw payload to events and shipment state. Every source
/// (webhook, poll, file, EDI, API) goes through `ingest`, so all get the same dedupe and state.
public struct IngestPipeline: Sendable {
    public let store: any Store
    private let observers: [any ShipmentChangeObserver]
    private let logger: Logger
    private let ingested = Counter(label: "waybill_events_ingested_total")
    private let duplicates = Counter(label: "waybill_events_duplicate_total")
    private let payloads = Counter(label: "waybill_raw_payloads_total")
    /// Histogram of seconds from the carrier's event time to the event being stored, per carrier and source.
    public static let freshnessMetric = "waybill_freshness_lag_seconds"
    /// Counter of parsed events whose code neither the mapping table nor the text classified,
    /// per carrier (`GET /v1/unmapped-codes` lists the codes).
    public static let unmappedMetric = "waybill_unmapped_events_total"

    public init(store: any Store, observers: [any ShipmentChangeObserver] = [], logger: Logger = Logger(label: "waybill.ingest")) {
        self.store = store
        self.observers = observers
        self.logger = logger
    }

    /// Stores the raw payload and its events in one transaction and recomputes shipment state.
    @discardableResult
    public func ingest(_ batch: IngestBatch) async throws -> IngestOutcome {
        let outcome = try await store.ingest(batch)
        payloads.increment()
        Self.countUnmapped(batch.events, carrier: batch.raw.carrier)
        await record(outcome, source: batch.raw.source, carrier: batch.raw.carrier, tenantID: batch.tenantID)
        return outcome
    }

    /// Appends the events parsed from a raw payload stored earlier (webhooks, files).
    @discardableResult
    public func ingest(storedPayload rawPayloadID: String, source: EventSource, carrier: String? = nil, tenantID: String,
                       events: [IngestBatch.ShipmentEvent], estimates: [String: DeliveryEstimate] = [:],
                       actor: String) async throws -> IngestOutcome {
        let outcome = try await store.ingest(storedPayload: rawPayloadID, tenantID: tenantID, events: events, estimates: estimates,
                                             actor: actor)
        Self.countUnmapped(events, carrier: carrier)
        await record(outcome, source: source, carrier: carrier, tenantID: tenantID)
        return outcome
    }

    /// Appends the events of one parsed payload, with its estimates, in one transaction.
    @discardableResult
    public func ingest(parsed payload: ParsedPayload) async throws -> IngestOutcome {
        let stored = payload.stored
        return try await ingest(storedPayload: stored.rawPayloadID, source: payload.source, carrier: payload.carrier,
                                tenantID: stored.tenantID, events: stored.events, estimates: stored.estimates, actor: stored.actor)
    }

    /// Appends the events of several parsed payloads in one transaction and completes their
    /// parse jobs (leased by `owner`); one result per payload, in order (see
    /// `BatchIngestStore`). Nil when the store cannot batch (then use `ingest(parsed:)` one by one).
    public func ingest(parsed payloads: [ParsedPayload], completingJobsOf owner: String) async throws -> [Result<IngestOutcome, any Error>]? {
        guard let batching = store as? any BatchIngestStore else { return nil }
        let results = try await batching.ingest(storedPayloads: payloads.map(\.stored), completingJobsOf: owner)
        for (payload, result) in zip(payloads, results) {
            guard case .success(let outcome) = result else { continue }
            Self.countUnmapped(payload.stored.events, carrier: payload.carrier)
            await record(outcome, source: payload.source, carrier: payload.carrier, tenantID: payload.stored.tenantID)
        }
        return results
    }

    private static func countUnmapped(_ events: [IngestBatch.ShipmentEvent], carrier: String?) {
        for event in events where event.event.substatus == .unmapped {
            Counter(label: unmappedMetric, dimensions: [("carrier", event.carrier ?? carrier ?? "unknown")]).increment()
        }
    }

    /// Counts, logs and reports state changes of an ingest that committed.
    private func record(_ outcome: IngestOutcome, source: EventSource, carrier: String?, tenantID: String) async {
        ingested.increment(by: outcome.insertedEventIDs.count)
        duplicates.increment(by: outcome.duplicateCount)
        // Labelled by the carrier that scanned each event: an aggregator's payload counts for the
        // carriers it relays, a hand-over's for the last-mile carrier.
        let now = Date()
        for (scanner, times) in Dictionary(grouping: outcome.insertedTimes, by: { $0.carrier ?? carrier ?? "unknown" }) {
            let lag = Recorder(label: Self.freshnessMetric, dimensions: [("carrier", scanner), ("source", source.rawValue)], aggregate: true)
            for time in times { lag.record(max(0, now.timeIntervalSince(time.occurredAt))) }
        }
        logger.debug("events ingested", metadata: [
            "tenant": "\(tenantID)", "raw_payload": "\(outcome.rawPayloadID)", "source": "\(source.rawValue)",
            "inserted": "\(outcome.insertedEventIDs.count)", "duplicates": "\(outcome.duplicateCount)",
        ])
        guard !outcome.changes.isEmpty else { return }
        for observer in observers { await observer.shipmentsChanged(outcome.changes, tenantID: tenantID) }
    }
}
