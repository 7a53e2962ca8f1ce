import Foundation
import Logging
import SQLKit
import Testing
@testable import WaybillStore
import WaybillTestSupport

/// A task cancelled inside a transaction (a service shutting down, a request whose client left)
/// must leave the store usable. NIOThreadPool drops the statements of a cancelled task, so its
/// ROLLBACK never ran: the single SQLite writer stayed inside the transaction and every later
/// write failed with "cannot start a transaction within a transaction" (logged dozens of times
/// per test run by the ingest worker, issue 16).
@Suite("Cancelled transactions")
struct CancelledTransactionTests {
    @Test(arguments: TestDatabase.available)
    func aTaskCancelledInsideATransactionRollsItBackAndLeavesTheWriterFree(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let tenant = try await store.ensureTenant(named: "acme")
            let (entered, enteredContinuation) = AsyncStream<Void>.makeStream()
            let cancelled = Task {
                try await store.backend.transaction { db in
                    try await db.raw("UPDATE tenants SET name = 'renamed' WHERE id = \(bind: tenant.id)").run()
                    enteredContinuation.yield()
                    try await Task.sleep(for: .seconds(30))
                }
            }
            var iterator = entered.makeAsyncIterator()
            await iterator.next()
            cancelled.cancel()
            await #expect(throws: CancellationError.self) { try await cancelled.value }

            // The next transactions run, and the cancelled one left nothing behind.
            #expect(try await store.ensureTenant(named: "globex").name == "globex")
            #expect(try await store.tenant(named: "acme")?.id == tenant.id)
            #expect(try await store.tenant(named: "renamed") == nil)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aTransactionWhoseTaskIsCancelledAfterItsWorkCommits(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let tenant = try await store.ensureTenant(named: "acme")
            // The work is done, then the task is cancelled: COMMIT is the next statement.
            let task = Task {
                try await store.backend.transaction { db in
                    try await db.raw("UPDATE tenants SET name = 'committed' WHERE id = \(bind: tenant.id)").run()
                    withUnsafeCurrentTask { $0?.cancel() }
                }
            }
            try await task.value
            #expect(try await store.tenant(named: "committed")?.id == tenant.id)
            #expect(try await store.ensureTenant(named: "after").name == "after", "the writer is free")
        }
    }
}
