import Foundation
import WaybillCore

/// Per-tenant notification channel settings (SMTP, SMS provider), secrets encrypted at rest (issue 6).
public protocol ChannelStore: Sendable {
    /// The tenant's settings of one channel kind (`email`, `sms`), or nil when not configured.
    func channelSettings(tenantID: String, kind: String) async throws -> StoredChannelSettings?
    /// Creates or replaces the tenant's settings of `kind`, recording who did it in the audit log.
    @discardableResult
    func saveChannelSettings(tenantID: String, kind: String, settings: JSONValue, sealedSecret: String?,
                             actor: String) async throws -> StoredChannelSettings
    /// Removes the settings; false when there were none.
    func deleteChannelSettings(tenantID: String, kind: String, actor: String) async throws -> Bool
    /// The tenant by id (its name brands the messages).
    func tenant(id: String) async throws -> Tenant?
}

/// One channel's settings as stored: the plain settings and the secret sealed by `SecretBox`.
public struct StoredChannelSettings: Sendable, Hashable {
    public var tenantID: String
    public var kind: String
    /// The non-secret settings, a JSON object.
    public var settings: JSONValue
    /// The password or token, encrypted; never returned by the API.
    public var sealedSecret: String?
    public var createdAt: Date
    public var updatedAt: Date

    public init(tenantID: String, kind: String, settings: JSONValue, sealedSecret: String?, createdAt: Date, updatedAt: Date) {
        self.tenantID = tenantID
        self.kind = kind
        self.settings = settings
        self.sealedSecret = sealedSecret
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
