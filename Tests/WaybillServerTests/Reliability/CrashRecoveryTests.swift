import Foundation
import Testing

/// In the serialized load-test suite: run beside the other load tests, the timings would measure
/// their competition for the two cores, not this.
extension WebhookLoadTests {
    /// A `waybill serve` killed with SIGKILL mid webhook load leaves parse jobs it had claimed; the
    /// next process on the SQLite file voids them at start (`SQLStore.registerInstance`) instead of
    /// waiting for their two-minute lease: everything acknowledged is parsed in seconds (3.5–7.4 s on a
    /// busy 2-core machine, debug build).
    @Suite("Crash recovery", .serialized)
    struct CrashRecoveryTests {
        @Test(.enabled(if: WaybillProcess.isBuilt, "the waybill executable is not built (swift build --build-tests builds it)"))
        func everyAcknowledgedPayloadIsParsedWithinTenSecondsOfARestartAfterAKill() async throws {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("waybill-crash-\(UUID())")
            defer { try? FileManager.default.removeItem(at: folder) }
            let served = try await LoadedWaybill.start(in: folder)
            defer { served.server.kill9() }

            let posts = WebhookLoadTests.workload()
            let acknowledged = Acknowledgments()
            let load = Task {
                await WebhookLoadTests.send(posts, indices: Array(posts.indices), to: served.ingress, credential: served.credential,
                                            acknowledged: acknowledged)
            }
            while await acknowledged.count < 1000, await !acknowledged.finished { try await Task.sleep(for: .milliseconds(5)) }
            served.server.kill9()
            await acknowledged.stop()
            let acknowledgedBeforeKill = await load.value
            let atKill = try await LoadDatabase.read(served.path)

            let restart = ContinuousClock.now
            try await served.server.start()
            let answering = restart.duration(to: .now)
            var recovery: Duration?
            while restart.duration(to: .now) < .seconds(90) {
                if try await LoadDatabase.read(served.path).hasParsed(acknowledgedBeforeKill, of: posts) {
                    recovery = restart.duration(to: .now)
                    break
                }
                try await Task.sleep(for: .milliseconds(200))
            }
            print("crash recovery: \(acknowledgedBeforeKill.count) acknowledged before the kill, \(atKill.claimedJobs) jobs claimed by the dead process, "
                  + "\(atKill.unparsed) stored unparsed and \(atKill.inInbox) in the inbox; answering after \(answering), all parsed \(recovery.map { "\($0)" } ?? "never") after the restart")
            // The figure (the 10 s target of issue 16) is the printed line, kept in docs/performance.md: a
            // timed assertion would measure the machine. What is asserted is that nothing waits for the
            // dead process's claims, which held the payloads for their two-minute lease (125 s measured).
            let parsedAfter = try #require(recovery, "acknowledged payloads still unparsed 90 s after the restart")
            #expect(parsedAfter < .seconds(60), "parsed \(parsedAfter) after the restart: the dead process's claims were waited for")
            served.server.stop()
        }
    }
}
