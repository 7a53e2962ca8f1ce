import Foundation
import Hummingbird
import Testing
import WaybillCore
@testable import WaybillServer
import WaybillStore
import WaybillTestSupport

extension APIClient {
    /// Registers a shipment of order `order` for a customer, appends `events` (JSON array text), returns its token.
    func seedShipment(_ key: String, tracking: String, order: String = "ORD-1001", email: String = "jane.doe@example.com",
                      postalCode: String = "10115", phone: String = "+49 30 1234567", locale: String? = nil,
                      events: String? = nil) async throws -> (id: String, token: String) {
        let localeField = locale.map { #","locale":"\#($0)""# } ?? ""
        let created = try await send(.post, "/v1/shipments", key: key, json: """
            {"tracking_number":"\(tracking)","carrier":"ups","order_id":"\(order)",
             "customer":{"email":"\(email)","postal_code":"\(postalCode)","phone":"\(phone)","time_zone":"Europe/Berlin"\(localeField)}}
            """)
        let id = try #require(created.string("id"), "\(String(decoding: created.body, as: UTF8.self))")
        let url = try #require(created.string("public_url"))
        if let events {
            let appended = try await send(.post, "/v1/shipments/\(id)/events", key: key, json: #"{"events":\#(events)}"#)
            #expect(appended.status == 201 || appended.status == 200, "\(String(decoding: appended.body, as: UTF8.self))")
        }
        return (id, String(url.split(separator: "/").last!))
    }

    func page(_ path: String, headers: HTTPFields = [:]) async throws -> (status: Int, html: String, headers: HTTPFields) {
        let response = try await send(.get, path, headers: headers)
        return (response.status, String(decoding: response.body, as: UTF8.self), response.headers)
    }

    func postForm(_ path: String, _ form: String) async throws -> (status: Int, html: String) {
        let response = try await client.execute(uri: path, method: .post,
                                                headers: [.contentType: "application/x-www-form-urlencoded"],
                                                body: ByteBuffer(string: form))
        return (Int(response.status.code), String(buffer: response.body))
    }
}

enum SeedEvents {
    static let delivered = """
        [{"status":"in_transit","substatus":"picked_up","occurred_at":"2026-11-18T09:00:00+01:00","description":"ORIGIN SCAN","location":{"city":"Hamburg","country":"DE"}},
         {"status":"delivered","substatus":"delivered_signed","occurred_at":"2026-11-20T14:05:00+01:00","description":"DELIVERED","signed_by":"JANE DOE","location":{"city":"Berlin","postal_code":"10115","country":"DE"}}]
        """
    static let inTransit = """
        [{"status":"in_transit","substatus":"departed_facility","occurred_at":"2026-11-18T09:00:00+01:00","description":"DEPARTURE SCAN","location":{"city":"Hamburg","country":"DE"}}]
        """
}

@Suite("Customer pages over HTTP")
struct CustomerPagesAPITests {
    @Test func trackingPageShowsStatusWithSecurityHeadersAndAnswers304() async throws {
        try await TestApp.run { api, keys, _ in
            let (_, token) = try await api.seedShipment(keys.admin, tracking: "1ZPAGE0000000001", events: SeedEvents.delivered)
            let page = try await api.page("/t/\(token)")
            #expect(page.status == 200)
            #expect(page.html.contains(">Delivered</h1>"))
            #expect(page.html.contains("Signed by JANE DOE"))
            #expect(page.html.contains("Delivered in Berlin, DE"))
            #expect(!page.html.contains("DELIVERED</"))  // the carrier's own text never shows
            #expect(!page.html.contains("jane.doe@example.com"))
            #expect(page.html.utf8.count < 50_000)
            let csp = try #require(page.headers[.contentSecurityPolicy])
            #expect(csp.contains("script-src 'self'"))
            #expect(csp.contains("frame-ancestors 'none'"))
            #expect(!csp.contains("unsafe-inline"))
            #expect(page.headers[.xContentTypeOptions] == "nosniff")
            #expect(page.headers[.init("Referrer-Policy")!] == "no-referrer")
            let etag = try #require(page.headers[.eTag])
            let again = try await api.page("/t/\(token)", headers: [.ifNoneMatch: etag])
            #expect(again.status == 304)
            #expect(again.html.isEmpty)
            let german = try await api.page("/t/\(token)", headers: [.ifNoneMatch: etag, .acceptLanguage: "de-DE,de;q=0.9"])
            #expect(german.status == 200)
            #expect(german.html.contains(">Zugestellt</h1>"))
            let head = try await api.send(.head, "/t/\(token)")
            #expect(head.status == 200 && head.body.isEmpty && head.headers[.eTag] == etag)
            #expect(try await api.send(.head, "/t/nope").status == 404)
        }
    }

    @Test func etagChangesWhenTheShipmentChanges() async throws {
        try await TestApp.run { api, keys, _ in
            let (id, token) = try await api.seedShipment(keys.admin, tracking: "1ZPAGE0000000002", events: SeedEvents.inTransit)
            let first = try await api.page("/t/\(token)")
            let etag = try #require(first.headers[.eTag])
            let appended = try await api.send(.post, "/v1/shipments/\(id)/events", key: keys.admin, json: """
                {"events":[{"status":"out_for_delivery","description":"OFD","occurred_at":"2026-11-20T07:00:00+01:00","location":{"city":"Berlin","country":"DE"}}]}
                """)
            #expect(appended.status == 201, "\(String(decoding: appended.body, as: UTF8.self))")
            let second = try await api.page("/t/\(token)", headers: [.ifNoneMatch: etag])
            #expect(second.status == 200)
            #expect(second.html.contains(">Out for delivery</h1>"))
        }
    }

    @Test func languageComesFromQueryThenCustomerLocaleThenAcceptLanguage() async throws {
        try await TestApp.run { api, keys, _ in
            let (_, token) = try await api.seedShipment(keys.admin, tracking: "1ZPAGE0000000003", locale: "fr-FR", events: SeedEvents.inTransit)
            let french = try await api.page("/t/\(token)", headers: [.acceptLanguage: "de"])
            #expect(french.html.contains(#"<html lang="fr""#))
            #expect(french.html.contains(">En route</h1>"))
            let italian = try await api.page("/t/\(token)?lang=it", headers: [.acceptLanguage: "de"])
            #expect(italian.html.contains(#"<html lang="it""#))
            #expect(italian.html.contains(">In viaggio</h1>"))
        }
    }

    @Test func assetsAreServedWithLongCaching() async throws {
        try await TestApp.run { api, _, _ in
            let css = try await api.send(.get, "/assets/waybill.css")
            #expect(css.status == 200)
            #expect(css.headers[.contentType]?.hasPrefix("text/css") == true)
            let js = try await api.send(.get, "/assets/track.js")
            #expect(js.status == 200)
            #expect(js.headers[.contentType]?.hasPrefix("text/javascript") == true)
            #expect(try await api.send(.get, "/assets/nope.js").status == 404)
            #expect(try await api.send(.get, "/assets/..%2Fopenapi.json").status == 404)
        }
    }
}

@Suite("Lookup and enumeration")
struct LookupTests {
    @Test func orderLookupNeedsTheRightSecondFactor() async throws {
        try await TestApp.run { api, keys, _ in
            _ = try await api.seedShipment(keys.admin, tracking: "1ZLOOK0000000001", order: "ORD-77", events: SeedEvents.delivered)
            _ = try await api.seedShipment(keys.admin, tracking: "1ZLOOK0000000002", order: "ORD-77", events: SeedEvents.inTransit)

            let form = try await api.page("/track")
            #expect(form.status == 200)
            #expect(form.html.contains(#"<form class="lookup" method="post" action="/track">"#))

            let missing = try await api.postForm("/track", "order=ORD-77&verify=")
            #expect(missing.status == 400)
            #expect(!missing.html.contains("1ZLOOK"))

            let wrong = try await api.postForm("/track", "order=ORD-77&verify=someone%40example.com")
            #expect(wrong.status == 404)
            #expect(!wrong.html.contains("1ZLOOK"))
            #expect(wrong.html.contains("We could not find an order with these details"))

            let wrongPostal = try await api.postForm("/track", "order=ORD-77&verify=99999")
            #expect(wrongPostal.status == 404)

            let byEmail = try await api.postForm("/track", "order=ORD-77&verify=+Jane.Doe%40Example.com+")
            #expect(byEmail.status == 200)
            #expect(byEmail.html.contains("1ZLOOK0000000001"))
            #expect(byEmail.html.contains("1ZLOOK0000000002"))
            #expect(byEmail.html.contains("Shipments: 2"))

            let byPostal = try await api.page("/track?order=ORD-77&verify=10%20115")
            #expect(byPostal.status == 200)
            #expect(byPostal.html.contains("1ZLOOK0000000001"))
        }
    }

    @Test func trackingNumberAloneShowsNoPersonalData() async throws {
        try await TestApp.run { api, keys, _ in
            _ = try await api.seedShipment(keys.admin, tracking: "1ZLOOK0000000003", order: "ORD-78", events: SeedEvents.delivered)
            let page = try await api.page("/track?number=1zlook%200000000003")
            #expect(page.status == 200)
            #expect(page.html.contains(">Delivered</h1>"))
            #expect(page.html.contains("Hamburg"))
            for personal in ["JANE DOE", "jane.doe@example.com", "Jane", "10115", "+49 30 1234567", "ORD-78"] {
                #expect(!page.html.contains(personal), "leaks \(personal)")
            }
        }
    }

    @Test func enumerationGets404sThen429s() async throws {
        try await TestApp.run { api, keys, _ in
            _ = try await api.seedShipment(keys.admin, tracking: "1ZLOOK0000000004", events: SeedEvents.delivered)
            var statuses: [Int] = []
            for attempt in 0..<100 {
                let path = attempt % 2 == 0
                    ? "/t/\(SecretToken.make(bytes: 24))"
                    : "/track?number=1Z\(UInt64.random(in: 1_000_000_000...9_999_999_999))XX"
                let page = try await api.page(path)
                statuses.append(page.status)
                for personal in ["JANE", "jane.doe", "10115", "1ZLOOK"] { #expect(!page.html.contains(personal)) }
            }
            let firstRefusal = try #require(statuses.firstIndex(of: 429))
            #expect(firstRefusal > 0)
            #expect(statuses[..<firstRefusal].allSatisfy { $0 == 404 })
            #expect(statuses[firstRefusal...].allSatisfy { $0 == 429 })
            // Order lookups from the same client are refused too.
            #expect(try await api.postForm("/track", "order=ORD-1001&verify=jane.doe%40example.com").status == 429)
        }
    }
}
