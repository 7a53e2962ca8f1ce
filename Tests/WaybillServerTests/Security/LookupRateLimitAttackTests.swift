import Foundation
import HTTPTypes
import Testing
import WaybillCore
@testable import WaybillServer

/// Attack: the public order lookup (`/track`) answers who has an order, given its number and
/// the customer's email or postal code. Behind a proxy, the limiter keyed on the first
/// `X-Forwarded-For` hop, which the client writes: rotating it made every guess a new client.
/// Guessing one order's second factor from many addresses was not limited at all, and a flood of
/// addresses grew the limiter's memory without bound.
/// Defence: `WAYBILL_TRUSTED_PROXIES` names the proxies; the client is the rightmost hop outside
/// them. Wrong second factors are also counted per order (10 an hour, from all clients), and the
/// limiter forgets the least recently failing clients past its capacity.
@Suite("Security: lookup rate limits")
struct LookupRateLimitAttackTests {
    static let proxy = [IPRange("127.0.0.1/32")!]

    static func lookup(_ api: APIClient, _ query: String, forwardedFor: String) async throws -> Int {
        try await api.send(.get, "/track?\(query)", headers: [.init("X-Forwarded-For")!: forwardedFor]).status
    }

    @Test func aClientWritingItsOwnForwardedForHopsIsStillOneClient() async throws {
        try await TestApp.run(over: .live, trustedProxies: Self.proxy) { api, _, _ in
            var statuses: [Int] = []
            for guess in 0..<24 {
                // The client invents the left hop; the proxy (127.0.0.1) appends the address it saw.
                statuses.append(try await Self.lookup(api, "number=NOPE\(guess)", forwardedFor: "198.51.100.\(guess), 203.0.113.9"))
            }
            #expect(statuses.prefix(20).allSatisfy { $0 == 404 })
            #expect(statuses.suffix(4).allSatisfy { $0 == 429 }, "\(statuses)")
            // Another client behind the same proxy is not affected.
            #expect(try await Self.lookup(api, "number=NOPE", forwardedFor: "203.0.113.10") == 404)
        }
    }

    @Test func forwardedForFromAnUntrustedPeerIsIgnored() async throws {
        try await TestApp.run(over: .live) { api, _, _ in
            var statuses: [Int] = []
            for guess in 0..<22 {
                statuses.append(try await Self.lookup(api, "number=NOPE\(guess)", forwardedFor: "203.0.113.\(guess)"))
            }
            #expect(statuses.suffix(2).allSatisfy { $0 == 429 }, "keyed on the peer, whatever the header says")
        }
    }

    @Test func oneOrdersSecondFactorCannotBeGuessedFromManyAddresses() async throws {
        try await TestApp.run(over: .live, trustedProxies: Self.proxy) { api, keys, _ in
            let order = try await api.send(.post, "/v1/orders", key: keys.admin, json: """
                {"order_id":"A-1001","customer":{"email":"jane@example.com","postal_code":"75002"}}
                """)
            #expect(order.status == 201)
            var statuses: [Int] = []
            for guess in 0..<12 {
                statuses.append(try await Self.lookup(api, "order=A-1001&verify=guess\(guess)%40example.com",
                                                      forwardedFor: "203.0.113.\(guess)"))
            }
            #expect(statuses.prefix(10).allSatisfy { $0 == 404 })
            #expect(statuses.suffix(2).allSatisfy { $0 == 429 }, "\(statuses)")
            // Another order is not locked by it.
            #expect(try await Self.lookup(api, "order=B-2002&verify=x%40example.com", forwardedFor: "203.0.113.99") == 404)
        }
    }

    @Test func theLimiterForgetsTheLeastRecentClientsPastItsCapacity() async {
        let limiter = LookupRateLimiter(capacity: 1000)
        for client in 0..<5000 { await limiter.recordFailure("198.51.\(client / 256).\(client % 256)") }
        #expect(await limiter.trackedKeys <= 1000)
        #expect(await limiter.allows("a-new-client"))
    }
}
