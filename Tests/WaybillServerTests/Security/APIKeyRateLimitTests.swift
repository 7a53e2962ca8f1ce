import AsyncHTTPClient
import Foundation
import Testing
import WaybillCore
@testable import WaybillServer

/// Attack: one API key (a leaked one, or a merchant's runaway script) sends requests as fast as it
/// can; every one of them reaches the store, and the instance slows down for every tenant.
/// Defence: each key has a token bucket (its own limit, set with `keys create --rate-limit`, else
/// the server's `WAYBILL_API_RATE_PER_SECOND` / `WAYBILL_API_RATE_BURST`): past it, 429 with
/// `Retry-After`; every answer says where the key stands in `RateLimit-*` headers.
@Suite("Attack: one API key floods the API", .serialized)
struct APIKeyRateLimitTests {
    @Test(.enabled(if: WaybillProcess.isBuilt, "the waybill executable is not built (swift build --build-tests builds it)"))
    func aFloodingKeyGets429sWithRetryAfterAndOtherKeysAreUnaffected() async throws {
        let served = try ServedWaybill()
        defer { served.remove() }
        let flooder = try served.adminKey(tenant: "acme")
        let created = try WaybillProcess.run(["keys", "create", "--tenant", "acme", "--role", "integration", "--json",
                                              "--rate-limit", "100", "--burst", "200", "--database", served.database])
        let ownLimit = try JSONValue.parse(Data(created.output.utf8))
        #expect(ownLimit["rate_limit"]?["per_second"] == .number(100) && ownLimit["rate_limit"]?["burst"] == .number(200))
        let generous = try #require(ownLimit["key"]?.stringValue)
        let listed = try WaybillProcess.run(["keys", "list", "--database", served.database]).output
        #expect(listed.contains("100 requests/s, burst 200") && listed.contains("default"), "\(listed)")

        // One request per 5 s after a burst of 10: a slow machine cannot refill the bucket as fast as it is emptied.
        try await served.start(environment: ["WAYBILL_API_RATE_PER_SECOND": "0.2", "WAYBILL_API_RATE_BURST": "10"])

        let started = Date()
        var answers: [Answer] = []
        while answers.count < 100, answers.last?.status != 429 {
            answers.append(try await Self.get(served, "/v1/shipments", key: flooder))
        }
        let elapsed = Date().timeIntervalSince(started)
        let allowed = answers.filter { $0.status == 200 }.count
        #expect(allowed >= 10 && Double(allowed) <= 10 + (elapsed * 0.2).rounded(.up), "\(allowed) allowed in \(elapsed) s")
        #expect(answers.first?.headers["RateLimit-Limit"] == "10" && answers.first?.headers["RateLimit-Remaining"] == "9")
        let refused = try #require(answers.last.flatMap { $0.status == 429 ? $0 : nil }, "no request was refused")
        #expect(refused.body["error"]?["code"]?.stringValue == "rate_limited")
        #expect(refused.body["error"]?["details"]?["per_second"] == .number(0.2))
        let retryAfter = try #require(refused.headers["Retry-After"].flatMap(Int.init))
        #expect((1...5).contains(retryAfter))
        #expect(refused.headers["RateLimit-Remaining"] == "0")

        // The limit is the key's, not the tenant's or the address's: the generous key goes on.
        for _ in 0..<30 { #expect(try await Self.get(served, "/v1/shipments", key: generous).status == 200) }

        // Once Retry-After has passed, the flooding key may ask again.
        try await Task.sleep(for: .seconds(retryAfter))
        #expect(try await Self.get(served, "/v1/shipments", key: flooder).status == 200)
    }

    @Test func theBucketHoldsBurstAndRefillsAtTheRate() {
        let limiter = APIRateLimiter()
        let limit = RequestRateLimit(perSecond: 2, burst: 3)
        let start = ContinuousClock.now
        let decisions = (0..<4).map { _ in limiter.take(keyID: "k", limit: limit, now: start) }
        #expect(decisions.map(\.allowed) == [true, true, true, false])
        #expect(decisions.map(\.remaining) == [2, 1, 0, 0])
        #expect(decisions[3].retryAfterSeconds == 1 && decisions[3].resetSeconds == 2)
        #expect(limiter.take(keyID: "k", limit: limit, now: start + .milliseconds(400)).allowed == false)
        #expect(limiter.take(keyID: "k", limit: limit, now: start + .milliseconds(500)).allowed)
        #expect(limiter.take(keyID: "other", limit: limit, now: start + .milliseconds(500)).remaining == 2, "each key has its own bucket")
        #expect(limiter.take(keyID: "k", limit: limit, now: start + .seconds(60)).remaining == 2, "a bucket fills up to its burst, no more")
    }

    @Test func aFullLimiterForgetsAKeyRatherThanGrowing() {
        let limiter = APIRateLimiter(capacity: 1)
        let limit = RequestRateLimit(perSecond: 0.001, burst: 1)
        let now = ContinuousClock.now
        #expect(limiter.take(keyID: "a", limit: limit, now: now).allowed)
        #expect(!limiter.take(keyID: "a", limit: limit, now: now).allowed)
        #expect(limiter.take(keyID: "b", limit: limit, now: now).allowed)
        // "a" was forgotten to make room for "b": it starts again with a full bucket.
        #expect(limiter.take(keyID: "a", limit: limit, now: now).allowed)
    }

    @Test func theDefaultLimitComesFromTheEnvironment() throws {
        #expect(try ServerConfiguration.apiRateLimit([:]) == RequestRateLimit(perSecond: 50, burst: 100))
        #expect(try ServerConfiguration.apiRateLimit(["WAYBILL_API_RATE_PER_SECOND": "0"]) == nil)
        #expect(try ServerConfiguration.apiRateLimit(["WAYBILL_API_RATE_PER_SECOND": "5"]) == RequestRateLimit(perSecond: 5, burst: 10))
        #expect(try ServerConfiguration.apiRateLimit(["WAYBILL_API_RATE_PER_SECOND": "0.5", "WAYBILL_API_RATE_BURST": "7"])
            == RequestRateLimit(perSecond: 0.5, burst: 7))
        for bad in [["WAYBILL_API_RATE_PER_SECOND": "fast"], ["WAYBILL_API_RATE_PER_SECOND": "-1"], ["WAYBILL_API_RATE_BURST": "0"]] {
            #expect(throws: ConfigurationError.self, "\(bad)") { try ServerConfiguration.apiRateLimit(bad) }
        }
    }

    struct Answer {
        var status: Int
        var headers: [String: String]
        var body: JSONValue
    }

    static func get(_ served: ServedWaybill, _ path: String, key: String) async throws -> Answer {
        let server = try #require(served.server)
        var request = HTTPClientRequest(url: server.baseURL + path)
        request.headers.add(name: "Authorization", value: "Bearer \(key)")
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1 << 22)
        var headers: [String: String] = [:]
        for header in response.headers { headers[header.name] = header.value }
        return Answer(status: Int(response.status.code), headers: headers, body: (try? JSONValue.parse(Data(buffer: body))) ?? .null)
    }
}
