import Foundation
import Testing
import WaybillCore
import WaybillStore
import WaybillTestSupport

@Suite("Backfill")
struct BackfillTests {
    @Test(arguments: TestDatabase.available)
    func backfillMakesFinishedAndNotFoundShipmentsDueAgain(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let tenant = try await store.ensureTenant(named: "acme")
            let other = try await store.ensureTenant(named: "globex")
            let start = Date()
            var ids: [String] = []
            for (index, state) in [PollState.finished, .notFound, .active].enumerated() {
                let shipment = try await store.registerShipment(NewShipment(
                    tenantID: tenant.id, trackingNumber: "1ZBACKFILL\(index)", carrier: "ups", actor: "test")).shipment
                ids.append(shipment.id)
                let claimed = try await store.claimDuePolls(carrier: "ups", limit: 10, owner: "poller", leaseDuration: .seconds(60), now: start)
                #expect(claimed.map(\.shipmentID) == [shipment.id])
                try await store.recordPoll(PollRecord(shipmentID: shipment.id, tenantID: tenant.id, checkedAt: start,
                                                      state: PollingState(state: state, nextCheckAt: start.addingTimeInterval(86_400))),
                                           owner: "poller")
            }
            _ = try await store.stopTracking(shipmentID: ids[2], tenantID: tenant.id, actor: "test")
            #expect(try await store.claimDuePolls(carrier: "ups", limit: 10, owner: "p", leaseDuration: .seconds(60), now: start).isEmpty)

            let since = start.addingTimeInterval(-3600)
            #expect(try await store.scheduleBackfill(since: start.addingTimeInterval(3600), until: nil, tenantID: nil, carrier: nil, now: start) == 0)
            #expect(try await store.scheduleBackfill(since: since, until: nil, tenantID: other.id, carrier: nil, now: start) == 0)
            #expect(try await store.scheduleBackfill(since: since, until: nil, tenantID: tenant.id, carrier: "fedex", now: start) == 0)
            #expect(try await store.scheduleBackfill(since: since, until: nil, tenantID: tenant.id, carrier: "ups", now: start) == 2,
                    "the stopped shipment stays stopped")
            let due = try await store.claimDuePolls(carrier: "ups", limit: 10, owner: "p", leaseDuration: .seconds(60),
                                                    now: start.addingTimeInterval(1))
            #expect(Set(due.map(\.shipmentID)) == Set(ids.prefix(2)))
        }
    }
}
