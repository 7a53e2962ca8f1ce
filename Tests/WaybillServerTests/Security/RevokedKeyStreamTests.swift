import Foundation
import Testing
import WaybillCore
import WaybillServer
import WaybillStore

/// Attack: a support agent's key is revoked (they left, or it leaked) while a browser tab holds
/// `GET /v1/notifications/stream` open: the stream kept delivering the tenant's notifications.
/// Defence: a stream checks its key again while it runs (every 30 s by default) and ends with an
/// `event: revoked` when it no longer is live; every stream also ends after an hour at most.
@Suite("Security: streams of revoked keys")
struct RevokedKeyStreamTests {
    @Test func aStreamEndsSoonAfterItsKeyIsRevoked() async throws {
        let limits = StreamLimits(keyCheckInterval: .milliseconds(300), maxLifetime: .seconds(60))
        try await TestApp.run(over: .live, streamLimits: limits) { api, keys, store in
            let tenant = try #require(try await store.tenant(named: "acme"))
            let support = try #require(try await store.apiKeys(tenantID: tenant.id).first { $0.role == .support })
            async let streamed = api.send(.get, "/v1/notifications/stream", key: keys.support)
            try await Task.sleep(for: .milliseconds(500))
            #expect(try await store.revokeAPIKey(id: support.id, tenantID: nil, actor: "test"))
            let started = ContinuousClock.now
            let response = try await streamed
            #expect(ContinuousClock.now - started < .seconds(5), "the stream ended after the revocation")
            #expect(String(decoding: response.body, as: UTF8.self).contains("event: revoked"))
        }
    }

    @Test func aStreamEndsAfterItsLifetime() async throws {
        let limits = StreamLimits(keyCheckInterval: .seconds(30), maxLifetime: .milliseconds(700))
        try await TestApp.run(over: .live, streamLimits: limits) { api, keys, _ in
            let started = ContinuousClock.now
            let response = try await api.send(.get, "/v1/notifications/stream", key: keys.support)
            #expect(response.status == 200)
            #expect(ContinuousClock.now - started < .seconds(10))
        }
    }
}
