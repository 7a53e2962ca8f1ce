import Hummingbird
import Logging
import WaybillCommandSupport
import WaybillCore
import WaybillNotify
import WaybillStore

extension CommandSupport {
    /// Installs the key that encrypts stored secrets (`WAYBILL_SECRET_KEY`, else the key file
    /// beside a SQLite database), after checking that it opens what the database holds: throws
    /// `StartupKeyError` (the server must not start) when it does not. On PostgreSQL without a key
    /// and with nothing sealed the server runs, but saving SMTP or SMS credentials answers 503.
    static func installSecretKey(for url: DatabaseURL, logger: Logger) async throws {
        let box = try await withStore(url, logger: logger) { store in try await StartupSecretKey.resolve(database: url, store: store) }
        guard let box else {
            logger.warning("no secret key: notification channel credentials cannot be stored", metadata: ["reason": "\(SecretBox.environmentVariable) is not set"])
            return
        }
        SecretBoxSource.shared.install(box)
    }

    /// Runs the application until it is asked to stop, then closes the store.
    static func serve(_ app: some ApplicationProtocol, store: any Store) async throws {
        do {
            try await app.runService()
        } catch {
            await store.shutdown()
            throw error
        }
        await store.shutdown()
    }
}
