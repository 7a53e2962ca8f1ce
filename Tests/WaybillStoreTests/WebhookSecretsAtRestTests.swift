import Foundation
import SQLKit
import Testing
import WaybillCore
@testable import WaybillStore
import WaybillTestSupport

/// Webhook secrets are sealed with the installation's key in the database and read back in
/// plain text; values stored in plain text before a key existed still read, and get sealed.
@Suite("Webhook secrets at rest")
struct WebhookSecretsAtRestTests {
    static func stored(_ store: SQLStore, _ table: String, _ column: String, id: String) async throws -> String? {
        try await store.backend.read { db in
            try await db.raw("SELECT \(ident: column) AS value FROM \(ident: table) WHERE id = \(bind: id)").first()?.optionalText("value")
        }
    }

    static func setStored(_ store: SQLStore, _ table: String, _ column: String, id: String, to value: String) async throws {
        try await store.backend.transaction { db in
            try await db.raw("UPDATE \(ident: table) SET \(ident: column) = \(bind: value) WHERE id = \(bind: id)").run()
        }
    }

    @Test(arguments: TestDatabase.available)
    func endpointSecretsAreSealedInTheDatabaseAndUsedInPlain(_ database: TestDatabase) async throws {
        try TestSecretKey.installShared()
        try await database.withStore { store in
            let tenant = try await store.ensureTenant(named: "acme")
            let endpoint = try await store.createWebhookEndpoint(tenantID: tenant.id, carrier: "ups", actor: "test")
            let column = try #require(try await Self.stored(store, "webhook_endpoints", "secret", id: endpoint.id))
            #expect(SecretBox.isSealed(column) && !column.contains(endpoint.secret))
            #expect(try await store.webhookEndpoint(id: endpoint.id)?.secret == endpoint.secret)

            let rotated = try await store.rotateWebhookSecret(id: endpoint.id, tenantID: tenant.id, actor: "test")
            #expect(rotated.secret != endpoint.secret && !rotated.secret.hasPrefix("v1:"))
            #expect(try await store.webhookEndpoints(tenantID: tenant.id).map(\.secret) == [rotated.secret])
            #expect(SecretBox.isSealed(try #require(try await Self.stored(store, "webhook_endpoints", "secret", id: endpoint.id))))

            // UPS Track Alert subscriptions send the endpoint's secret as their credential.
            _ = try await store.registerShipment(NewShipment(tenantID: tenant.id, trackingNumber: "1Z999AA10123456784",
                                                             carrier: "ups", actor: "test"))
            let due = try await store.dueSubscriptions(carrier: "ups", limit: 10, now: Date())
            #expect(due.map(\.credential) == [rotated.secret])
        }
    }

    @Test(arguments: TestDatabase.available)
    func subscriptionSecretsAreSealedAndSignWithTheirPlainValue(_ database: TestDatabase) async throws {
        try TestSecretKey.installShared()
        try await database.withStore { store in
            let tenant = try await store.ensureTenant(named: "acme")
            let subscription = try await store.createWebhookSubscription(
                tenantID: tenant.id, url: "http://127.0.0.1:9/hook", eventTypes: [.shipmentStatusChanged], actor: "test")
            let rotated = try await store.rotateWebhookSubscriptionSecret(id: subscription.id, tenantID: tenant.id, overlap: 3600,
                                                                           actor: "test")
            #expect(rotated.previousSecret == subscription.secret)
            for column in ["secret", "previous_secret"] {
                let value = try #require(try await Self.stored(store, "webhook_subscriptions", column, id: subscription.id))
                #expect(SecretBox.isSealed(value), "\(column)")
            }

            // The delivery worker gets both secrets in plain text with the message it signs.
            let shipment = try await store.registerShipment(NewShipment(tenantID: tenant.id, trackingNumber: "1Z999AA10123456784",
                                                                        carrier: "ups", actor: "test")).shipment
            try await store.transaction { transaction in
                try await transaction.enqueue(NewOutboxMessage(
                    id: "msg_secrets", tenantID: tenant.id, channel: .webhook, targetID: subscription.id, shipmentID: shipment.id,
                    orderRef: nil, eventType: "shipment.status_changed", sequence: 1, orderingKey: "\(subscription.id):\(shipment.id)",
                    body: "{}", deliverAt: Date(), dedupeKey: nil, collapseKey: nil, createdAt: Date()))
            }
            let messages = try await store.claimNotifications(limit: 10, owner: "t", leaseDuration: 60, now: Date().addingTimeInterval(60))
            let signing = try #require(messages.first?.subscription)
            #expect(signing.secret == rotated.secret && signing.previousSecret == subscription.secret)
        }
    }

    @Test func plainSecretsFromBeforeAKeyStillReadAndAreSealedOnce() async throws {
        try TestSecretKey.installShared()
        try await TestDatabase.sqlite.withStore { store in
            let tenant = try await store.ensureTenant(named: "acme")
            let endpoint = try await store.createWebhookEndpoint(tenantID: tenant.id, carrier: "ups", actor: "test")
            let subscription = try await store.createWebhookSubscription(
                tenantID: tenant.id, url: "http://127.0.0.1:9/hook", eventTypes: [.shipmentStatusChanged], actor: "test")
            try await Self.setStored(store, "webhook_endpoints", "secret", id: endpoint.id, to: "legacy-endpoint-secret")
            try await Self.setStored(store, "webhook_subscriptions", "secret", id: subscription.id, to: "whsec_legacy")
            #expect(try await store.webhookEndpoint(id: endpoint.id)?.secret == "legacy-endpoint-secret")

            #expect(try await store.sealStoredWebhookSecrets() == 2)
            #expect(try await store.sealStoredWebhookSecrets() == 0, "sealed values are left alone")
            #expect(SecretBox.isSealed(try #require(try await Self.stored(store, "webhook_endpoints", "secret", id: endpoint.id))))
            #expect(try await store.webhookEndpoint(id: endpoint.id)?.secret == "legacy-endpoint-secret")
            #expect(try await store.webhookSubscription(id: subscription.id, tenantID: tenant.id)?.secret == "whsec_legacy")
        }
    }

    @Test func aSealedSecretCopiedToAnotherRowDoesNotOpen() async throws {
        try TestSecretKey.installShared()
        try await TestDatabase.sqlite.withStore { store in
            let tenant = try await store.ensureTenant(named: "acme")
            let first = try await store.createWebhookEndpoint(tenantID: tenant.id, carrier: "ups", actor: "test")
            let second = try await store.createWebhookEndpoint(tenantID: tenant.id, carrier: "fedex", actor: "test")
            let sealed = try #require(try await Self.stored(store, "webhook_endpoints", "secret", id: first.id))
            try await Self.setStored(store, "webhook_endpoints", "secret", id: second.id, to: sealed)
            await #expect(throws: SecretBoxError.self) { try await store.webhookEndpoint(id: second.id) }
        }
    }

    @Test func aSealedSecretWithoutAKeySaysWhatToSet() throws {
        let sealed = try SecretBox(base64Key: TestSecretKey.base64).seal("s", context: StoredSecret.endpointRow("whe_1"))
        #expect(throws: StoreError.self) { try StoredSecret.open(sealed, row: StoredSecret.endpointRow("whe_1"), source: SecretBoxSource()) }
        #expect(try StoredSecret.seal("plain", row: "x", source: SecretBoxSource()) == "plain", "no key: stored as given")
    }
}
