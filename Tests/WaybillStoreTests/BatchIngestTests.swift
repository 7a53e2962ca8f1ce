import Foundation
import Testing
import WaybillCore
@testable import WaybillStore
import WaybillTestSupport

/// Parsed payloads appended in one transaction, each in its own savepoint.
@Suite("Batched append of parsed payloads")
struct BatchIngestTests {
    static func event(hours: Double, code: String) -> CanonicalEvent {
        let instant = Date(timeIntervalSince1970: 1_795_000_000).addingTimeInterval(hours * 3600)
        let offset = UTCOffset(seconds: 3600)
        return CanonicalEvent(status: .inTransit, carrierCode: code, carrierDescription: "scan", occurredAt: instant,
                              localTime: LocalDateTime(instant: instant, offset: offset), utcOffset: offset,
                              zoneSource: .carrierOffset, location: Location(city: "Leipzig", country: "DE"))
    }

    @Test(arguments: TestDatabase.available)
    func aFailingPayloadIsUndoneAloneAndTheOthersCompleteTheirJobs(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let tenant = try await store.ensureTenant(named: "acme")
            let shipment = try await store.registerShipment(NewShipment(tenantID: tenant.id, trackingNumber: "1Z999AA10123456784",
                                                                        carrier: "ups", actor: "test")).shipment
            var rawIDs: [String] = []
            for n in 0..<3 {
                let raw = NewRawPayload(source: .webhook, carrier: "ups", contentType: "application/json", body: Data("{\"n\":\(n)}".utf8))
                rawIDs.append(try await store.receive(raw, tenantID: tenant.id, parseJobKind: "parse_raw_payload").rawPayloadID)
            }
            let jobs = try await store.claimJobs(kinds: ["parse_raw_payload"], limit: 10, owner: "w", leaseDuration: .seconds(60), now: Date())
            let jobByRaw = Dictionary(uniqueKeysWithValues: jobs.map { ($0.payload, $0.id) })
            #expect(jobByRaw.count == 3)

            func item(_ index: Int, shipmentID: String) -> StoredPayloadEvents {
                StoredPayloadEvents(jobID: jobByRaw[rawIDs[index]] ?? "", rawPayloadID: rawIDs[index], tenantID: tenant.id,
                                    events: [.init(shipmentID: shipmentID, event: Self.event(hours: Double(index), code: "C\(index)"))],
                                    actor: "webhook:ups")
            }
            // The middle payload names a shipment that does not exist: its append throws.
            let results = try await store.ingest(storedPayloads: [item(0, shipmentID: shipment.id), item(1, shipmentID: "shp_missing"),
                                                                  item(2, shipmentID: shipment.id)], completingJobsOf: "w")
            #expect(results.count == 3)
            #expect((try? results[0].get())?.insertedEventIDs.count == 1)
            #expect((try? results[1].get()) == nil)
            #expect((try? results[2].get())?.insertedEventIDs.count == 1)

            #expect(try await store.events(shipmentID: shipment.id, tenantID: tenant.id).map(\.event.carrierCode) == ["C0", "C2"])
            let states = try await [0, 1, 2].asyncMap { try await store.job(id: jobByRaw[rawIDs[$0]] ?? "")?.state }
            #expect(states == [.done, .running, .done], "only the appended payloads' jobs are done")
            let statuses = try await [0, 1, 2].asyncMap { try await store.rawPayload(id: rawIDs[$0], tenantID: tenant.id)?.status }
            #expect(statuses == [.parsed, .received, .parsed])
            #expect(try await store.shipment(id: shipment.id, tenantID: tenant.id)?.status == .inTransit)
        }
    }

    @Test(arguments: TestDatabase.available)
    func jobsLeasedByAnotherOwnerAreNotCompleted(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let tenant = try await store.ensureTenant(named: "acme")
            let shipment = try await store.registerShipment(NewShipment(tenantID: tenant.id, trackingNumber: "1Z999AA10123456784",
                                                                        carrier: "ups", actor: "test")).shipment
            let raw = NewRawPayload(source: .webhook, carrier: "ups", contentType: "application/json", body: Data("{}".utf8))
            let rawID = try await store.receive(raw, tenantID: tenant.id, parseJobKind: "parse_raw_payload").rawPayloadID
            let job = try #require(try await store.claimJobs(kinds: ["parse_raw_payload"], limit: 1, owner: "a",
                                                             leaseDuration: .seconds(60), now: Date()).first)
            _ = try await store.ingest(storedPayloads: [StoredPayloadEvents(
                jobID: job.id, rawPayloadID: rawID, tenantID: tenant.id,
                events: [.init(shipmentID: shipment.id, event: Self.event(hours: 0, code: "X"))], actor: "webhook:ups")],
                completingJobsOf: "b")
            #expect(try await store.job(id: job.id)?.state == .running)
        }
    }
}

private extension Array {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var results: [T] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }
}
