import AsyncHTTPClient
import Foundation
import Logging
import WaybillCore
import WaybillStore

/// The tenants' person channels, built from their stored settings (secrets decrypted on use).
/// Settings that cannot be used (they no longer validate, or the secret does not open with the
/// current key) throw a permanent `DeliveryFailure` that says why.
public struct StoredChannelProvider: PersonChannelProvider {
    public let repository: ChannelSettingsRepository
    private let httpClient: HTTPClient
    private let logger: Logger

    public init(store: any ChannelStore, secrets: SecretBoxSource = .shared, httpClient: HTTPClient = DeliveryHTTPClient.shared,
                logger: Logger = Logger(label: "waybill.notify.channels")) {
        self.repository = ChannelSettingsRepository(store: store, secrets: secrets)
        self.httpClient = httpClient
        self.logger = logger
    }

    public func channel(_ kind: ChannelKind, tenantID: String) async throws -> (any PersonChannel)? {
        switch kind {
        case .email:
            guard let stored = try await repository.settings(.email, tenantID: tenantID) else { return nil }
            let settings = try usable(kind) { () throws -> EmailChannelSettings in try EmailChannelSettings(json: stored.settings) }
            let password = try usable(kind) { try repository.secret(of: stored) }
            return EmailChannel(configuration: settings.configuration(password: password), logger: logger)
        case .sms:
            guard let stored = try await repository.settings(.sms, tenantID: tenantID) else { return nil }
            let settings = try usable(kind) { () throws -> SMSChannelSettings in try SMSChannelSettings(json: stored.settings) }
            guard let token = try usable(kind, { try repository.secret(of: stored) }) else {
                throw DeliveryFailure(reason: "sms channel settings have no auth_token", retryable: false)
            }
            return SMSChannel(configuration: settings.configuration(authToken: token), httpClient: httpClient, logger: logger)
        case .webhook, .inApp:
            return nil
        }
    }

    private func usable<T>(_ kind: ChannelKind, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw DeliveryFailure(reason: "\(kind.rawValue) channel settings cannot be used: \(error)", retryable: false)
        }
    }
}
