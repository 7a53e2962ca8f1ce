import Foundation
import Testing
import WaybillCore
import WaybillNotify
import WaybillStore
import WaybillTestSupport

@Suite("Several workers on one database")
struct MultiInstanceTests {
    /// Two workers claim from one database at once (on PostgreSQL each claim is its own
    /// transaction on its own connection, with FOR UPDATE SKIP LOCKED): every message is sent
    /// once, and each shipment's messages arrive in sequence order.
    @Test(arguments: TestDatabase.available)
    func twoWorkersDeliverEachMessageOnce(database: TestDatabase) async throws {
        try await database.withStore { store in
            let log = ReceiverLog()
            try await TestReceiver.run(log) { url in
                let tenant = try await store.ensureTenant(named: "multi")
                _ = try await store.createWebhookSubscription(tenantID: tenant.id, url: url, eventTypes: [.shipmentStatusChanged],
                                                              actor: "test")
                let ids = try await NotifyFixtures.shipments(store, tenantID: tenant.id, count: 40)
                for (step, status) in NotifyFixtures.journey.enumerated() {
                    try await NotifyFixtures.ingest(store, tenantID: tenant.id, shipments: ids, status: status, step: step)
                }
                let expected = ids.count * NotifyFixtures.journey.count
                let workers = ["worker-a", "worker-b"].map { NotifyFixtures.worker(store, owner: $0) }
                let finished = try await withThrowingTaskGroup(of: Bool.self) { group in
                    for worker in workers {
                        group.addTask {
                            try await NotifyFixtures.until(seconds: 60, { try await worker.drainOnce() }) {
                                await log.accepted.count >= expected
                            }
                        }
                    }
                    var all = true
                    for try await done in group { all = all && done }
                    return all
                }
                #expect(finished)
                let accepted = await log.accepted
                #expect(accepted.count == expected, "no double sends")
                #expect(Set(accepted.map(\.id)).count == expected)
                for id in ids {
                    #expect(accepted.filter { $0.shipmentID == id }.map(\.sequence) == [1, 2, 3, 4])
                }
                let workersUsed = Set(try await NotifyFixtures.webhookDeliveries(store, tenantID: tenant.id)
                    .flatMap(\.attempts).map(\.outcome))
                #expect(workersUsed == ["delivered"])
            }
        }
    }

    @Test(arguments: TestDatabase.available)
    func theSweepRunsOnOneInstanceAndFiresOncePerShipment(database: TestDatabase) async throws {
        try await database.withStore { store in
            let tenant = try await store.ensureTenant(named: "sweep")
            _ = try await store.createWebhookSubscription(tenantID: tenant.id, url: "http://127.0.0.1:9/s",
                                                          eventTypes: [.shipmentStale], actor: "test")
            let ids = try await NotifyFixtures.shipments(store, tenantID: tenant.id, count: 2)
            try await NotifyFixtures.ingest(store, tenantID: tenant.id, shipments: ids, status: .inTransit, step: 1)
            let now = Date()
            #expect(try await store.claimNotificationSweep(owner: "a", interval: 60, now: now))
            #expect(try await !store.claimNotificationSweep(owner: "b", interval: 60, now: now), "one instance per interval")
            #expect(try await store.claimNotificationSweep(owner: "b", interval: 60, now: now.addingTimeInterval(61)))

            // The events are from 2026-05; by a clock far enough ahead they are stale.
            let later = Date(timeIntervalSince1970: 1_780_000_000 + 80 * 3600)
            #expect(try await TimedTriggerSweep(store: store).run(staleAfterHours: 72, now: later, limit: 100) == 2)
            #expect(try await TimedTriggerSweep(store: store).run(staleAfterHours: 72, now: later.addingTimeInterval(3600), limit: 100) == 0)
            let stale = try await NotifyFixtures.webhookDeliveries(store, tenantID: tenant.id)
            #expect(stale.count == 2 && stale.allSatisfy { $0.eventType == "shipment.stale" })

            // New movement, then silence again: stale once more.
            try await NotifyFixtures.ingest(store, tenantID: tenant.id, shipments: [ids[0]], status: .outForDelivery, step: 100)
            let muchLater = Date(timeIntervalSince1970: 1_780_000_000 + 200 * 3600)
            #expect(try await TimedTriggerSweep(store: store).run(staleAfterHours: 72, now: muchLater, limit: 100) == 1)
        }
    }

    @Test(arguments: TestDatabase.available)
    func inAppMessagesReachTheFeed(database: TestDatabase) async throws {
        try await database.withStore { store in
            let tenant = try await store.ensureTenant(named: "feed")
            let ids = try await NotifyFixtures.shipments(store, tenantID: tenant.id, count: 1)
            try await NotifyFixtures.ingest(store, tenantID: tenant.id, shipments: ids, status: .exception, step: 1)
            let worker = NotifyFixtures.worker(store)
            #expect(try await NotifyFixtures.until({ try await worker.drainOnce() }) {
                try await !store.notificationFeed(tenantID: tenant.id, cursor: nil, limit: 10).items.isEmpty
            })
            let item = try #require(try await store.notificationFeed(tenantID: tenant.id, cursor: nil, limit: 10).items.first)
            #expect(item.shipmentID == ids[0])
            #expect(item.title == "Exception (support feed)")
            #expect(!item.text.isEmpty, "rendered from the exception template")
            #expect(try await store.notificationFeed(tenantID: tenant.id, afterID: item.id, limit: 10).isEmpty)
            #expect(try await store.notificationFeed(tenantID: tenant.id, afterID: nil, limit: 10).map(\.id) == [item.id])
            // The customer email waits out the default rule's burst window, then, having no
            // address to go to, is closed rather than retried.
            var email = try await store.deliveries(DeliveryQuery(tenantID: tenant.id, channel: .email)).items
            #expect(email.count == 1)
            #expect(email.first?.state == .pending)
            #expect((email.first?.nextAttemptAt ?? .distantPast) > Date().addingTimeInterval(60))
            try await worker.drainOnce(now: Date().addingTimeInterval(86_400))
            email = try await store.deliveries(DeliveryQuery(tenantID: tenant.id, channel: .email)).items
            #expect(email.first?.state == .cancelled)
            #expect(email.first?.attempts.first?.error == "no email recipient")
        }
    }
}
