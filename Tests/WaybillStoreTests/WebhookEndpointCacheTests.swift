import Foundation
import Testing
import WaybillStore

@Suite("Webhook endpoint cache")
struct WebhookEndpointCacheTests {
    static func endpoint(secret: String) -> WebhookEndpoint {
        WebhookEndpoint(id: "whe_1", tenantID: "ten_1", carrier: "ups", secret: secret, createdAt: Date(), secretRotatedAt: nil)
    }

    @Test func entriesExpireAndRemovalIsImmediate() async throws {
        let cache = WebhookEndpointCache(timeToLive: .milliseconds(100))
        cache.insert(Self.endpoint(secret: "a"), readAfter: cache.invalidations)
        #expect(cache.endpoint(id: "whe_1")?.secret == "a")
        cache.remove(id: "whe_1")
        #expect(cache.endpoint(id: "whe_1") == nil)

        cache.insert(Self.endpoint(secret: "b"), readAfter: cache.invalidations)
        #expect(cache.endpoint(id: "whe_1")?.secret == "b")
        try await Task.sleep(for: .milliseconds(150))
        #expect(cache.endpoint(id: "whe_1") == nil, "an entry older than its time to live is not used")
    }

    @Test func aLookupThatRacedARotationIsNotCached() {
        let cache = WebhookEndpointCache(timeToLive: .seconds(60))
        let readStarted = cache.invalidations
        // The rotation commits and drops the entry while the lookup still holds the old row.
        cache.remove(id: "whe_1")
        cache.insert(Self.endpoint(secret: "old"), readAfter: readStarted)
        #expect(cache.endpoint(id: "whe_1") == nil)
    }
}
