import Synchronization

/// Webhook endpoints by id for a few seconds, so a burst of posts costs one lookup rather than
/// one each. A rotation or deletion through this process drops the entry at once; through
/// another instance it is seen here within `timeToLive` (until then a deleted endpoint or the
/// old secret still works here, a bounded grace like any cache; a post signed with the new
/// secret re-reads the endpoint rather than being refused). Unknown ids are not cached.
public final class WebhookEndpointCache: Sendable {
    private let timeToLive: Duration
    private let state = Mutex(State())
    private static let maxEntries = 10_000

    private struct State {
        var entries: [String: (endpoint: WebhookEndpoint, expires: ContinuousClock.Instant)] = [:]
        /// Counts removals, so a lookup that raced a rotation does not cache what it read before.
        var invalidations: UInt64 = 0
    }

    public init(timeToLive: Duration) {
        self.timeToLive = timeToLive
    }

    public func endpoint(id: String) -> WebhookEndpoint? {
        let now = ContinuousClock.now
        return state.withLock { state in
            guard let entry = state.entries[id] else { return nil }
            guard entry.expires > now else {
                state.entries[id] = nil
                return nil
            }
            return entry.endpoint
        }
    }

    /// Taken before reading an endpoint from the store, for `insert(_:readAfter:)`.
    public var invalidations: UInt64 {
        state.withLock { $0.invalidations }
    }

    /// Caches `endpoint` unless an entry was removed since `invalidations` was `readAfter`.
    public func insert(_ endpoint: WebhookEndpoint, readAfter invalidations: UInt64) {
        let expires = ContinuousClock.now + timeToLive
        state.withLock { state in
            guard state.invalidations == invalidations else { return }
            if state.entries.count >= Self.maxEntries { state.entries.removeAll() }
            state.entries[endpoint.id] = (endpoint, expires)
        }
    }

    public func remove(id: String) {
        state.withLock { state in
            state.entries[id] = nil
            state.invalidations &+= 1
        }
    }
}
