import Hummingbird
import Logging
import WaybillCommandSupport
import WaybillCore
import WaybillNotify
import WaybillStore

extension CommandSupport {
    /// Installs the key that encrypts stored channel credentials (`WAYBILL_SECRET_KEY`, else the
    /// key file beside a SQLite database). Without one the server runs, but saving SMTP or SMS
    /// credentials answers 503 until a key is configured.
    static func installSecretKey(for url: DatabaseURL, logger: Logger) {
        do {
            SecretBoxSource.shared.install(try SecretKeyResolver.resolve(database: url))
        } catch {
            logger.warning("no secret key: notification channel credentials cannot be stored", metadata: ["reason": "\(error)"])
        }
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
