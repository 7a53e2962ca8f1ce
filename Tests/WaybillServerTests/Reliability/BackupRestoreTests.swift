import Foundation
import Testing

/// In the serialized load-test suite: run beside the other load tests, the timings would measure
/// their competition for the two cores, not this.
extension WebhookLoadTests {
    /// `waybill backup` of a SQLite database while `waybill serve` takes webhooks, restored into
    /// another folder with `waybill restore`: the restored server starts (its key opens the sealed
    /// secrets), keeps everything acknowledged before the backup, and takes the carrier's posts on
    /// the same endpoint with the same secret.
    @Suite("Backup and restore", .serialized)
    struct BackupRestoreTests {
        @Test(.enabled(if: WaybillProcess.isBuilt, "the waybill executable is not built (swift build --build-tests builds it)"))
        func aBackupTakenUnderWebhookLoadRestoresElsewhereAndServes() async throws {
            let root = FileManager.default.temporaryDirectory.appendingPathComponent("waybill-backup-\(UUID())")
            defer { try? FileManager.default.removeItem(at: root) }
            let served = try await LoadedWaybill.start(in: root.appendingPathComponent("original"))
            defer { served.server.kill9() }

            let posts = WebhookLoadTests.workload()
            let acknowledged = Acknowledgments()
            let load = Task {
                await WebhookLoadTests.send(posts, indices: Array(posts.indices), to: served.ingress, credential: served.credential,
                                            acknowledged: acknowledged)
            }
            while await acknowledged.count < 2000, await !acknowledged.finished { try await Task.sleep(for: .milliseconds(5)) }
            let acknowledgedBeforeBackup = await acknowledged.indices
            let archive = root.appendingPathComponent("waybill.backup").path
            let backupStart = ContinuousClock.now
            let backup = try await Task.detached { try WaybillProcess.run(["backup", "--database", served.database, archive]) }.value
            let backupTime = backupStart.duration(to: .now)
            let underLoad = await !acknowledged.finished
            await acknowledged.stop()
            _ = await load.value
            served.server.stop()
            #expect(backup.status == 0, "\(backup.output)")
            #expect(underLoad, "the backup must run while webhooks arrive")
            let members = try Self.tarListing(archive)
            #expect(members == ["manifest.json", "waybill.sqlite-inbox", "waybill.sqlite", "waybill-secret.key"])

            // Restored into another folder; a second restore there refuses to overwrite it.
            let restoredFolder = root.appendingPathComponent("restored")
            let restoredPath = restoredFolder.appendingPathComponent("waybill.sqlite").path
            let restore = try WaybillProcess.run(["restore", archive, "--database", "sqlite:\(restoredPath)"])
            #expect(restore.status == 0, "\(restore.output)")
            #expect(try WaybillProcess.run(["restore", archive, "--database", "sqlite:\(restoredPath)"]).status != 0)

            let restored = WaybillProcess(database: "sqlite:\(restoredPath)", port: try WaybillProcess.freePort())
            try await restored.start()
            defer { restored.kill9() }
            // Generous bounds: they end as soon as the condition holds, and CI runs other suites beside this one.
            let parsed = try await ServedWaybill.waitUntil(seconds: 180) {
                try await LoadDatabase.read(restoredPath).hasParsed(acknowledgedBeforeBackup, of: posts)
            }
            #expect(parsed, "every post acknowledged before the backup is in the restored database, parsed")
            let counts = try await LoadDatabase.read(restoredPath)
            let original = try await LoadDatabase.read(served.path)
            // Each distinct body is one event of its tracking number (repeats are stored once).
            #expect(counts.events == counts.rawPayloads && counts.shipments == counts.eventsByTrackingNumber.count)
            #expect(counts.events >= Set(acknowledgedBeforeBackup.map { "\(posts[$0].number).\(posts[$0].event)" }).count)
            #expect(counts.rawPayloads <= original.rawPayloads + original.inInbox, "the backup holds what the original stored at the time, no more")
            print("backup under load: \(acknowledgedBeforeBackup.count) posts acknowledged before it started, backup took \(backupTime), "
                  + "restored \(counts.rawPayloads) raw payloads, \(counts.shipments) shipments, \(counts.events) events "
                  + "(original at the end: \(original.rawPayloads) raw payloads and \(original.inInbox) in its inbox)")

            // The endpoint's sealed secret opens: the carrier's next post is checked, accepted and parsed.
            let next = WebhookLoadTests.Post(number: 4242, event: 0)
            #expect(try await LoadedWaybill.post(next.body, to: restored.baseURL + served.ingressPath, credential: served.credential) == 202)
            #expect(try await LoadedWaybill.post(next.body, to: restored.baseURL + served.ingressPath, credential: "wrong") == 401)
            let nextParsed = try await ServedWaybill.waitUntil(seconds: 60) {
                try await LoadDatabase.read(restoredPath).eventsByTrackingNumber[next.trackingNumber] == 1
            }
            #expect(nextParsed)
            restored.stop()
        }

        @Test(.enabled(if: WaybillProcess.isBuilt, "the waybill executable is not built (swift build --build-tests builds it)"))
        func aDamagedBackupRestoresNothing() async throws {
            let root = FileManager.default.temporaryDirectory.appendingPathComponent("waybill-backup-\(UUID())")
            defer { try? FileManager.default.removeItem(at: root) }
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            let database = "sqlite:" + root.appendingPathComponent("waybill.sqlite").path
            #expect(try WaybillProcess.run(["keys", "create", "--tenant", "acme", "--create-tenant", "--role", "admin", "--database", database]).status == 0)
            let archive = root.appendingPathComponent("waybill.backup").path
            #expect(try WaybillProcess.run(["backup", "--database", database, archive]).status == 0)

            var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: archive)))
            bytes[bytes.count / 2] ^= 0xFF
            try Data(bytes).write(to: URL(fileURLWithPath: archive))
            let target = root.appendingPathComponent("restored")
            #expect(try WaybillProcess.run(["restore", archive, "--database", "sqlite:" + target.appendingPathComponent("waybill.sqlite").path]).status != 0)
            #expect(((try? FileManager.default.contentsOfDirectory(atPath: target.path)) ?? []).isEmpty, "nothing is written from a damaged backup")
        }

        /// The member names of a tar archive, as `tar` lists them.
        static func tarListing(_ archive: String) throws -> [String] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/tar")
            process.arguments = ["-tf", archive]
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
        }
    }
}
