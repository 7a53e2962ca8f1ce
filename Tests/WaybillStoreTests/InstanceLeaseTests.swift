import Foundation
import SQLKit
import Testing
import WaybillCore
@testable import WaybillStore
import WaybillTestSupport

/// The claims of an instance that stopped heartbeating (parse jobs, outbox deliveries, poll
/// leases) are taken over once it has been silent for `SQLStore.instanceSilence` (15 s), long
/// before their lease runs out, and not before; on PostgreSQL silence is measured by the
/// database's clock, not by the clock of the instance that claims.
@Suite("Instances and their claims")
struct InstanceLeaseTests {
    @Test(arguments: TestDatabase.available)
    func aSilentInstancesJobsAreReclaimedOnceItsHeartbeatIsStaleAndNotBefore(_ database: TestDatabase) async throws {
        try await database.withStores(2) { stores in
            let (dead, alive) = (stores[0], stores[1])
            let ids = [try await dead.enqueue(NewJob(kind: "parse", payload: "1", runAt: Date().addingTimeInterval(-1))),
                       try await dead.enqueue(NewJob(kind: "parse", payload: "2", runAt: Date().addingTimeInterval(-1)))]
            try await dead.heartbeat(now: Date())
            try await alive.heartbeat(now: Date())
            let claimed = try await dead.claimJobs(kinds: ["parse"], limit: 10, owner: "worker-a", leaseDuration: .seconds(120), now: Date())
            #expect(Set(claimed.map(\.id)) == Set(ids))

            // Seen 10 s ago: alive as far as the others know, its claims stand.
            try await Self.lastSeen(dead, secondsAgo: 10)
            #expect(try await alive.claimJobs(kinds: ["parse"], limit: 10, owner: "worker-b", leaseDuration: .seconds(120),
                                              now: Date()).isEmpty)

