import Foundation
import Logging
import Testing
import WaybillCore
import WaybillIngest
import WaybillStore
import WaybillTestSupport

/// Finished jobs are deleted after the retention; queued, running and failed ones stay.
@Suite("Job retention")
struct JobRetentionTests {
    @Test(arguments: TestDatabase.available)
    func doneJobsOlderThanTheRetentionAreDeletedAndOthersStay(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let tenant = try await store.ensureTenant(named: "acme")
            var ids: [String] = []
            for n in 0..<5 {
                ids.append(try await store.enqueue(NewJob(kind: "test_job", payload: "\(n)", tenantID: tenant.id, runAt: Date(),
                                                          maxAttempts: 1)))
            }
            let claimed = try await store.claimJobs(kinds: ["test_job"], limit: 4, owner: "w", leaseDuration: .seconds(60), now: Date())
            #expect(claimed.count == 4)
            for job in claimed.prefix(3) { try await store.completeJob(id: job.id, owner: "w") }
            try await store.failJob(id: claimed[3].id, owner: "w", error: "boom", retryAt: Date())

            var logger = Logger(label: "test.retention")
            logger.logLevel = .critical
            let retention = JobRetention(store: store, retention: .seconds(3600), logger: logger)
            #expect(try await retention.purge(now: Date()) == 0, "nothing is older than the retention yet")
            #expect(try await store.purgeFinishedJobs(finishedBefore: Date().addingTimeInterval(1), limit: 2) == 2)
            #expect(try await retention.purge(now: Date().addingTimeInterval(7200)) == 1)

            let states = try await ids.asyncMap { try await store.job(id: $0)?.state }
            #expect(states.filter { $0 == nil }.count == 3, "the three done jobs are gone")
            #expect(Set(states.compactMap { $0 }) == [.failed, .queued])
        }
    }

    @Test func theRetentionComesFromTheEnvironment() {
        #expect(JobRetention.retention([:]) == .seconds(24 * 3600))
        #expect(JobRetention.retention([JobRetention.environmentVariable: "6"]) == .seconds(6 * 3600))
        #expect(JobRetention.retention([JobRetention.environmentVariable: "0"]) == .seconds(24 * 3600))
        #expect(JobRetention.retention([JobRetention.environmentVariable: "soon"]) == .seconds(24 * 3600))
    }
}
