import Foundation
import Testing
import WaybillCore
@testable import WaybillStore
import WaybillTestSupport

@Suite("Job queue conformance")
struct JobQueueTests {
    @Test(arguments: TestDatabase.available)
    func jobsAreLeasedCompletedRetriedAndFailed(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let now = Date()
            let first = try await store.enqueue(NewJob(kind: "poll", payload: "{\"n\":1}", runAt: now.addingTimeInterval(-10), maxAttempts: 2))
            let second = try await store.enqueue(NewJob(kind: "poll", payload: "{\"n\":2}", runAt: now.addingTimeInterval(-5)))
            _ = try await store.enqueue(NewJob(kind: "poll", payload: "{}", runAt: now.addingTimeInterval(3600)))
            _ = try await store.enqueue(NewJob(kind: "deliver", payload: "{}", runAt: now))

            let claimed = try await store.claimJobs(kinds: ["poll"], limit: 10, owner: "a", leaseDuration: .seconds(30), now: now)
            #expect(claimed.map(\.id) == [first, second])
            #expect(claimed.allSatisfy { $0.state == .running && $0.attempts == 1 && $0.leaseOwner == "a" })
            #expect(try await store.claimJobs(kinds: ["poll"], limit: 10, owner: "b", leaseDuration: .seconds(30), now: now).isEmpty)

            // A lease that expires makes the job claimable again.
            let later = now.addingTimeInterval(31)
            let reclaimed = try await store.claimJobs(kinds: ["poll"], limit: 10, owner: "b", leaseDuration: .seconds(30), now: later)
            #expect(Set(reclaimed.map(\.id)) == [first, second])
            #expect(reclaimed.allSatisfy { $0.attempts == 2 && $0.leaseOwner == "b" })

            // The old owner can no longer complete it; the new one can.
            try await store.completeJob(id: second, owner: "a")
            #expect(try await store.job(id: second)?.state == .running)
            try await store.completeJob(id: second, owner: "b")
            #expect(try await store.job(id: second)?.state == .done)

            // Failing the last allowed attempt fails the job for good.
            try await store.failJob(id: first, owner: "b", error: "HTTP 503 from carrier", retryAt: later)
            let failed = try #require(try await store.job(id: first))
            #expect(failed.state == .failed && failed.lastError == "HTTP 503 from carrier")
            #expect(try await store.claimJobs(kinds: ["poll"], limit: 10, owner: "c", leaseDuration: .seconds(30),
                                              now: later.addingTimeInterval(60)).isEmpty)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aFailedAttemptIsRetriedAtItsTime(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let now = Date()
            let id = try await store.enqueue(NewJob(kind: "webhook", payload: "{}", runAt: now, maxAttempts: 5))
            _ = try await store.claimJobs(kinds: ["webhook"], limit: 1, owner: "w", leaseDuration: .seconds(60), now: now)
            try await store.failJob(id: id, owner: "w", error: "timeout", retryAt: now.addingTimeInterval(120))
            #expect(try await store.job(id: id)?.state == .queued)
            #expect(try await store.claimJobs(kinds: ["webhook"], limit: 1, owner: "w", leaseDuration: .seconds(60),
                                              now: now.addingTimeInterval(60)).isEmpty)
            let retried = try await store.claimJobs(kinds: ["webhook"], limit: 1, owner: "w", leaseDuration: .seconds(60),
                                                    now: now.addingTimeInterval(121))
            #expect(retried.map(\.attempts) == [2])
        }
    }

    @Test(arguments: TestDatabase.available)
    func concurrentClaimersNeverShareAJob(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let now = Date()
            for index in 0..<60 {
                _ = try await store.enqueue(NewJob(kind: "poll", payload: "{\"n\":\(index)}", runAt: now))
            }
            let claims = try await withThrowingTaskGroup(of: [String].self) { group in
                for worker in 0..<4 {
                    group.addTask {
                        var mine: [String] = []
                        while true {
                            let jobs = try await store.claimJobs(kinds: ["poll"], limit: 4, owner: "worker-\(worker)",
                                                                 leaseDuration: .seconds(300), now: now)
                            if jobs.isEmpty { return mine }
                            mine += jobs.map(\.id)
                        }
                    }
                }
                return try await group.reduce(into: [String]()) { $0 += $1 }
            }
            #expect(claims.count == 60)
            #expect(Set(claims).count == 60)
        }
    }
}
