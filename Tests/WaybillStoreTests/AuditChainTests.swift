import Crypto
import Foundation
import SQLKit
import Testing
import WaybillCore
@testable import WaybillStore
import WaybillTestSupport

/// The audit log is a hash chain per tenant: every edit, deletion or reordering of an entry, and
/// a log cut off before an anchor, is found by `verifyAuditChain`, which names the first entry.
@Suite("Tamper-evident audit log")
struct AuditChainTests {
    /// A tenant with a few audited actions: keys created and revoked, payloads received.
    static func seed(_ store: SQLStore, named name: String = "acme") async throws -> Tenant {
        let tenant = try await store.ensureTenant(named: name)
        for n in 0..<3 {
            let material = APIKeyMaterial.generate()
            let key = try await store.createAPIKey(NewAPIKey(tenantID: tenant.id, prefix: material.prefix, secretHash: material.hash, role: .viewer))
            if n == 1 { #expect(try await store.revokeAPIKey(id: key.id, tenantID: tenant.id, actor: "test")) }
        }
        for n in 0..<2 {
            let raw = NewRawPayload(source: .webhook, carrier: "ups", contentType: "application/json", body: Data("{\"n\":\(n)}".utf8))
            _ = try await store.receive(raw, tenantID: tenant.id, parseJobKind: "parse_raw_payload")
        }
        try await store.moveInbox()
        return tenant
    }

    static func tamper(_ store: SQLStore, _ statement: SQLQueryString) async throws {
        try await store.backend.transaction { db in try await db.raw(statement).run() }
    }

    @Test(arguments: TestDatabase.available)
    func everyEntryIsChainedAndReceivedPayloadsAreLogged(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let tenant = try await Self.seed(store)
            let entries = try await store.auditLog(AuditLogQuery(tenantID: tenant.id))
            #expect(entries.map(\.chainSeq) == (1...6).map { Int64($0) })
            #expect(entries.first?.prevHash == AuditChain.genesis)
            for (previous, entry) in zip(entries, entries.dropFirst()) { #expect(entry.prevHash == previous.hash) }
            let received = entries.filter { $0.action == "raw_payload.received" }
            #expect(received.count == 2)
            let details = try #require(received.first.map { try JSONValue.parse(Data($0.details.utf8)) })
            #expect(details["sha256"]?.stringValue == SHA256.hex(Data("{\"n\":0}".utf8)) && details["source"]?.stringValue == "webhook")

            let verification = try await store.verifyAuditChain(tenantID: tenant.id, anchor: nil)
            #expect(verification.problem == nil && verification.entriesChecked == 6 && verification.head?.chainSeq == 6)
            // Another tenant's chain is its own.
            let other = try await store.ensureTenant(named: "globex")
            let material = APIKeyMaterial.generate()
            _ = try await store.createAPIKey(NewAPIKey(tenantID: other.id, prefix: material.prefix, secretHash: material.hash, role: .admin))
            #expect(try await store.auditLog(AuditLogQuery(tenantID: other.id)).map(\.chainSeq) == [1])
        }
    }

    @Test(arguments: TestDatabase.available)
    func anEditedEntryIsNamed(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let tenant = try await Self.seed(store)
            try await Self.tamper(store, "UPDATE audit_log SET actor = 'someone else' WHERE tenant_id = \(bind: tenant.id) AND chain_seq = 3")
            let problem = try #require(try await store.verifyAuditChain(tenantID: tenant.id, anchor: nil).problem)
            #expect(problem.chainSeq == 3 && problem.reason.contains("edited"), "\(problem)")
        }
    }

