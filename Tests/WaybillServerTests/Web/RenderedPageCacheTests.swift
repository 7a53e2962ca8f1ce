import Foundation
import NIOCore
import Testing
import WaybillCore
@testable import WaybillServer

/// Rendered tracking pages are reused by ETag: a reused page must never be older than what it shows.
@Suite("Rendered tracking pages")
struct RenderedPageCacheTests {
    static func page(_ text: String, expiresAt: Date? = nil) -> RenderedPageCache.Page {
        RenderedPageCache.Page(html: ByteBuffer(string: text), styleSource: "'self'", expiresAt: expiresAt)
    }

    @Test func aPageLeavesWhenItsEstimatePassesAndTheOldestLeaveWhenFull() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let cache = RenderedPageCache(capacity: 3)
        cache.store(Self.page("a", expiresAt: now.addingTimeInterval(60)), etag: "a")
        #expect(cache.page(etag: "a", now: now)?.html == ByteBuffer(string: "a"))
        #expect(cache.page(etag: "a", now: now.addingTimeInterval(60)) == nil, "the page would say on time after its estimate")
        for etag in ["b", "c", "d", "e"] { cache.store(Self.page(etag), etag: etag) }
        #expect(cache.page(etag: "b", now: now) == nil)
        #expect(["c", "d", "e"].allSatisfy { cache.page(etag: $0, now: now) != nil })
        cache.store(Self.page("f"), etag: "f")
        #expect(cache.page(etag: "c", now: now) == nil && cache.page(etag: "f", now: now) != nil)
    }

    @Test func theServedPageFollowsEveryChangeOfTheShipmentItsBrandingAndItsLegs() async throws {
        try await TestApp.run { api, keys, _ in
            let (id, token) = try await api.seedShipment(keys.admin, tracking: "1ZPAGE0000000090", events: SeedEvents.inTransit)
            let first = try await api.page("/t/\(token)")
            #expect(first.html.contains(">On its way</h1>"))
            #expect(try await api.page("/t/\(token)").html == first.html, "the same page while nothing changes")

            let appended = try await api.send(.post, "/v1/shipments/\(id)/events", key: keys.admin, json: """
                {"events":[{"status":"out_for_delivery","description":"OFD","occurred_at":"2026-11-20T07:00:00+01:00","location":{"city":"Berlin","country":"DE"}}]}
                """)
            #expect(appended.status == 201)
            let afterEvent = try await api.page("/t/\(token)")
            #expect(afterEvent.html.contains(">Out for delivery</h1>"))

            #expect(try await api.send(.put, "/v1/branding", key: keys.admin, json: #"{"display_name":"Acme Parcels"}"#).status == 200)
            let afterBranding = try await api.page("/t/\(token)")
            #expect(afterBranding.html.contains("Acme Parcels"))

            let linked = try await api.send(.post, "/v1/shipments/\(id)/legs", key: keys.admin,
                                            json: #"{"tracking_number":"9400111899223344556677","carrier":"usps"}"#)
            #expect(linked.status == 201, "\(String(decoding: linked.body, as: UTF8.self))")
            let afterLeg = try await api.page("/t/\(token)")
            #expect(afterLeg.headers[.eTag] != afterBranding.headers[.eTag], "a new leg changes what the page may show")
        }
    }
}
