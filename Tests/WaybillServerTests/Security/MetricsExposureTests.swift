import Foundation
import HTTPTypes
import Testing
import WaybillCore
import WaybillIngest
import WaybillStore

/// Attack: `/metrics` label values came from tenant input (the carrier a payload names), so
/// anyone could read them and a sender could grow the page (and the server's memory) without
/// bound by naming a new carrier in every payload.
/// Defence: carrier labels come from the registry (else `other`); `WAYBILL_METRICS_TOKEN`
/// puts the endpoint behind a bearer token.
@Suite("Security: metrics exposure")
struct MetricsExposureTests {
    @Test func carrierNamesInPayloadsDoNotBecomeLabels() async throws {
        try await TestApp.run(over: .live) { api, _, store in
            let tenant = try #require(try await store.tenant(named: "acme"))
            let shipment = try await store.registerShipment(NewShipment(tenantID: tenant.id, trackingNumber: "1Z999AA10123456784",
                                                                        carrier: "ups", actor: "test")).shipment
            let pipeline = IngestPipeline(store: store, observers: [])
            for index in 0..<20 {
                let event = CanonicalEvent(status: .inTransit, substatus: .unmapped, carrierCode: "X\(index)",
                                           occurredAt: Date().addingTimeInterval(Double(-index) * 60), zoneSource: .carrierUTC)
                _ = try await pipeline.ingest(IngestBatch(
                    tenantID: tenant.id,
                    raw: NewRawPayload(source: .webhook, carrier: "aftership", contentType: "application/json", body: Data("{\"n\":\(index)}".utf8)),
                    events: [.init(shipmentID: shipment.id, event: event, carrier: "mallory-\(index)")], actor: "test"))
            }
            let metrics = try await api.send(.get, "/metrics")
            #expect(metrics.status == 200)
            let page = String(decoding: metrics.body, as: UTF8.self)
            #expect(!page.contains("mallory"), "a payload's carrier name is not a label")
            #expect(page.contains(#"carrier="other""#))
        }
    }

    @Test func aMetricsTokenGuardsTheEndpoint() async throws {
        try await TestApp.run(over: .live, metricsToken: "m3trics-t0ken") { api, keys, _ in
            #expect(try await api.send(.get, "/metrics").status == 401)
            #expect(try await api.send(.get, "/metrics", key: keys.admin).status == 401, "an API key is not the metrics token")
            let allowed = try await api.send(.get, "/metrics", headers: [.authorization: "Bearer m3trics-t0ken"])
            #expect(allowed.status == 200)
        }
    }
}