    @Test(arguments: TestDatabase.available)
    func aDeletedEntryIsNamed(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let tenant = try await Self.seed(store)
            try await Self.tamper(store, "DELETE FROM audit_log WHERE tenant_id = \(bind: tenant.id) AND chain_seq = 4")
            let problem = try #require(try await store.verifyAuditChain(tenantID: tenant.id, anchor: nil).problem)
            #expect(problem.chainSeq == 5 && problem.reason.contains("missing"), "\(problem)")
        }
    }

    @Test(arguments: TestDatabase.available)
    func reorderedEntriesAreNamed(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let tenant = try await Self.seed(store)
            // Entries 2 and 3 swap places, each keeping its own hashes.
            try await Self.tamper(store, "UPDATE audit_log SET chain_seq = -2 WHERE tenant_id = \(bind: tenant.id) AND chain_seq = 2")
            try await Self.tamper(store, "UPDATE audit_log SET chain_seq = 2 WHERE tenant_id = \(bind: tenant.id) AND chain_seq = 3")
            try await Self.tamper(store, "UPDATE audit_log SET chain_seq = 3 WHERE tenant_id = \(bind: tenant.id) AND chain_seq = -2")
            let problem = try #require(try await store.verifyAuditChain(tenantID: tenant.id, anchor: nil).problem)
            #expect(problem.chainSeq == 2 && problem.reason.contains("reordered"), "\(problem)")
        }
    }

    @Test(arguments: TestDatabase.available)
    func aRewrittenTailIsCaughtByAnAnchor(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let tenant = try await Self.seed(store)
            let anchor = try #require(try await store.anchorAuditChain(tenantID: tenant.id, actor: "test"))
            #expect(anchor.chainSeq == 6)
            #expect(try await store.auditLog(AuditLogQuery(tenantID: tenant.id)).last?.action == "audit.anchored")
            #expect(try await store.verifyAuditChain(tenantID: tenant.id, anchor: anchor).problem == nil)

            // Cutting off the end leaves a consistent chain; only the anchor shows it.
            try await Self.tamper(store, "DELETE FROM audit_log WHERE tenant_id = \(bind: tenant.id) AND chain_seq >= 5")
            #expect(try await store.verifyAuditChain(tenantID: tenant.id, anchor: nil).problem == nil)
            let cut = try #require(try await store.verifyAuditChain(tenantID: tenant.id, anchor: anchor).problem)
            #expect(cut.chainSeq == 6 && cut.reason.contains("cut off"), "\(cut)")
            let forged = AuditAnchor(tenantID: tenant.id, chainSeq: 3, hash: String(repeating: "a", count: 64), at: Date())
            #expect(try await store.verifyAuditChain(tenantID: tenant.id, anchor: forged).problem?.chainSeq == 3)
        }
    }

    @Test(arguments: TestDatabase.available)
    func anEntryWrittenOutsideWaybillIsNamed(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let tenant = try await Self.seed(store)
            try await Self.tamper(store, """
                INSERT INTO audit_log (id, tenant_id, actor, action, subject_type, subject_id, details, at)
                VALUES ('aud_forged', \(bind: tenant.id), 'cli', 'api_key.created', 'api_key', 'key_x', '{}', '2026-01-01T00:00:00Z')
                """)
            let problem = try #require(try await store.verifyAuditChain(tenantID: tenant.id, anchor: nil).problem)
            #expect(problem.entryID == "aud_forged" && problem.reason.contains("not in the chain"), "\(problem)")
        }
    }

    /// Entries written before the chain existed are chained by the migration, in the order written.
    @Test(arguments: TestDatabase.available)
    func theMigrationChainsEarlierEntries(_ database: TestDatabase) async throws {
        try await database.withStore(migrate: false) { store in
            try await store.migrate(through: 17)
            let tenant = try await store.ensureTenant(named: "acme")
            try await Self.tamper(store, """
                INSERT INTO audit_log (id, tenant_id, actor, action, subject_type, subject_id, details, at)
                VALUES ('aud_1', \(bind: tenant.id), 'cli', 'api_key.created', 'api_key', 'key_1', '{"role":"admin"}', '2026-01-01T00:00:00Z'),
                       ('aud_2', \(bind: tenant.id), 'cli', 'api_key.revoked', 'api_key', 'key_1', '{}', '2026-01-02T00:00:00Z')
                """)
            try await store.migrate()
            let entries = try await store.auditLog(AuditLogQuery(tenantID: tenant.id))
            #expect(entries.map(\.id) == ["aud_1", "aud_2"] && entries.map(\.chainSeq) == [1, 2])
            let material = APIKeyMaterial.generate()
            _ = try await store.createAPIKey(NewAPIKey(tenantID: tenant.id, prefix: material.prefix, secretHash: material.hash, role: .admin))
            let verification = try await store.verifyAuditChain(tenantID: tenant.id, anchor: nil)
            #expect(verification.problem == nil && verification.entriesChecked == 3)
        }
    }

    /// docs/security.md's grants: `audit_log` owned by another role, the application's role may
    /// only read and insert; Waybill's audited writes still work, changing the log does not.
    @Test(.enabled(if: TestDatabase.postgresURL != nil, "\(TestDatabase.skipReason)"))
    func postgresGrantsLetTheApplicationAppendButNotChangeTheLog() async throws {
        try await AuditLogGrants.withStores { _, store in
            let tenant = try await store.ensureTenant(named: "acme")
            let material = APIKeyMaterial.generate()
            let key = try await store.createAPIKey(NewAPIKey(tenantID: tenant.id, prefix: material.prefix, secretHash: material.hash, role: .admin))
            #expect(try await store.revokeAPIKey(id: key.id, tenantID: tenant.id, actor: "test"))
            #expect(try await store.verifyAuditChain(tenantID: tenant.id, anchor: nil).entriesChecked == 2)
            for change in ["UPDATE audit_log SET actor = 'x'", "DELETE FROM audit_log", "TRUNCATE audit_log"] {
                await #expect(throws: (any Error).self, "\(change)") {
                    try await store.backend.transaction { db in try await db.raw("\(unsafeRaw: change)").run() }
                }
            }
            #expect(try await store.verifyAuditChain(tenantID: tenant.id, anchor: nil).problem == nil)
        }
    }
}

@Suite("Audit details")
struct AuditDetailsTests {
    @Test func detailsAreJSONThatParsesBackToTheSameStrings() throws {
        let details = ["b": "quote \" backslash \\ newline \n tab \t bell \u{07}", "a": "ünïcödé 📦", "": ""]
        let text = AuditDetails.json(details)
        #expect(text.hasPrefix(#"{"":"","a":"#))
        let parsed = try JSONValue.parse(Data(text.utf8))
        #expect(parsed == JSONValue.strings(details))
        #expect(AuditDetails.json([:]) == "{}")
    }
}
