import Foundation
import SQLKit
import Testing
@testable import WaybillStore
import WaybillTestSupport

/// Attack (by circumstance): a power cut right after Waybill answered a carrier's webhook 202.
/// The carrier never sends it again, so a body acknowledged but not yet on disk is lost for good.
/// Defence: on SQLite, webhook bodies commit to the inbox with `synchronous = FULL`, so the 202
/// follows an fsync of what it acknowledges; group commit shares the fsync among a batch
/// (`docs/performance.md` has the ack latency). On PostgreSQL a commit is durable by default.
@Suite("Security: acknowledged means durable")
struct AcknowledgementDurabilityTests {
    @Test func theInboxThatAnswersWebhooksWaitsForTheDiskOnEveryCommit() async throws {
        try await TestDatabase.sqlite.withStore { store in
            let inbox = try #require(store.backend.inbox, "webhook receives go through the inbox on SQLite")
            let synchronous = try await inbox.database.transaction { db in
                try await db.raw("PRAGMA synchronous").first().map { try $0.decode(column: "synchronous", as: Int.self) }
            }
            #expect(synchronous == 2, "FULL: the commit returns after an fsync")

            // And a received body is in the inbox file as soon as `receive` returns.
            let tenant = try await store.ensureTenant(named: "acme")
            let raw = NewRawPayload(source: .webhook, carrier: "ups", contentType: "application/json", body: Data("{\"scan\":1}".utf8))
            let received = try await store.receive(raw, tenantID: tenant.id, parseJobKind: "parse_raw_payload")
            let kept = try await inbox.database.read { db in
                try await db.raw("SELECT id FROM inbox WHERE id = \(bind: received.rawPayloadID)").first() != nil
            }
            #expect(kept)
        }
    }
}
