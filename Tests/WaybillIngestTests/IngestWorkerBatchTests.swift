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

    @Test(arguments: TestDatabase.available)
    func aClaimedBatchIsParsedAppendedAndCompleted(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let tenant = try await store.ensureTenant(named: "acme")
            // Three events each for five parcels, plus one body no adapter reads.
            for number in 0..<5 {
                for event in 0..<3 {
                    _ = try await store.receive(NewRawPayload(source: .webhook, carrier: "ups", contentType: "application/json",
                                                              body: Self.trackAlert(number: number, event: event)),
                                                tenantID: tenant.id, parseJobKind: RawPayloadProcessor.jobKind)
                }
            }
            _ = try await store.receive(NewRawPayload(source: .webhook, carrier: "ups", contentType: "application/json",
                                                      body: Data("not json".utf8)),
                                        tenantID: tenant.id, parseJobKind: RawPayloadProcessor.jobKind)
            var logger = Logger(label: "test.worker")
            logger.logLevel = .critical
            let worker = IngestWorker(processor: RawPayloadProcessor(pipeline: IngestPipeline(store: store)), store: store, logger: logger)
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
    /// Acknowledgements keep arriving while the worker appends: its transactions commit early
    /// to let them go first, and it still appends every payload exactly once.
    @Test(arguments: TestDatabase.available)
    func appendsYieldingToAcknowledgementsLoseAndRepeatNothing(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let tenant = try await store.ensureTenant(named: "acme")
            let other = try await store.ensureTenant(named: "globex")
            for number in 0..<10 {
                for event in 0..<3 {
                    _ = try await store.receive(NewRawPayload(source: .webhook, carrier: "ups", contentType: "application/json",
                                                              body: Self.trackAlert(number: number, event: event)),
                                                tenantID: tenant.id, parseJobKind: RawPayloadProcessor.jobKind)
                }
            }
            var logger = Logger(label: "test.worker")
            logger.logLevel = .critical
            let worker = IngestWorker(processor: RawPayloadProcessor(pipeline: IngestPipeline(store: store)), store: store, logger: logger)
            // Receives for another tenant (no parse job kind the worker claims), all the while.
            let acks = Task {
                var n = 0
                while !Task.isCancelled {
                    _ = try await store.receive(NewRawPayload(source: .webhook, carrier: "ups", contentType: "application/json",
                                                              body: Data("{\"ack\":\(n)}".utf8)),
                                                tenantID: other.id, parseJobKind: "not_parsed_here")
                    n += 1
                }
            }
            while try await worker.drainOnce(limit: 30, appendBatch: 30) {}
            acks.cancel()
            _ = await acks.result

            #expect(try await store.rawPayloads(tenantID: tenant.id, status: .received, cursor: nil, limit: 50).items.isEmpty)
            let shipments = try await store.shipments(ShipmentQuery(tenantID: tenant.id, limit: 50)).items
            #expect(shipments.count == 10)
            for shipment in shipments {
                #expect(try await store.events(shipmentID: shipment.id, tenantID: tenant.id).count == 3, "\(shipment.trackingNumber)")
            }
        }
    }
}
