import Foundation
import Testing
import WaybillCore
import WaybillStore
import WaybillTestSupport

/// The polling schedule on both engines: due order, leases, owners, what is never claimed.
@Suite struct PollingStoreTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test(arguments: TestDatabase.available)
    func claimsLeaseDueShipmentsOnce(_ database: TestDatabase) async throws {
        let now = self.now
        try await database.withStore { store in
            let tenant = try await store.ensureTenant(named: "acme")
            var ids: [String] = []
            for index in 0..<4 {
                ids.append(try await store.registerShipment(NewShipment(
                    tenantID: tenant.id, trackingNumber: "1ZSTORE\(index)", carrier: "ups", actor: "test")).shipment.id)
            }
            _ = try await store.registerShipment(NewShipment(tenantID: tenant.id, trackingNumber: "DHL1", carrier: "dhl", actor: "test"))

            // Never checked: due at once, per carrier.
            let first = try await store.claimDuePolls(carrier: "ups", limit: 3, owner: "a", leaseDuration: .seconds(60), now: now)
            #expect(first.count == 3 && Set(first.map(\.carrier)) == ["ups"])
            #expect(first.allSatisfy { $0.state.state == .active && $0.state.lastCheckedAt == nil && !$0.hasWebhookEndpoint })
            // Leased rows are not claimed by another owner until the lease expires.
            let second = try await store.claimDuePolls(carrier: "ups", limit: 10, owner: "b", leaseDuration: .seconds(60), now: now)
            #expect(second.count == 1 && !first.map(\.shipmentID).contains(second[0].shipmentID))
            #expect(try await store.claimDuePolls(carrier: "ups", limit: 10, owner: "b", leaseDuration: .seconds(60), now: now).isEmpty)

            // Only the lease holder records; recording releases the lease and sets the schedule.
            var state = first[0].state
            state.nextCheckAt = now.addingTimeInterval(3600)
            state.outcome = .changed
            state.etag = "\"v1\""
            #expect(try await store.recordPoll(PollRecord(shipmentID: first[0].shipmentID, tenantID: tenant.id, checkedAt: now, state: state), owner: "b") == false)
            #expect(try await store.recordPoll(PollRecord(shipmentID: first[0].shipmentID, tenantID: tenant.id, checkedAt: now, state: state), owner: "a"))
            let stored = try #require(try await store.pollingState(shipmentID: first[0].shipmentID, tenantID: tenant.id))
            #expect(stored == PollingState(nextCheckAt: now.addingTimeInterval(3600), lastCheckedAt: now, outcome: .changed, etag: "\"v1\""))

            // The expired leases come back; the recorded one is due in an hour.
            let later = now.addingTimeInterval(61)
            let expired = try await store.claimDuePolls(carrier: "ups", limit: 10, owner: "c", leaseDuration: .seconds(86_400 * 60), now: later)
            #expect(expired.count == 3 && !expired.map(\.shipmentID).contains(first[0].shipmentID))
            let due = try await store.claimDuePolls(carrier: "ups", limit: 10, owner: "c", leaseDuration: .seconds(60), now: now.addingTimeInterval(3601))
            #expect(due.map(\.shipmentID) == [first[0].shipmentID])
            #expect(due[0].state.etag == "\"v1\"")

            // Finished, given up and stopped shipments are never claimed.
            for (target, pollState) in zip(expired, [PollState.finished, .notFound]) {
                #expect(try await store.recordPoll(PollRecord(shipmentID: target.shipmentID, tenantID: tenant.id, checkedAt: later,
                                                              state: PollingState(state: pollState)), owner: "c"))
            }
            #expect(try await store.recordPoll(PollRecord(shipmentID: expired[2].shipmentID, tenantID: tenant.id, checkedAt: later,
                                                          state: PollingState()), owner: "c"))
            _ = try await store.stopTracking(shipmentID: expired[2].shipmentID, tenantID: tenant.id, actor: "test")
            #expect(try await store.recordPoll(PollRecord(shipmentID: due[0].shipmentID, tenantID: tenant.id, checkedAt: later,
                                                          state: PollingState(state: .finished)), owner: "c"))
            let farLater = now.addingTimeInterval(86_400 * 30)
            let remaining = try await store.claimDuePolls(carrier: "ups", limit: 10, owner: "d", leaseDuration: .seconds(60), now: farLater)
            #expect(remaining.isEmpty, "\(remaining.map(\.shipmentID))")
        }
    }

    @Test(arguments: TestDatabase.available)
    func claimKnowsAboutWebhookSources(_ database: TestDatabase) async throws {
        let now = self.now
        try await database.withStore { store in
            let tenant = try await store.ensureTenant(named: "acme")
            let shipment = try await store.registerShipment(NewShipment(tenantID: tenant.id, trackingNumber: "1ZHOOK", carrier: "ups", actor: "test")).shipment
            _ = try await store.createWebhookEndpoint(tenantID: tenant.id, carrier: "ups", actor: "test")
            _ = try await store.ingest(IngestBatch(
                tenantID: tenant.id, raw: NewRawPayload(source: .webhook, carrier: "ups", contentType: "application/json", body: Data("{}".utf8)),
                events: [.init(shipmentID: shipment.id, event: CanonicalEvent(status: .inTransit, occurredAt: now, utcOffset: UTCOffset(seconds: -18_000)))],
                actor: "test"))
            let target = try #require(try await store.claimDuePolls(carrier: "ups", limit: 1, owner: "a", leaseDuration: .seconds(60), now: now).first)
            #expect(target.hasWebhookEndpoint)
            #expect(target.lastWebhookEventAt != nil)
            #expect(target.status == .inTransit)
            #expect(target.lastEventUTCOffset == UTCOffset(seconds: -18_000))
        }
    }
}
