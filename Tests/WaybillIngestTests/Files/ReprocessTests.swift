import Foundation
import Testing
import WaybillCarriers
import WaybillCore
import WaybillIngest
import WaybillNotify
import WaybillStore
import WaybillTestSupport

@Suite("Reprocessing stored raw payloads")
struct ReprocessTests {
    static let upsFixture = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("WaybillCarriersTests/Fixtures/ups/track-delivered-signed.json")

    /// Stores a UPS response as if an older mapping table had read its newest scan as an exception.
    static func storeWithStaleMapping(_ store: any Store, tenantID: String) async throws -> (RawPayload, [IngestBatch.ShipmentEvent]) {
        let body = try Data(contentsOf: upsFixture)
        let (rawID, _) = try await store.storeRawPayload(
            NewRawPayload(source: .poll, carrier: "ups", contentType: "application/json", body: body), tenantID: tenantID)
        let parsed = try UPSAdapter().parse(body)
        let resolved = try await ShipmentResolver(store: store).resolve(parsed, tenantID: tenantID, actor: "test")
        var items = resolved.events
        let last = items.count - 1
        items[last].event.status = .exception
        items[last].event.substatus = .damaged
        items[last].event.reason = .damaged
        _ = try await IngestPipeline(store: store, observers: [OutboxWriter()]).ingest(
            storedPayload: rawID, source: .webhook, tenantID: tenantID, events: items, estimates: resolved.estimates, actor: "test")
        return (try #require(try await store.rawPayload(id: rawID, tenantID: tenantID)), items)
    }

    @Test(arguments: TestDatabase.available)
    func changedMappingsAreUpdatedInPlaceAndStateRederived(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let tenant = try await store.ensureTenant(named: "acme")
            let (raw, stale) = try await Self.storeWithStaleMapping(store, tenantID: tenant.id)
            let shipmentID = stale[0].shipmentID
            #expect(try await store.shipment(id: shipmentID, tenantID: tenant.id)?.status == .exception)

            let outcome = try await Reprocessor(pipeline: IngestPipeline(store: store, observers: [])).reprocess(raw)
            guard case .reprocessed(let result) = outcome else { Issue.record("expected a re-read, got \(outcome)"); return }
            #expect(result.remapped.count == 1)
            #expect(result.remapped.first?.before.hasPrefix("exception/damaged (damaged)") == true)
            #expect(result.remapped.first?.after.hasPrefix("delivered") == true)
            #expect(result.added == 0 && result.unchanged == stale.count - 1)
            #expect(result.changes == [ShipmentChange(shipmentID: shipmentID, previousStatus: .exception, status: .delivered)])

            let events = try await store.events(shipmentID: shipmentID, tenantID: tenant.id)
            #expect(events.count == stale.count, "re-mapping updates events, it never adds a second copy")
            #expect(!events.contains { $0.event.status == .exception })
            #expect(try await store.shipment(id: shipmentID, tenantID: tenant.id)?.status == .delivered)
            #expect(try await store.auditTrail(tenantID: tenant.id, subjectID: raw.id).contains { $0.action == "events.remapped" })

            // A second run finds nothing to change.
            guard case .reprocessed(let again) = try await Reprocessor(pipeline: IngestPipeline(store: store, observers: [])).reprocess(raw) else {
                Issue.record("expected a re-read"); return
            }
            #expect(again.remapped.isEmpty && again.added == 0 && again.unchanged == stale.count)
        }
    }

    @Test(arguments: TestDatabase.available)
    func failedPayloadsAreParsedAgainAndGarbageStillFails(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let tenant = try await store.ensureTenant(named: "acme")
            let good = try await store.storeRawPayload(NewRawPayload(
                source: .webhook, carrier: "ups", contentType: "application/json", body: try Data(contentsOf: Self.upsFixture)),
                tenantID: tenant.id)
            try await store.markRawPayloadFailed(id: good.rawPayloadID, tenantID: tenant.id, reason: "no adapter at the time")
            let garbage = try await store.storeRawPayload(NewRawPayload(
                source: .webhook, carrier: "ups", contentType: "application/json", body: Data("{\"trackResponse\": 7}".utf8)),
                tenantID: tenant.id)
            try await store.markRawPayloadFailed(id: garbage.rawPayloadID, tenantID: tenant.id, reason: "bad body")

            let failed = try await store.rawPayloadsForReprocessing(ReprocessQuery(tenantID: tenant.id, carrier: "ups", status: .failed))
            #expect(failed.items.map(\.id) == [good.rawPayloadID, garbage.rawPayloadID])
            let reprocessor = Reprocessor(pipeline: IngestPipeline(store: store, observers: []))
            guard case .recovered(let recovered) = try await reprocessor.reprocess(failed.items[0]) else {
                Issue.record("the good payload should parse now"); return
            }
            #expect(!recovered.insertedEventIDs.isEmpty)
            #expect(try await store.rawPayload(id: good.rawPayloadID, tenantID: tenant.id)?.status == .parsed)
            guard case .failed(let reason) = try await reprocessor.reprocess(failed.items[1]) else {
                Issue.record("garbage must still fail"); return
            }
            #expect(reason.includes("trackResponse"))
            #expect(try await store.rawPayload(id: garbage.rawPayloadID, tenantID: tenant.id)?.status == .failed)

            let other = try await store.rawPayloadsForReprocessing(ReprocessQuery(carrier: "fedex"))
            #expect(other.items.isEmpty)
        }
    }
}
