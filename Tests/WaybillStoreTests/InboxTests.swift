import Foundation
import Logging
import SQLKit
import Testing
import WaybillCore
@testable import WaybillStore
import WaybillTestSupport

/// The SQLite webhook inbox: acknowledgements commit there without the main writer, and
/// `moveInbox` (the ingest worker's first step) moves what waits there into `raw_payloads` and
/// `jobs`, exactly once.
@Suite("SQLite webhook inbox")
struct InboxTests {
    static func raw(_ n: Int) -> NewRawPayload {
        NewRawPayload(source: .webhook, carrier: "ups", contentType: "application/json", body: Data("{\"scan\":\(n)}".utf8))
    }

    static func claimParseJobs(_ store: SQLStore) async throws -> [Job] {
        try await store.moveInbox()
        return try await store.claimJobs(kinds: ["parse_raw_payload"], limit: 100, owner: "t", leaseDuration: .seconds(60), now: Date())
    }

    static func inboxRows(_ store: SQLStore) async throws -> [(id: String, moveError: String?)] {
        let inbox = try #require(store.backend.inbox)
        return try await inbox.database.read { db in
            try await db.raw("SELECT id, move_error FROM inbox ORDER BY seq").all().map { (try $0.text("id"), try $0.optionalText("move_error")) }
        }
    }

    @Test func anAcknowledgementDoesNotWaitForTheMainWriter() async throws {
        try await TestDatabase.sqlite.withStore { store in
            let tenant = try await store.ensureTenant(named: "acme")
            let inside = AsyncStream<Void>.makeStream()
            let finish = AsyncStream<Void>.makeStream()
            let parse = Task {
                try await store.backend.transaction { db in
                    try await db.raw("UPDATE tenants SET name = 'acme-busy' WHERE id = \(bind: tenant.id)").run()
                    inside.continuation.yield()
                    for await _ in finish.stream { break }
                }
            }
            for await _ in inside.stream { break }
            // The main writer is held (as by a long parse transaction): the receive still commits.
            let answer = try await withThrowingTaskGroup(of: String?.self) { group in
                group.addTask { try await store.receive(Self.raw(1), tenantID: tenant.id, parseJobKind: "parse_raw_payload").rawPayloadID }
                group.addTask {
                    try await Task.sleep(for: .seconds(5))
                    finish.continuation.yield() // frees a receive stuck behind the writer, so the test fails rather than hangs
                    return nil
                }
                defer { group.cancelAll() }
                return try await group.next() ?? nil
            }
            let id = try #require(answer, "the receive waited for the main writer")
            finish.continuation.yield()
            try await parse.value
            #expect(try await Self.claimParseJobs(store).map(\.payload) == [id])
            #expect(try await store.rawPayload(id: id, tenantID: tenant.id)?.body == Self.raw(1).body)
            #expect(try await Self.inboxRows(store).isEmpty, "moved bodies leave the inbox")
        }
    }

    @Test func whatWaitsInTheInboxSurvivesARestartAndIsMovedOnce() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("waybill-inbox-\(UUID()).sqlite").path
        defer { for file in DatabaseURL.sqliteFiles(at: path) { try? FileManager.default.removeItem(atPath: file) } }
        var logger = Logger(label: "test.inbox")
        logger.logLevel = .error
        let first = try await SQLStore.open(.sqlite(path: path), logger: logger)
        try await first.migrate()
        let tenant = try await first.ensureTenant(named: "acme")
        var received: [String: Date] = [:]
        for n in 0..<3 {
            let raw = Self.raw(n)
            received[try await first.receive(raw, tenantID: tenant.id, parseJobKind: "parse_raw_payload").rawPayloadID] = raw.receivedAt
        }
        await first.shutdown() // as a crash would: nothing moved yet
        #expect(FileManager.default.fileExists(atPath: SQLiteInbox.path(forMainDatabase: path)))

        let second = try await SQLStore.open(.sqlite(path: path), logger: logger)
        let replay = try await second.receive(Self.raw(1), tenantID: tenant.id, parseJobKind: "parse_raw_payload")
        #expect(!replay.isNew && received[replay.rawPayloadID] != nil, "a replay of a waiting body names it")
        let jobs = try await Self.claimParseJobs(second)
        #expect(Set(jobs.map(\.payload)) == Set(received.keys))
        for (id, receivedAt) in received {
            let stored = try #require(try await second.rawPayload(id: id, tenantID: tenant.id))
            #expect(abs(stored.receivedAt.timeIntervalSince(receivedAt)) < 0.001, "the time of receipt is kept")
        }
        let again = try await second.receive(Self.raw(2), tenantID: tenant.id, parseJobKind: "parse_raw_payload")
        #expect(!again.isNew && received[again.rawPayloadID] != nil, "a replay of a moved body names it")
        #expect(try await Self.claimParseJobs(second).isEmpty)
        await second.shutdown()
    }

    @Test func aMoveRepeatedAfterACrashStoresNothingTwice() async throws {
        try await TestDatabase.sqlite.withStore { store in
            let tenant = try await store.ensureTenant(named: "acme")
            for n in 0..<2 { _ = try await store.receive(Self.raw(n), tenantID: tenant.id, parseJobKind: "parse_raw_payload") }
            // A move that committed in the main database and crashed before deleting from the inbox.
            let inbox = try #require(store.backend.inbox)
            let waiting = try await inbox.waiting().map(\.receive)
            _ = try await store.backend.transaction { db in try await SQLStore.storeReceives(db, waiting) }
            #expect(try await Self.inboxRows(store).count == 2)

            #expect(try await Self.claimParseJobs(store).count == 2)
            #expect(try await store.rawPayloads(tenantID: tenant.id, status: nil, cursor: nil, limit: 10).items.count == 2)
            #expect(try await Self.inboxRows(store).isEmpty)
        }
    }

    @Test func aBodyThatCannotBeMovedIsSetAsideAndTheOthersMove() async throws {
        try await TestDatabase.sqlite.withStore { store in
            let tenant = try await store.ensureTenant(named: "acme")
            let inbox = try #require(store.backend.inbox)
            // Written straight to the inbox for a tenant the main database does not have.
            let orphan = PendingReceive(raw: Self.raw(0), tenantID: "ten_missing", parseJobKind: "parse_raw_payload")
            _ = try await inbox.database.transaction { db in
                try await SQLiteInbox.store(db, tenantID: orphan.tenantID, candidates: [orphan], knownInMain: [:])
            }
            let good = try await store.receive(Self.raw(1), tenantID: tenant.id, parseJobKind: "parse_raw_payload").rawPayloadID

            #expect(try await Self.claimParseJobs(store).map(\.payload) == [good])
            let rows = try await Self.inboxRows(store)
            #expect(rows.map(\.id) == [orphan.id], "the orphan stays, kept for an operator")
            #expect(rows.first?.moveError?.isEmpty == false)
            try await store.moveInbox()
            #expect(try await Self.inboxRows(store).count == 1, "and is not tried again")
        }
    }

    @Test func aReceiveForAnUnknownTenantIsRefusedAtOnce() async throws {
        try await TestDatabase.sqlite.withStore { store in
            _ = try await store.ensureTenant(named: "acme")
            await #expect(throws: StoreError.self) {
                try await store.receive(Self.raw(0), tenantID: "ten_missing", parseJobKind: "parse_raw_payload")
            }
            #expect(try await Self.inboxRows(store).isEmpty)
        }
    }
}
