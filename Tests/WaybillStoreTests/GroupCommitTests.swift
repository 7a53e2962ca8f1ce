import Foundation
import SQLKit
import Testing
import WaybillCore
@testable import WaybillStore
import WaybillTestSupport

/// Webhook receives written together (group commit), the SQLite writer's priority lane and its
/// read connections beside the writer.
@Suite("Group commit and read connections")
struct GroupCommitTests {
    static func body(_ n: Int) -> Data { Data("{\"scan\":\(n)}".utf8) }

    static func pending(_ n: Int, tenantID: String) -> PendingReceive {
        PendingReceive(raw: NewRawPayload(source: .webhook, carrier: "ups", contentType: "application/json", body: body(n)),
                       tenantID: tenantID, parseJobKind: "parse_raw_payload")
    }

    static func jobCount(_ store: SQLStore, tenantID: String) async throws -> Int {
        try await store.backend.read { db in
            try await db.raw("SELECT COUNT(*) AS n FROM jobs WHERE tenant_id = \(bind: tenantID)").first()?.int("n") ?? -1
        }
    }

    @Test(arguments: TestDatabase.available)
    func concurrentReceivesWithDuplicatesEachGetTheirOwnAnswer(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let tenant = try await store.ensureTenant(named: "acme")
            // Stored before the burst: its repeats in the burst are duplicates too.
            let earlier = try await store.receive(NewRawPayload(source: .webhook, carrier: "ups", contentType: "application/json",
                                                                body: Self.body(0)), tenantID: tenant.id, parseJobKind: "parse_raw_payload")
            #expect(earlier.isNew)
            // 120 posts of 40 distinct bodies (0 among them), all at once.
            let bodies = (0..<120).map { $0 % 40 }
            let answers = try await withThrowingTaskGroup(of: (Int, String, Bool).self) { group in
                for n in bodies {
                    group.addTask {
                        let raw = NewRawPayload(source: .webhook, carrier: "ups", contentType: "application/json", body: Self.body(n))
                        let answer = try await store.receive(raw, tenantID: tenant.id, parseJobKind: "parse_raw_payload")
                        return (n, answer.rawPayloadID, answer.isNew)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(answers.count == 120)
            let idsByBody = Dictionary(grouping: answers, by: \.0).mapValues { Set($0.map(\.1)) }
            #expect(idsByBody.values.allSatisfy { $0.count == 1 }, "every copy of a body names the same raw payload")
            #expect(idsByBody[0] == [earlier.rawPayloadID])
            let newByBody = Dictionary(grouping: answers.filter(\.2), by: \.0).mapValues(\.count)
            #expect(newByBody[0] == nil, "the body stored before is never new again")
            #expect((1..<40).allSatisfy { newByBody[$0] == 1 }, "exactly one post of each other body is new: \(newByBody)")
            try await store.moveInbox()
            #expect(try await Self.jobCount(store, tenantID: tenant.id) == 40, "one parse job per distinct body")
            let stored = try await store.rawPayloads(tenantID: tenant.id, status: nil, cursor: nil, limit: 500).items
            #expect(stored.count == 40)
        }
    }

    @Test(arguments: TestDatabase.available)
    func oneBatchAnswersDuplicatesInsideItAndKeepsOrder(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let tenant = try await store.ensureTenant(named: "acme")
            let other = try await store.ensureTenant(named: "globex")
            let batch = [Self.pending(1, tenantID: tenant.id), Self.pending(2, tenantID: tenant.id), Self.pending(1, tenantID: tenant.id),
                         Self.pending(1, tenantID: other.id)]
            let results = try await store.writeReceives(batch).map { try $0.get() }
            #expect(results.map(\.isNew) == [true, true, false, true])
            #expect(results[0].rawPayloadID == results[2].rawPayloadID)
            #expect(results[3].rawPayloadID != results[0].rawPayloadID, "the same body of another tenant is its own payload")
            try await store.moveInbox()
            let again = try await store.writeReceives([Self.pending(2, tenantID: tenant.id)]).map { try $0.get() }
            #expect(again == [ReceivedPayload(rawPayloadID: results[1].rawPayloadID, isNew: false)])
            #expect(try await Self.jobCount(store, tenantID: tenant.id) == 2)
            #expect(try await Self.jobCount(store, tenantID: other.id) == 1)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aFailingReceiveDoesNotLoseTheOthersOfItsBatch(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let tenant = try await store.ensureTenant(named: "acme")
            // No such tenant: the foreign key refuses this one, and with it the batch's transaction.
            let batch = [Self.pending(1, tenantID: tenant.id), Self.pending(2, tenantID: "ten_missing"), Self.pending(3, tenantID: tenant.id)]
            let results = await store.writeReceives(batch)
            #expect(results.count == 3)
            #expect((try? results[0].get())?.isNew == true)
            #expect((try? results[1].get()) == nil)
            #expect((try? results[2].get())?.isNew == true)
            try await store.moveInbox()
            let stored = try await store.rawPayloads(tenantID: tenant.id, status: nil, cursor: nil, limit: 10).items
            #expect(Set(stored.map(\.body)) == [Self.body(1), Self.body(3)])
            #expect(try await Self.jobCount(store, tenantID: tenant.id) == 2)
        }
    }

    @Test func concurrentSubmitsShareBatchesAndGetTheirOwnResults() async throws {
        let queue = GroupCommitQueue<Int, Int>(maxBatch: 16)
        let batches = Recorded()
        let write: GroupCommitQueue<Int, Int>.Write = { items in
            await batches.append(items.count)
            try? await Task.sleep(for: .milliseconds(5))
            return items.map { $0 % 7 == 0 ? .failure(StoreError.invalid("multiple of 7: \($0)")) : .success($0 * 10) }
        }
        let results = await withTaskGroup(of: (Int, Int?).self) { group in
            for n in 1...100 { group.addTask { (n, try? await queue.submit(n, write: write)) } }
            return await group.reduce(into: [Int: Int?]()) { $0[$1.0] = $1.1 }
        }
        #expect(results.count == 100)
        #expect(results.allSatisfy { n, result in result == (n % 7 == 0 ? nil : n * 10) })
        let sizes = await batches.values
        #expect(sizes.reduce(0, +) == 100)
        #expect(sizes.count < 100 && sizes.allSatisfy { $0 <= 16 }, "submits that arrive during a write share the next batch: \(sizes)")
    }

    @Test func urgentWaitersGoBeforeNormalOnes() async throws {
        let lock = AsyncLock()
        let order = Recorded()
        let holding = AsyncStream<Void>.makeStream()
        let release = AsyncStream<Void>.makeStream()
        let holder = Task {
            try await lock.withLock {
                holding.continuation.yield()
                for await _ in release.stream { break }
            }
        }
        for await _ in holding.stream { break }
        let normal = Task { try await lock.withLock(priority: .normal) { await order.append(1) } }
        try await Task.sleep(for: .milliseconds(50))
        let urgent = Task { try await lock.withLock(priority: .urgent) { await order.append(2) } }
        try await Task.sleep(for: .milliseconds(50))
        release.continuation.yield()
        try await holder.value
        try await normal.value
        try await urgent.value
        #expect(await order.values == [2, 1])
    }

    @Test func aReadDoesNotWaitForAnOpenWriteTransaction() async throws {
        try await TestDatabase.sqlite.withStore { store in
            let tenant = try await store.ensureTenant(named: "acme")
            let endpoint = try await store.createWebhookEndpoint(tenantID: tenant.id, carrier: "ups", actor: "test")
            let inside = AsyncStream<Void>.makeStream()
            let finish = AsyncStream<Void>.makeStream()
            let writer = Task {
                try await store.backend.transaction { db in
                    try await db.raw("UPDATE tenants SET name = 'acme-renamed' WHERE id = \(bind: tenant.id)").run()
                    inside.continuation.yield()
                    for await _ in finish.stream { break }
                }
            }
            for await _ in inside.stream { break }
            // With the transaction still open: the read answers at once, from the last commit.
            let read = try await withThrowingTaskGroup(of: String.self) { group in
                group.addTask { try await store.webhookEndpoint(id: endpoint.id)?.secret ?? "not found" }
                group.addTask {
                    try await Task.sleep(for: .seconds(5))
                    finish.continuation.yield() // unblocks a read stuck behind the writer, so the test fails rather than hangs
                    return "timed out"
                }
                defer { group.cancelAll() }
                return try await group.next() ?? "no answer"
            }
            #expect(read == endpoint.secret, "the read did not wait for the writer")
            #expect(try await store.tenant(named: "acme") != nil, "the uncommitted rename is not seen")
            finish.continuation.yield()
            try await writer.value
            #expect(try await store.tenant(named: "acme-renamed") != nil)
        }
    }

    @Test func aWriteThroughAReadConnectionIsRefused() async throws {
        _ = try await TestDatabase.sqlite.withStore { store in
            await #expect(throws: (any Error).self) {
                try await store.backend.read { db in try await db.raw("DELETE FROM tenants").run() }
            }
        }
    }
}

actor Recorded {
    private(set) var values: [Int] = []
    func append(_ value: Int) { values.append(value) }
}
