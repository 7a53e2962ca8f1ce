import Foundation
import Logging
import Metrics
import WaybillCore
import WaybillStore

/// The data path of DESIGN.md from a raw payload to events, shipment state and the observers
/// (the outbox). Every source (webhook, poll, file, EDI, API, reprocess) goes through it, so all
/// get the same dedupe, state and notifications, in one transaction per payload or batch.
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

    /// `observers` run inside every transaction that appends events (the application passes
    /// WaybillNotify's `OutboxWriter`); a tool that must not notify passes none.
    public init(store: any Store, observers: [any ShipmentChangeObserver], logger: Logger = Logger(label: "waybill.ingest")) {
        self.store = store
        self.observers = observers
        self.logger = logger
    }

    /// Stores the raw payload (once per identical body) and appends its events, in one transaction.
    @discardableResult
    public func ingest(_ batch: IngestBatch) async throws -> IngestOutcome {
        let outcome = try await store.transaction { transaction in
            let (rawID, isNew) = try await transaction.storeRawPayload(batch.raw, tenantID: batch.tenantID)
            let payload = PayloadEvents(rawID: rawID, source: batch.raw.source, reportedBy: batch.raw.carrier, events: batch.events,
                                        actor: batch.actor, estimates: batch.estimates)
            var outcome = try await append([payload], tenantID: batch.tenantID, in: transaction)[0]
            outcome.rawPayloadIsNew = isNew
            return outcome
        }
        payloads.increment()
        Self.countUnmapped(batch.events, carrier: batch.raw.carrier)
        record(outcome, source: batch.raw.source, carrier: batch.raw.carrier, tenantID: batch.tenantID)
        return outcome
    }

    /// Appends the events parsed from a raw payload stored earlier (webhooks, files: the payload
    /// was committed and acknowledged first), with the carrier's estimates, in one transaction.
    @discardableResult
    public func ingest(storedPayload rawPayloadID: String, source: EventSource, carrier: String? = nil, tenantID: String,
                       events: [IngestBatch.ShipmentEvent], estimates: [String: DeliveryEstimate] = [:],
                       actor: String) async throws -> IngestOutcome {
        let stored = StoredPayloadEvents(jobID: "", rawPayloadID: rawPayloadID, tenantID: tenantID, events: events, actor: actor,
                                         estimates: estimates)
        let outcome = try await store.transaction { transaction in
            try await append(try await transaction.payloadEvents(for: [stored]), tenantID: tenantID, in: transaction)[0]
        }
        Self.countUnmapped(events, carrier: carrier)
        record(outcome, source: source, carrier: carrier, tenantID: tenantID)
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
    /// parse jobs (leased by `owner`); one result per payload, in order. Consecutive payloads of
    /// one tenant about different shipments (and orders) are appended together, with one
    /// statement per step for the group, in a savepoint; if a group fails, its payloads are
    /// retried one by one, each in its own savepoint, so a failure undoes only that payload.
    /// Every shipment of the batch is locked first, in order of id, so concurrent batches do not
    /// deadlock. Throws only if the transaction as a whole fails (also when it lost a lock
    /// conflict, `StoreError.isTransientConflict`); then nothing was written.
    public func ingest(parsed payloads: [ParsedPayload], completingJobsOf owner: String) async throws -> [Result<IngestOutcome, any Error>] {
        guard !payloads.isEmpty else { return [] }
        let items = payloads.map(\.stored)
        let orders = items.count > 1 ? try await store.merchantOrders(of: Set(items.flatMap { $0.events.map(\.shipmentID) })) : [:]
        let results = try await store.transaction { transaction in
            try await transaction.lockShipments(ids: items.flatMap { $0.events.map(\.shipmentID) })
            var results: [Result<IngestOutcome, any Error>] = []
            var rest = items[...]
            while !rest.isEmpty {
                let group = AppendGroup.take(from: rest, orders: orders)
                rest = rest.dropFirst(group.count)
                do {
                    results += try await appendInSavepoint(group, in: transaction).map { .success($0) }
                } catch where StoreError.isTransientConflict(error) {
                    // Not this group's fault: the whole transaction is to run again.
                    throw error
                } catch where group.count == 1 {
                    results.append(.failure(error))
                } catch {
                    for item in group {
                        do {
                            results.append(.success(try await appendInSavepoint([item], in: transaction)[0]))
                        } catch where StoreError.isTransientConflict(error) {
                            throw error
                        } catch {
                            results.append(.failure(error))
                        }
                    }
                }
            }
            let completed = zip(items, results).compactMap { item, result in
                if case .success = result { item.jobID } else { nil }
            }
            try await transaction.completeJobs(ids: completed, owner: owner)
            return results
        }
        for (payload, result) in zip(payloads, results) {
            guard case .success(let outcome) = result else { continue }
            Self.countUnmapped(payload.stored.events, carrier: payload.carrier)
            record(outcome, source: payload.source, carrier: payload.carrier, tenantID: payload.stored.tenantID)
        }
        return results
    }

    /// Re-reads a stored payload's events into the store (see `StoreTransaction.reprocess`).
    public func reprocess(rawPayloadID: String, tenantID: String, events: [IngestBatch.ShipmentEvent],
                          estimates: [String: DeliveryEstimate], actor: String) async throws -> ReprocessOutcome {
        try await store.transaction { transaction in
            let (outcome, changes) = try await transaction.reprocess(rawPayloadID: rawPayloadID, tenantID: tenantID, events: events,
                                                                     estimates: estimates, actor: actor)
            try await notify(changes, in: transaction)
            return outcome
        }
    }

    /// Appends, then tells the observers, inside `transaction`.
    private func append(_ payloads: [PayloadEvents], tenantID: String, in transaction: StoreTransaction) async throws -> [IngestOutcome] {
        let result = try await transaction.append(payloads, tenantID: tenantID)
        try await notify(result.changes, in: transaction)
        return result.outcomes
    }

    private func appendInSavepoint(_ group: ArraySlice<StoredPayloadEvents>, in transaction: StoreTransaction) async throws -> [IngestOutcome] {
        try await transaction.savepoint {
            try await append(try await transaction.payloadEvents(for: group), tenantID: group.first?.tenantID ?? "", in: transaction)
        }
    }

    private func notify(_ changes: ShipmentChangeSet, in transaction: StoreTransaction) async throws {
        guard !changes.shipmentIDs.isEmpty else { return }
        for observer in observers { try await observer.shipmentsChanged(changes, in: transaction) }
    }

    private static func countUnmapped(_ events: [IngestBatch.ShipmentEvent], carrier: String?) {
        for event in events where event.event.substatus == .unmapped {
            Counter(label: unmappedMetric, dimensions: [("carrier", MetricLabels.carrier(event.carrier ?? carrier))]).increment()
        }
    }

    /// Counts and logs an ingest that committed.
    private func record(_ outcome: IngestOutcome, source: EventSource, carrier: String?, tenantID: String) {
        ingested.increment(by: outcome.insertedEventIDs.count)
        duplicates.increment(by: outcome.duplicateCount)
        // Labelled by the carrier that scanned each event: an aggregator's payload counts for the
        // carriers it relays, a hand-over's for the last-mile carrier.
        let now = Date()
        for (scanner, times) in Dictionary(grouping: outcome.insertedTimes, by: { MetricLabels.carrier($0.carrier ?? carrier) }) {
            let lag = Recorder(label: Self.freshnessMetric, dimensions: [("carrier", scanner), ("source", source.rawValue)], aggregate: true)
            for time in times { lag.record(max(0, now.timeIntervalSince(time.occurredAt))) }
        }
        logger.debug("events ingested", metadata: [
            "tenant": "\(tenantID)", "raw_payload": "\(outcome.rawPayloadID)", "source": "\(source.rawValue)",
            "inserted": "\(outcome.insertedEventIDs.count)", "duplicates": "\(outcome.duplicateCount)",
        ])
    }
}
