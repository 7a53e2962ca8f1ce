import Foundation
import Logging
import Testing
import WaybillCore
import WaybillIngest
import WaybillStore
import WaybillTestSupport

/// The ingest worker appends a claimed batch of webhook payloads in a few transactions.
@Suite("Ingest worker batches")
struct IngestWorkerBatchTests {
    /// A UPS Track Alert: event `event` of tracking number `number`.
    static func trackAlert(number: Int, event: Int) -> Data {
        let hour = 6 + event * 3
        return Data("""
            {"trackingNumber":"1ZBATCH\(String(format: "%09d", number))","localActivityDate":"20261120",
             "localActivityTime":"\(String(format: "%02d", hour))0000",
             "activityLocation":{"city":"Louisville","stateProvince":"KY","postalCode":"40209","country":"US"},
             "activityStatus":{"type":"I","code":"AR","description":"Arrived at facility \(event)"},
             "gmtActivityDate":"20261120","gmtActivityTime":"\(String(format: "%02d", hour + 5))0000"}
            """.utf8)
    }

    /// Receives three Track Alerts for each of `parcels` parcels.
    static func receiveTrackAlerts(parcels: Int, store: SQLStore, tenantID: String) async throws {
        for number in 0..<parcels {
            for event in 0..<3 {
                _ = try await store.receive(NewRawPayload(source: .webhook, carrier: "ups", contentType: "application/json",
                                                          body: trackAlert(number: number, event: event)),
                                            tenantID: tenantID, parseJobKind: RawPayloadProcessor.jobKind)
            }
        }
    }

    static func worker(_ store: SQLStore) -> IngestWorker {
        var logger = Logger(label: "test.worker")
        logger.logLevel = .critical
        return IngestWorker(processor: RawPayloadProcessor(pipeline: IngestPipeline(store: store, observers: [])), store: store, logger: logger)
    }

    @Test(arguments: TestDatabase.available)
    func aClaimedBatchIsParsedAppendedAndCompleted(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let tenant = try await store.ensureTenant(named: "acme")
            // Three events each for five parcels, plus one body no adapter reads.
            try await Self.receiveTrackAlerts(parcels: 5, store: store, tenantID: tenant.id)
            _ = try await store.receive(NewRawPayload(source: .webhook, carrier: "ups", contentType: "application/json",
                                                      body: Data("not json".utf8)),
                                        tenantID: tenant.id, parseJobKind: RawPayloadProcessor.jobKind)
            let worker = Self.worker(store)
            #expect(try await worker.drainOnce(limit: 20, appendBatch: 4))
            #expect(try await !worker.drainOnce(), "every job of the batch was completed")

            #expect(try await store.rawPayloads(tenantID: tenant.id, status: .received, cursor: nil, limit: 50).items.isEmpty)
            #expect(try await store.rawPayloads(tenantID: tenant.id, status: .failed, cursor: nil, limit: 50).items.count == 1)
            let shipments = try await store.shipments(ShipmentQuery(tenantID: tenant.id, limit: 50)).items
            #expect(shipments.count == 5)
            for shipment in shipments {
                #expect(try await store.events(shipmentID: shipment.id, tenantID: tenant.id).count == 3, "\(shipment.trackingNumber)")
            }
        }
    }
}

extension IngestWorkerBatchTests {
    /// Acknowledgements keep arriving (in the SQLite inbox) while the worker's drains move them
    /// and it appends: every payload is appended once and every acknowledged body stored once.
    @Test(arguments: TestDatabase.available)
    func receivesDuringMovesAndAppendsLoseAndRepeatNothing(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let tenant = try await store.ensureTenant(named: "acme")
            let other = try await store.ensureTenant(named: "globex")
            try await Self.receiveTrackAlerts(parcels: 10, store: store, tenantID: tenant.id)
            let worker = Self.worker(store)
            // Receives for another tenant (no parse job kind the worker claims), meanwhile. Not
            // cancelled: a receive cancelled half-way may or may not have been stored.
            let acks = Task {
                var n = 0
                while n < 400 {
                    _ = try await store.receive(NewRawPayload(source: .webhook, carrier: "ups", contentType: "application/json",
                                                              body: Data("{\"ack\":\(n)}".utf8)),
                                                tenantID: other.id, parseJobKind: "not_parsed_here")
                    n += 1
                }
                return n
            }
            while try await worker.drainOnce(limit: 30, appendBatch: 30) {}
            let acknowledged = try await acks.value
            try await store.moveInbox()

            #expect(try await store.rawPayloads(tenantID: tenant.id, status: .received, cursor: nil, limit: 50).items.isEmpty)
            let shipments = try await store.shipments(ShipmentQuery(tenantID: tenant.id, limit: 50)).items
            #expect(shipments.count == 10)
            for shipment in shipments {
                #expect(try await store.events(shipmentID: shipment.id, tenantID: tenant.id).count == 3, "\(shipment.trackingNumber)")
            }
            let stored = try await store.rawPayloads(tenantID: other.id, status: nil, cursor: nil, limit: 500).items
            #expect(stored.count == acknowledged && Set(stored.map(\.body)).count == acknowledged)
            let jobs = try await store.claimJobs(kinds: ["not_parsed_here"], limit: 500, owner: "t", leaseDuration: .seconds(60),
                                                 now: Date())
            #expect(jobs.count == acknowledged, "one parse job per acknowledged body")
        }
    }
}
