import Foundation
import Testing
import WaybillCore
import WaybillStore
import WaybillTestSupport

/// The jobs of an instance that stopped heartbeating are claimed again once it has been silent
/// for `SQLStore.instanceSilence` (15 s), long before their lease runs out, and not before.
@Suite("Instances and their claims")
struct InstanceLeaseTests {
    @Test(arguments: TestDatabase.available)
    func aSilentInstancesJobsAreReclaimedOnceItsHeartbeatIsStaleAndNotBefore(_ database: TestDatabase) async throws {
        try await database.withStores(2) { stores in
            let (dead, alive) = (stores[0], stores[1])
            let start = Date()
            let ids = [try await dead.enqueue(NewJob(kind: "parse", payload: "1", runAt: start.addingTimeInterval(-1))),
                       try await dead.enqueue(NewJob(kind: "parse", payload: "2", runAt: start.addingTimeInterval(-1)))]
            try await dead.heartbeat(now: start)
            try await alive.heartbeat(now: start)
            let claimed = try await dead.claimJobs(kinds: ["parse"], limit: 10, owner: "worker-a", leaseDuration: .seconds(120), now: start)
            #expect(Set(claimed.map(\.id)) == Set(ids))

            // Seen 10 s ago: alive as far as the others know, its claims stand.
            try await alive.heartbeat(now: start.addingTimeInterval(10))
            #expect(try await alive.claimJobs(kinds: ["parse"], limit: 10, owner: "worker-b", leaseDuration: .seconds(120),
                                              now: start.addingTimeInterval(10)).isEmpty)
            // Still heartbeating at 12 s, so at 20 s it is not silent yet either.
            try await dead.heartbeat(now: start.addingTimeInterval(12))
            #expect(try await alive.claimJobs(kinds: ["parse"], limit: 10, owner: "worker-b", leaseDuration: .seconds(120),
                                              now: start.addingTimeInterval(20)).isEmpty)

            // Silent for more than 15 s (last seen at 12 s): its jobs are claimed again, 100 s before their lease ends.
            let reclaimed = try await alive.claimJobs(kinds: ["parse"], limit: 10, owner: "worker-b", leaseDuration: .seconds(120),
                                                      now: start.addingTimeInterval(28))
            #expect(Set(reclaimed.map(\.id)) == Set(ids))
            #expect(reclaimed.allSatisfy { $0.leaseOwner == "worker-b" && $0.attempts == 2 })
            // The new claims are the living instance's: it keeps them while it heartbeats.
            try await alive.heartbeat(now: start.addingTimeInterval(28))
            #expect(try await dead.claimJobs(kinds: ["parse"], limit: 10, owner: "worker-a", leaseDuration: .seconds(120),
                                             now: start.addingTimeInterval(30)).isEmpty)
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
}
