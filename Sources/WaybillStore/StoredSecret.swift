import WaybillCore

/// Webhook secrets at rest: the inbound endpoints' (carriers' HMAC keys and credentials) and
/// the outbound subscriptions' signing keys. They are needed in plain text to verify and sign,
/// so they are sealed rather than hashed: with the installation's key (`SecretBoxSource`:
/// `WAYBILL_SECRET_KEY`, or the key file `waybill serve` keeps beside a SQLite database), bound
/// to their row, so a value copied to another row does not open. Without a key they are stored
/// as given; values stored so are read as they are and sealed by `sealStoredWebhookSecrets()`
/// once a key is there.
enum StoredSecret {
    static func seal(_ secret: String, row: String, source: SecretBoxSource = .shared) throws -> String {
        guard let box = try? source.box() else { return secret }
        return try box.seal(secret, context: row)
    }

    static func open(_ stored: String, row: String, source: SecretBoxSource = .shared) throws -> String {
        guard SecretBox.isSealed(stored) else { return stored }
        guard let box = try? source.box() else {
            throw StoreError.invalidConfiguration("""
                the secret of \(row) is encrypted and no key is configured: set \(SecretBox.environmentVariable) \
                (or keep the key file beside the SQLite database)
                """)
        }
        return try box.open(stored, context: row)
    }

    static func endpointRow(_ id: String) -> String { "webhook_endpoint:\(id)" }
    static func subscriptionRow(_ id: String) -> String { "webhook_subscription:\(id)" }
}

extension SQLStore {
    @discardableResult
    public func sealStoredWebhookSecrets() async throws -> Int {
        guard (try? SecretBoxSource.shared.box()) != nil else { return 0 }
        return try await backend.transaction { db in
            var sealed = 0
            for row in try await db.raw("SELECT id, secret FROM webhook_endpoints WHERE secret NOT LIKE 'v1:%'").all() {
                let id = try row.text("id")
                let secret = try StoredSecret.seal(try row.text("secret"), row: StoredSecret.endpointRow(id))
                try await db.raw("UPDATE webhook_endpoints SET secret = \(bind: secret) WHERE id = \(bind: id)").run()
                sealed += 1
            }
            for row in try await db.raw("""
                SELECT id, secret, previous_secret FROM webhook_subscriptions
                WHERE secret NOT LIKE 'v1:%' OR previous_secret NOT LIKE 'v1:%'
                """).all() {
                let id = try row.text("id")
                let secret = try StoredSecret.seal(try StoredSecret.open(try row.text("secret"), row: StoredSecret.subscriptionRow(id)),
                                                   row: StoredSecret.subscriptionRow(id))
                let previous = try row.optionalText("previous_secret").map {
                    try StoredSecret.seal(try StoredSecret.open($0, row: StoredSecret.subscriptionRow(id)), row: StoredSecret.subscriptionRow(id))
                }
                try await db.raw("""
                    UPDATE webhook_subscriptions SET secret = \(bind: secret), previous_secret = \(bind: previous) WHERE id = \(bind: id)
                    """).run()
                sealed += 1
            }
            return sealed
        }
    }
}
