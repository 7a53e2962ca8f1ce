import Foundation
import Testing
import WaybillCarriers
import WaybillCore
import WaybillIngest
import WaybillNotify
import WaybillStore
import WaybillTestSupport

@Suite("Carrier delivery estimates")
struct EstimateTests {
    static let fixture = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("WaybillCarriersTests/Fixtures/ups/trackalert-attempt-offset.json")

    @Test(arguments: TestDatabase.available)
    func aDateOnlyEstimateBecomesThatDayAtTheParcelsOffset(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let tenant = try await store.ensureTenant(named: "acme")
            let received = try await store.receive(NewRawPayload(source: .webhook, carrier: "ups", contentType: "application/json",
                                                                 body: try Data(contentsOf: Self.fixture)),
                                                   tenantID: tenant.id, parseJobKind: RawPayloadProcessor.jobKind)
            try await store.moveInbox()
            _ = try await RawPayloadProcessor(pipeline: IngestPipeline(store: store, observers: [OutboxWriter()])).process(rawPayloadID: received.rawPayloadID,
                                                                                              tenantID: tenant.id)
            let shipment = try #require(try await store.shipments(ShipmentQuery(tenantID: tenant.id)).items.first)
            let offset = try #require(try await store.events(shipmentID: shipment.id, tenantID: tenant.id).last?.event.utcOffset)
            let day = try #require(LocalDateTime(parsing: "2024-11-22"))
            let estimate = try #require(shipment.estimatedDelivery)
            #expect(estimate.source == .carrier)
            #expect(estimate.earliest == day.instant(atOffset: offset))
            #expect(estimate.latest == day.instant(atOffset: offset).addingTimeInterval(86_399))
        }
    }

    @Test(arguments: TestDatabase.available)
    func aCarrierEstimateReachesEtaChangedSubscribers(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let tenant = try await store.ensureTenant(named: "acme")
            let subscription = try await store.createWebhookSubscription(
                tenantID: tenant.id, url: "http://127.0.0.1:9/eta", eventTypes: [.shipmentETAChanged], actor: "test")
            let received = try await store.receive(NewRawPayload(source: .webhook, carrier: "ups", contentType: "application/json",
                                                                 body: try Data(contentsOf: Self.fixture)),
                                                   tenantID: tenant.id, parseJobKind: RawPayloadProcessor.jobKind)
            try await store.moveInbox()
            _ = try await RawPayloadProcessor(pipeline: IngestPipeline(store: store, observers: [OutboxWriter()])).process(rawPayloadID: received.rawPayloadID,
                                                                                              tenantID: tenant.id)
            let messages = try await store.deliveries(DeliveryQuery(tenantID: tenant.id, targetID: subscription.id)).items
            #expect(messages.map(\.eventType) == ["shipment.eta_changed"])
        }
    }

    /// A payload stored before its adapter read the estimate: reprocessing stores it, in the
    /// reprocess transaction.
    @Test(arguments: TestDatabase.available)
    func reprocessingStoresAnEstimateTheFirstReadMissed(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let tenant = try await store.ensureTenant(named: "acme")
            let body = try Data(contentsOf: Self.fixture)
            let (rawID, _) = try await store.storeRawPayload(
                NewRawPayload(source: .webhook, carrier: "ups", contentType: "application/json", body: body), tenantID: tenant.id)
            let resolved = try await ShipmentResolver(store: store).resolve(try UPSAdapter().parse(body), tenantID: tenant.id,
                                                                            actor: "test")
            let estimate = try #require(resolved.estimates.first)
            _ = try await IngestPipeline(store: store, observers: [OutboxWriter()]).ingest(
                storedPayload: rawID, source: .webhook, tenantID: tenant.id, events: resolved.events, actor: "test")
            #expect(try await store.shipment(id: estimate.key, tenantID: tenant.id)?.estimatedDelivery == nil)

            let raw = try #require(try await store.rawPayload(id: rawID, tenantID: tenant.id))
            guard case .reprocessed = try await Reprocessor(pipeline: IngestPipeline(store: store, observers: [OutboxWriter()])).reprocess(raw) else {
                Issue.record("expected a re-read")
                return
            }
            #expect(try await store.shipment(id: estimate.key, tenantID: tenant.id)?.estimatedDelivery == estimate.value)
        }
    }

    @Test func anEstimateWithoutAnyOffsetIsNotInvented() {
        let local = LocalDateTime(parsing: "2026-11-24")
        let estimate = CarrierEstimate(earliest: CarrierTime(instant: nil, local: local, offset: nil, zoneSource: .unknown))
        #expect(DeliveryEstimate(carrier: estimate, fallbackOffset: nil) == nil)
        let instant = Date(timeIntervalSince1970: 1_800_000_000)
        let exact = CarrierEstimate(earliest: CarrierTime(instant: instant, local: nil, offset: nil, zoneSource: .carrierUTC))
        #expect(DeliveryEstimate(carrier: exact, fallbackOffset: nil) == DeliveryEstimate(earliest: instant, latest: nil, source: .carrier))
    }
}
