import Foundation

/// One secret the database holds sealed with the installation's key, with the context it was
/// sealed under: enough to tell at start whether a key is the one the database was sealed with.
public struct SealedSecretSample: Sendable, Equatable {
    public var value: String
    public var context: String
    /// What holds it, for a message (`webhook endpoint wep_...`); never the value.
    public var holder: String

    public init(value: String, context: String, holder: String) {
        self.value = value
        self.context = context
        self.holder = holder
    }
}

extension SQLStore {
    /// One sealed secret of each kind the database holds (webhook endpoint, webhook
    /// subscription, notification channel), none when nothing is sealed. Channel secrets are
    /// sealed by WaybillNotify, which names their context.
    public func sealedSecretSamples(channelContext: @Sendable (_ kind: String, _ tenantID: String) -> String) async throws -> [SealedSecretSample] {
        try await backend.read { db in
            var samples: [SealedSecretSample] = []
            if let row = try await db.raw("SELECT id, secret FROM webhook_endpoints WHERE secret LIKE 'v1:%' LIMIT 1").first() {
                let id = try row.text("id")
                samples.append(SealedSecretSample(value: try row.text("secret"), context: StoredSecret.endpointRow(id),
                                                  holder: "webhook endpoint \(id)"))
            }
            if let row = try await db.raw("SELECT id, secret FROM webhook_subscriptions WHERE secret LIKE 'v1:%' LIMIT 1").first() {
                let id = try row.text("id")
                samples.append(SealedSecretSample(value: try row.text("secret"), context: StoredSecret.subscriptionRow(id),
                                                  holder: "webhook subscription \(id)"))
            }
            if let row = try await db.raw("""
                SELECT tenant_id, kind, sealed_secret FROM notification_channels WHERE sealed_secret LIKE 'v1:%' LIMIT 1
                """).first() {
                let tenantID = try row.text("tenant_id"), kind = try row.text("kind")
                samples.append(SealedSecretSample(value: try row.text("sealed_secret"), context: channelContext(kind, tenantID),
                                                  holder: "\(kind) channel of tenant \(tenantID)"))
            }
            return samples
        }
    }
}
