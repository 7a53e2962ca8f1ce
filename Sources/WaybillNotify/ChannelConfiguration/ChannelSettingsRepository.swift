import Foundation
import WaybillCore
import WaybillStore

/// What to do with a channel's stored secret (SMTP password, SMS auth token) when its settings are saved.
public enum SecretUpdate: Sendable, Equatable {
    /// Keep the secret stored before (the request did not mention it).
    case keep
    case clear
    case set(String)
}

/// Saves and reads channel settings, sealing and opening their secrets with the installation's key.
public struct ChannelSettingsRepository: Sendable {
    public let store: any ChannelStore
    public let secrets: SecretBoxSource

    public init(store: any ChannelStore, secrets: SecretBoxSource = .shared) {
        self.store = store
        self.secrets = secrets
    }

    /// Binds a sealed secret to its tenant and channel: copied to another row, it does not open.
    static func sealingContext(kind: ChannelKind, tenantID: String) -> String {
        "waybill.notification_channel.\(kind.rawValue).\(tenantID)"
    }

    @discardableResult
    public func save(_ kind: ChannelKind, tenantID: String, settings: JSONValue, secret: SecretUpdate,
                     actor: String) async throws -> StoredChannelSettings {
        let sealed: String?
        switch secret {
        case .keep:
            sealed = try await store.channelSettings(tenantID: tenantID, kind: kind.rawValue)?.sealedSecret
        case .clear:
            sealed = nil
        case .set(let plaintext):
            sealed = try secrets.box().seal(plaintext, context: Self.sealingContext(kind: kind, tenantID: tenantID))
        }
        return try await store.saveChannelSettings(tenantID: tenantID, kind: kind.rawValue, settings: settings,
                                                   sealedSecret: sealed, actor: actor)
    }

    public func settings(_ kind: ChannelKind, tenantID: String) async throws -> StoredChannelSettings? {
        try await store.channelSettings(tenantID: tenantID, kind: kind.rawValue)
    }

    /// The decrypted secret of stored settings, nil when none is stored.
    public func secret(of stored: StoredChannelSettings) throws -> String? {
        guard let sealed = stored.sealedSecret, let kind = ChannelKind(rawValue: stored.kind) else { return nil }
        return try secrets.box().open(sealed, context: Self.sealingContext(kind: kind, tenantID: stored.tenantID))
    }

    public func delete(_ kind: ChannelKind, tenantID: String, actor: String) async throws -> Bool {
        try await store.deleteChannelSettings(tenantID: tenantID, kind: kind.rawValue, actor: actor)
    }
}
