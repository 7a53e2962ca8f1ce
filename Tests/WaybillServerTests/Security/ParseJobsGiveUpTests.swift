import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
import WaybillCore
import WaybillIngest
@testable import WaybillServer
import WaybillStore
import WaybillTestSupport

/// Failure: a payload whose processing keeps failing (the database refusing the append, a bug)
/// used to stay `received` forever once its parse job gave up: invisible in the failed list,
/// never counted, and with no way to parse it again.
/// Defence: after the last attempt the payload ends `failed` with the reason, listed at
/// `GET /v1/raw-payloads?status=failed` and counted (`waybill_parse_jobs_gave_up_total`);
/// `POST /v1/raw-payloads/{id}/retry` queues it again.
@Suite("Security: parse jobs that give up")
struct ParseJobsGiveUpTests {
    /// An append that always fails, as a database refusing writes would.
    struct BrokenObserver: ShipmentChangeObserver {
        struct Refused: Error, CustomStringConvertible { var description: String { "append refused" } }
        func shipmentsChanged(_ changes: ShipmentChangeSet, in transaction: StoreTransaction) async throws { throw Refused() }
    }

    static func worker(_ store: any Store, observers: [any ShipmentChangeObserver]) -> IngestWorker {
        var logger = Logger(label: "test.worker")
        logger.logLevel = .critical
        return IngestWorker(processor: RawPayloadProcessor(pipeline: IngestPipeline(store: store, observers: observers)),
                            store: store, logger: logger)
    }

    /// The API without the application's background workers, which would race the test's own.
    static func withAPI(_ body: @Sendable (APIClient, TestKeys, SQLStore) async throws -> Void) async throws {
        try await TestDatabase.sqlite.withStore { store in
            let keys = try await TestKeys.make(store)
            let pipeline = IngestPipeline(store: store, observers: [])
            var logger = Logger(label: "test.api")
            logger.logLevel = .critical
            let router = buildRouter(store: store, pipeline: pipeline, worker: worker(store, observers: []),
                                     importWorker: ImportWorker(importer: FileImporter(pipeline: pipeline), store: store, logger: logger),
                                     configuration: ServerConfiguration())
            try await Application(router: router, logger: logger).test(.router) { client in
                try await body(APIClient(client: client), keys, store)
            }
        }
    }

    @Test func aPayloadWhoseJobGaveUpIsFailedListedAndRetryable() async throws {
        try await Self.withAPI { api, keys, store in
            let tenant = try #require(try await store.tenant(named: "acme"))
            _ = try await store.registerShipment(NewShipment(tenantID: tenant.id, trackingNumber: "1Z999AA10123456784", carrier: "ups",
                                                             actor: "test"))
            let body = """
                {"trackResponse":{"shipment":[{"package":[{"trackingNumber":"1Z999AA10123456784","activity":[
                {"status":{"type":"I","code":"DP","description":"Departed from Facility"},"date":"20260302","time":"080000",
                 "location":{"address":{"city":"Lyon","countryCode":"FR"}}}]}]}]}}
                """
            let (rawID, _) = try await store.storeRawPayload(
                NewRawPayload(source: .webhook, carrier: "ups", contentType: "application/json", body: Data(body.utf8)), tenantID: tenant.id)
            _ = try await store.enqueue(NewJob(kind: RawPayloadProcessor.jobKind, payload: rawID, tenantID: tenant.id, maxAttempts: 1))

            _ = try await Self.worker(store, observers: [BrokenObserver()]).drainOnce()
            let failed = try await api.send(.get, "/v1/raw-payloads?status=failed", key: keys.support)
            let listed = try #require(failed.json["data"]?.arrayValue?.first { $0["id"]?.stringValue == rawID })
            #expect(listed["error"]?.stringValue?.contains("gave up after 1 attempts: append refused") == true)

            let retried = try await api.send(.post, "/v1/raw-payloads/\(rawID)/retry", key: keys.admin)
            #expect(retried.status == 202)
            #expect(try await api.send(.post, "/v1/raw-payloads/\(rawID)/retry", key: keys.admin).status == 409, "queued, not failed")
            _ = try await Self.worker(store, observers: []).drainOnce()
            #expect(try await store.rawPayload(id: rawID, tenantID: tenant.id)?.status == .parsed)
            #expect(try await store.auditTrail(tenantID: tenant.id, subjectID: rawID).contains { $0.action == "raw_payload.retried" })
        }
    }
}
