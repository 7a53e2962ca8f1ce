import Foundation
import Testing
import WaybillCore
import WaybillIngest
import WaybillStore
import WaybillTestSupport

/// Two schedulers with their own connection pools (as two `waybill serve` instances) on one PostgreSQL database share the due
/// shipments, and their legs (another carrier's numbers), without ever polling one twice at once:
/// every number is called exactly once.
@Suite struct TwoInstancePollingTests {
    @Test(.enabled(if: TestDatabase.postgresURL != nil, "WAYBILL_TEST_POSTGRES_URL is not set"))
    func twoSchedulersNeverPollTheSameShipmentTwice() async throws {
        let script = CarrierScript()
        // Slow answers keep claims and calls overlapping between the instances.
        await script.setDelay(.milliseconds(15))
        let count = 240
        let legs = 60
        try await TestCarrierServer.run(script) { baseURL in
            // Two connection pools on one database, as two `waybill serve` processes have.
            try await TestDatabase.postgres.withStores(2) { stores in
                let store = stores[0]
                let tenant = try await store.ensureTenant(named: "acme")
                for index in 0..<count {
                    let shipment = try await PollingFixture.register(store, tenantID: tenant.id, carrier: "ups",
                                                                     number: PollingFixture.upsNumber(index))
                    if index < legs {
                        _ = try await store.linkLeg(NewShipmentLeg(
                            tenantID: tenant.id, shipmentID: shipment.id, trackingNumber: "JVGL" + String(format: "%010d", index),
                            carrier: "dhl", role: .lastMile, linkedBy: "ups", actor: "test"))
                    }
                }
                let clock = TestClock(PollingFixture.start)
                let instances = zip(stores, ["instance-a", "instance-b"]).map {
                    PollingFixture.scheduler($0, baseURL: baseURL, clock: clock, owner: $1, concurrency: 6, batchSize: 10)
                }
                let batches = try await withThrowingTaskGroup(of: Int.self) { group in
                    for scheduler in instances {
                        group.addTask {
                            var batches = 0
                            while try await scheduler.drainOnce(carrier: "ups") { batches += 1 }
                            while try await scheduler.drainOnce(carrier: "dhl") { batches += 1 }
                            return batches
                        }
                    }
                    return try await group.reduce(into: [Int]()) { $0.append($1) }
                }
                #expect(batches.allSatisfy { $0 > 0 }, "both instances took part: \(batches)")
                let calls = await script.callsByNumber
                #expect(calls.count == count + legs)
                #expect(calls.values.allSatisfy { $0 == 1 }, "a shipment was polled more than once")
                #expect(await script.maxInFlight.values.allSatisfy { $0 == 1 })
                let page = try await store.shipments(ShipmentQuery(tenantID: tenant.id, limit: 500))
                #expect(page.items.allSatisfy { $0.status == .delivered })
            }
        }
    }
}
