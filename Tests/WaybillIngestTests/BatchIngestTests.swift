import Foundation
import Testing
import WaybillCore
@testable import WaybillIngest
import WaybillStore
import WaybillTestSupport

/// Parsed payloads appended in one transaction, each in its own savepoint.
@Suite("Batched append of parsed payloads")
struct BatchIngestTests {
    static func append(_ items: [StoredPayloadEvents], store: SQLStore, owner: String) async throws -> [Result<IngestOutcome, any Error>] {
        let parsed = items.map { ParsedPayload(stored: $0, source: .webhook, carrier: "ups", notices: []) }
        return try await IngestPipeline(store: store, observers: []).ingest(parsed: parsed, completingJobsOf: owner)
    }

    static func event(hours: Double, code: String) -> CanonicalEvent {
        let instant = Date(timeIntervalSince1970: 1_795_000_000).addingTimeInterval(hours * 3600)
        let offset = UTCOffset(seconds: 3600)
        return CanonicalEvent(status: .inTransit, carrierCode: code, carrierDescription: "scan", occurredAt: instant,
                              localTime: LocalDateTime(instant: instant, offset: offset), utcOffset: offset,
                              zoneSource: .carrierOffset, location: Location(city: "Leipzig", country: "DE"))
    }

    /// Receives `count` distinct webhook bodies and claims their parse jobs as owner `w`: the
    /// raw payload ids in order, and each one's job id.
    static func receiveAndClaim(_ count: Int, store: SQLStore, tenantID: String) async throws -> ([String], [String: String]) {
        var rawIDs: [String] = []
        for n in 0..<count {
            let raw = NewRawPayload(source: .webhook, carrier: "ups", contentType: "application/json", body: Data("{\"n\":\(n)}".utf8))
            rawIDs.append(try await store.receive(raw, tenantID: tenantID, parseJobKind: "parse_raw_payload").rawPayloadID)
        }
        try await store.moveInbox()
        let jobs = try await store.claimJobs(kinds: ["parse_raw_payload"], limit: 10, owner: "w", leaseDuration: .seconds(60), now: Date())
        return (rawIDs, Dictionary(uniqueKeysWithValues: jobs.map { ($0.payload, $0.id) }))
    }

    @Test(arguments: TestDatabase.available)
    func aFailingPayloadIsUndoneAloneAndTheOthersCompleteTheirJobs(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let tenant = try await store.ensureTenant(named: "acme")
            let shipment = try await store.registerShipment(NewShipment(tenantID: tenant.id, trackingNumber: "1Z999AA10123456784",
                                                                        carrier: "ups", actor: "test")).shipment
            let (rawIDs, jobByRaw) = try await Self.receiveAndClaim(3, store: store, tenantID: tenant.id)
            #expect(jobByRaw.count == 3)

            func item(_ index: Int, shipmentID: String) -> StoredPayloadEvents {
                StoredPayloadEvents(jobID: jobByRaw[rawIDs[index]] ?? "", rawPayloadID: rawIDs[index], tenantID: tenant.id,
                                    events: [.init(shipmentID: shipmentID, event: Self.event(hours: Double(index), code: "C\(index)"))],
                                    actor: "webhook:ups")
            }
            // The middle payload names a shipment that does not exist: its append throws.
            let results = try await Self.append([item(0, shipmentID: shipment.id), item(1, shipmentID: "shp_missing"),
                                                 item(2, shipmentID: shipment.id)], store: store, owner: "w")
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
    func payloadsAboutDifferentShipmentsAreAppendedTogetherWithTheOutcomesOfOneByOne(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let tenant = try await store.ensureTenant(named: "acme")
            var shipments: [String] = []
            for number in ["1Z999AA10123456784", "1Z999AA10123456793", "1Z999AA10123456800"] {
                shipments.append(try await store.registerShipment(NewShipment(tenantID: tenant.id, trackingNumber: number,
                                                                              carrier: "ups", actor: "test")).shipment.id)
            }
            let (rawIDs, jobByRaw) = try await Self.receiveAndClaim(4, store: store, tenantID: tenant.id)
            let estimate = DeliveryEstimate(earliest: Date(timeIntervalSince1970: 1_795_100_000),
                                            latest: Date(timeIntervalSince1970: 1_795_130_000), source: .carrier)
            func item(_ index: Int, _ events: [IngestBatch.ShipmentEvent], estimates: [String: DeliveryEstimate] = [:]) -> StoredPayloadEvents {
                StoredPayloadEvents(jobID: jobByRaw[rawIDs[index]] ?? "", rawPayloadID: rawIDs[index], tenantID: tenant.id,
                                    events: events, actor: "webhook:ups", estimates: estimates)
            }
            let first = Self.event(hours: 0, code: "A")
            let items = [
                item(0, [.init(shipmentID: shipments[0], event: first)]),
                item(1, [.init(shipmentID: shipments[1], event: Self.event(hours: 1, code: "B")),
                         .init(shipmentID: shipments[1], event: Self.event(hours: 1, code: "B"))], estimates: [shipments[1]: estimate]),
                // The first shipment again: a new group, where this copy of its scan is a duplicate.
                item(2, [.init(shipmentID: shipments[0], event: first), .init(shipmentID: shipments[2], event: Self.event(hours: 2, code: "C"))]),
                item(3, []),
            ]
            #expect(AppendGroup.take(from: items[...]).count == 2)
            #expect(AppendGroup.take(from: items[2...]).count == 2)

            let outcomes = try await Self.append(items, store: store, owner: "w").map { try $0.get() }
            #expect(outcomes.map(\.insertedEventIDs.count) == [1, 1, 1, 0])
            #expect(outcomes.map(\.duplicateCount) == [0, 1, 1, 0])
            #expect(outcomes.map { $0.changes.map(\.shipmentID) } == [[shipments[0]], [shipments[1]], [shipments[2]], []])
            #expect(outcomes[0].changes.first?.status == .inTransit)

            let events = try await store.events(shipmentID: shipments[0], tenantID: tenant.id)
            #expect(events.count == 1)
            #expect(events.first?.rawPayloadIDs == [rawIDs[0], rawIDs[2]], "the later copy is recorded as a report")
            #expect(try await store.shipment(id: shipments[1], tenantID: tenant.id)?.estimatedDelivery == estimate)
            for index in 0..<4 {
                #expect(try await store.rawPayload(id: rawIDs[index], tenantID: tenant.id)?.status == .parsed)
                #expect(try await store.job(id: jobByRaw[rawIDs[index]] ?? "")?.state == .done)
            }
            let trails = try await [0, 1, 2, 3].asyncMap { try await store.auditTrail(tenantID: tenant.id, subjectID: rawIDs[$0]) }
            #expect(trails.allSatisfy { $0.first?.action == "raw_payload.received" })
            let audited = trails.map { $0.filter { $0.action == "events.appended" }.map(\.details) }
            #expect(audited.map(\.count) == [1, 1, 1, 0])
            #expect(audited[1].first?.contains("\"duplicates\":\"0\"") == true, "a scan repeated within one payload is one row")
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
            try await store.moveInbox()
            let job = try #require(try await store.claimJobs(kinds: ["parse_raw_payload"], limit: 1, owner: "a",
                                                             leaseDuration: .seconds(60), now: Date()).first)
            _ = try await Self.append([StoredPayloadEvents(
                jobID: job.id, rawPayloadID: rawID, tenantID: tenant.id,
                events: [.init(shipmentID: shipment.id, event: Self.event(hours: 0, code: "X"))], actor: "webhook:ups")],
                store: store, owner: "b")
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