            // Silent for more than 15 s: its jobs are claimed again, 100 s before their lease ends.
            try await Self.lastSeen(dead, secondsAgo: 16)
            let reclaimed = try await alive.claimJobs(kinds: ["parse"], limit: 10, owner: "worker-b", leaseDuration: .seconds(120),
                                                      now: Date())
            #expect(Set(reclaimed.map(\.id)) == Set(ids))
            #expect(reclaimed.allSatisfy { $0.leaseOwner == "worker-b" && $0.attempts == 2 })
            // The new claims are the living instance's: it keeps them while it heartbeats.
            try await alive.heartbeat(now: Date())
            #expect(try await dead.claimJobs(kinds: ["parse"], limit: 10, owner: "worker-a", leaseDuration: .seconds(120),
                                             now: Date()).isEmpty)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aSilentInstancesDeliveriesAndPollLeasesAreTakenOver(_ database: TestDatabase) async throws {
        try TestSecretKey.installShared()
        try await database.withStores(2) { stores in
            let (dead, alive) = (stores[0], stores[1])
            let tenant = try await dead.ensureTenant(named: "acme")
            let subscription = try await dead.createWebhookSubscription(
                tenantID: tenant.id, url: "http://127.0.0.1:9/hook", eventTypes: [.shipmentStatusChanged], actor: "test")
            let shipment = try await dead.registerShipment(NewShipment(tenantID: tenant.id, trackingNumber: "1Z999AA10123456784",
                                                                       carrier: "ups", actor: "test")).shipment
            try await dead.transaction { transaction in
                try await transaction.enqueue(NewOutboxMessage(
                    id: "msg_1", tenantID: tenant.id, channel: .webhook, targetID: subscription.id, shipmentID: shipment.id,
                    orderRef: nil, eventType: "shipment.status_changed", sequence: 1, orderingKey: "\(subscription.id):\(shipment.id)",
                    body: "{}", deliverAt: Date().addingTimeInterval(-1), dedupeKey: nil, collapseKey: nil, createdAt: Date()))
            }
            try await dead.heartbeat(now: Date())
            try await alive.heartbeat(now: Date())
            #expect(try await dead.claimNotifications(limit: 10, owner: "a", leaseDuration: 60, now: Date()).map(\.id) == ["msg_1"])
            #expect(try await dead.claimDuePolls(carrier: "ups", limit: 10, owner: "a", leaseDuration: .seconds(120), now: Date())
                .map(\.shipmentID) == [shipment.id])

            try await Self.lastSeen(dead, secondsAgo: 10)
            #expect(try await alive.claimNotifications(limit: 10, owner: "b", leaseDuration: 60, now: Date()).isEmpty)
            #expect(try await alive.claimDuePolls(carrier: "ups", limit: 10, owner: "b", leaseDuration: .seconds(120), now: Date()).isEmpty)

            try await Self.lastSeen(dead, secondsAgo: 16)
            #expect(try await alive.claimNotifications(limit: 10, owner: "b", leaseDuration: 60, now: Date()).map(\.id) == ["msg_1"])
            #expect(try await alive.claimDuePolls(carrier: "ups", limit: 10, owner: "b", leaseDuration: .seconds(120), now: Date())
                .map(\.shipmentID) == [shipment.id])
            // The silent one's late report is not taken: the claim is no longer its own.
            let late = PollRecord(shipmentID: shipment.id, tenantID: tenant.id, checkedAt: Date(),
                                  state: PollingState(state: .active, nextCheckAt: Date().addingTimeInterval(3600)))
            #expect(try await !dead.recordPoll(late, owner: "a"))
            #expect(try await alive.recordPoll(late, owner: "b"))
        }
    }

    /// An instance whose clock runs 30 s ahead must not find the others silent: on PostgreSQL
    /// their last heartbeat is compared with the database's clock.
    @Test(.enabled(if: TestDatabase.postgresURL != nil, "WAYBILL_TEST_POSTGRES_URL is not set"))
    func onPostgresAClockAheadDoesNotVoidTheClaimsOfALiveInstance() async throws {
        try await TestDatabase.postgres.withStores(2) { stores in
            let (live, ahead) = (stores[0], stores[1])
            let id = try await live.enqueue(NewJob(kind: "parse", payload: "1", runAt: Date().addingTimeInterval(-1)))
            try await live.heartbeat(now: Date())
            try await ahead.heartbeat(now: Date().addingTimeInterval(30))
            #expect(try await live.claimJobs(kinds: ["parse"], limit: 10, owner: "a", leaseDuration: .seconds(120), now: Date())
                .map(\.id) == [id])
            #expect(try await ahead.claimJobs(kinds: ["parse"], limit: 10, owner: "b", leaseDuration: .seconds(120),
                                              now: Date().addingTimeInterval(30)).isEmpty)
        }
    }

    @Test func onSQLiteTheClaimsOfThePreviousProcessAreVoidWhenTheNextOneStarts() async throws {
        try await TestDatabase.sqlite.withStores(2) { stores in
            let (crashed, next) = (stores[0], stores[1])
            let now = Date()
            let id = try await crashed.enqueue(NewJob(kind: "parse", payload: "1", runAt: now.addingTimeInterval(-1)))
            try await crashed.registerInstance(now: now)
            #expect(try await crashed.claimJobs(kinds: ["parse"], limit: 10, owner: "a", leaseDuration: .seconds(120), now: now).count == 1)
            #expect(try await next.claimJobs(kinds: ["parse"], limit: 10, owner: "b", leaseDuration: .seconds(120), now: now).isEmpty)

            try await next.registerInstance(now: now.addingTimeInterval(1))
            let reclaimed = try await next.claimJobs(kinds: ["parse"], limit: 10, owner: "b", leaseDuration: .seconds(120),
                                                     now: now.addingTimeInterval(1))
            #expect(reclaimed.map(\.id) == [id])
        }
    }

    /// Makes `instance` look last seen `secondsAgo` (by this machine's clock, which the test
    /// PostgreSQL server shares), as if its heartbeat had stopped then.
    static func lastSeen(_ instance: SQLStore, secondsAgo: Double) async throws {
        let seen = Column.time(Date().addingTimeInterval(-secondsAgo))
        let id = instance.instanceID
        try await instance.backend.transaction { db in
            try await db.raw("UPDATE instances SET last_seen_at = \(bind: seen) WHERE id = \(bind: id)").run()
        }
    }
}
