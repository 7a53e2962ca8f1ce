import Foundation
import Testing
import WaybillCore
@testable import WaybillStore
import WaybillTestSupport

/// The store's side of OAuth clients (issue 17) on SQLite and PostgreSQL: only the secret's hash
/// is kept, deleted clients are no longer live, another tenant cannot delete them, and creation and
/// deletion are audited.
@Suite("OAuth client store")
struct OAuthClientStoreTests {
    @Test(arguments: TestDatabase.available)
    func clientsAreMadeFoundListedAndDeleted(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let acme = try await store.ensureTenant(named: "acme")
            let globex = try await store.ensureTenant(named: "globex")
            let secret = OAuthClientSecret.generate()
            let client = try await store.createOAuthClient(NewOAuthClient(
                tenantID: acme.id, name: "erp", role: .integration, secretHash: secret.hash, actor: "cli"))
            #expect(Identifier.isValid(client.id, kind: .oauthClient))
            _ = try await store.createOAuthClient(NewOAuthClient(tenantID: globex.id, name: nil, role: .viewer,
                                                                 secretHash: OAuthClientSecret.generate().hash, actor: "cli"))

            let live = try #require(try await store.liveOAuthClient(id: client.id))
            #expect(live.client.id == client.id && live.client.tenantID == acme.id && live.client.role == .integration)
            #expect(live.client.name == "erp" && live.client.deletedAt == nil && live.client.lastUsedAt == nil)
            #expect(live.secretHash == secret.hash && live.secretHash != secret.secret)
            #expect(try await store.oauthClients(tenantID: acme.id, includingDeleted: false).map(\.id) == [client.id])
            #expect(try await store.oauthClients(tenantID: nil, includingDeleted: false).count == 2)

            let used = Date(timeIntervalSince1970: 1_800_000_000)
            try await store.markOAuthClientUsed(id: client.id, tenantID: acme.id, at: used)
            #expect(try await store.liveOAuthClient(id: client.id)?.client.lastUsedAt == used)

            #expect(try await store.deleteOAuthClient(id: client.id, tenantID: globex.id, actor: "api_key:x") == false)
            #expect(try await store.deleteOAuthClient(id: client.id, tenantID: acme.id, actor: "api_key:key_1"))
            #expect(try await store.liveOAuthClient(id: client.id) == nil)
            #expect(try await store.deleteOAuthClient(id: client.id, tenantID: nil, actor: "cli") == false)
            #expect(try await store.oauthClients(tenantID: acme.id, includingDeleted: false).isEmpty)
            let kept = try await store.oauthClients(tenantID: acme.id, includingDeleted: true)
            #expect(kept.count == 1 && kept.first?.deletedAt != nil)

            let trail = try await store.auditTrail(tenantID: acme.id, subjectID: client.id)
            #expect(trail.map(\.action) == ["oauth_client.created", "oauth_client.deleted"])
            #expect(trail.map(\.actor) == ["cli", "api_key:key_1"])
        }
    }
}
