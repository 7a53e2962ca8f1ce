import Hummingbird
import WaybillStore

extension CommandSupport {
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
