import Foundation
import Hummingbird
import Testing
import WaybillCore
@testable import WaybillServer
import WaybillStore
import WaybillTestSupport

@Suite("Widget, iframe, email snippet")
struct WidgetTests {
    @Test func widgetDataAllowsOnlyTheTenantsOrigins() async throws {
        try await TestApp.run { api, keys, _ in
            #expect(try await api.send(.put, "/v1/branding", key: keys.admin,
                                       json: ##"{"allowed_origins":["https://shop.example.com"],"primary_color":"#7c2d12"}"##).status == 200)
            let (_, token) = try await api.seedShipment(keys.admin, tracking: "1ZWIDGET00000001", events: SeedEvents.delivered)
            let allowed = try await api.send(.get, "/t/\(token)/widget.json?lang=nl", headers: [.origin: "https://shop.example.com"])
            #expect(allowed.status == 200)
            #expect(allowed.headers[.accessControlAllowOrigin] == "https://shop.example.com")
            #expect(allowed.headers[.accessControlAllowCredentials] == nil)
            #expect(allowed.json["shipment"]?["status_text"] == .string("Bezorgd"))
            #expect(allowed.json["brand"]?["primary_color"] == .string("#7c2d12"))
            let body = String(decoding: allowed.body, as: UTF8.self)
            for personal in ["jane.doe", "10115", "+49", "JANE DOE", "DELIVERED\""] { #expect(!body.contains(personal), "\(personal)") }

            let other = try await api.send(.get, "/t/\(token)/widget.json", headers: [.origin: "https://evil.example"])
            #expect(other.status == 200)
            #expect(other.headers[.accessControlAllowOrigin] == nil)
            #expect(try await api.send(.get, "/t/nosuchtoken0000000000/widget.json").status == 404)

            let script = try await api.send(.get, "/widget.js")
            #expect(script.status == 200)
            #expect(String(decoding: script.body, as: UTF8.self).contains(#"customElements.define("waybill-tracking""#))
        }
    }

    @Test func widgetOrderLookupChecksTheSecondFactor() async throws {
        try await TestApp.run { api, keys, store in
            _ = try await api.seedShipment(keys.admin, tracking: "1ZWIDGET00000002", order: "W-1", events: SeedEvents.inTransit)
            let tenant = try #require(try await store.tenant(named: "acme"))
            let wrong = try await api.postForm("/track/widget.json", "tenant=\(tenant.id)&order=W-1&verify=nobody%40example.com")
            #expect(wrong.status == 404)
            #expect(!wrong.html.contains("1ZWIDGET"))
            let right = try await api.postForm("/track/widget.json", "tenant=\(tenant.id)&order=W-1&verify=JANE.DOE%40example.com&lang=es")
            #expect(right.status == 200)
            let json = try JSONValue.parse(Data(right.html.utf8))
            #expect(json["shipments"]?.arrayValue?.first?["status_text"] == .string("En camino"))
        }
    }

    @Test func iframeMayBeFramedOnlyByAllowedOrigins() async throws {
        try await TestApp.run { api, keys, _ in
            let (_, token) = try await api.seedShipment(keys.admin, tracking: "1ZWIDGET00000003", events: SeedEvents.inTransit)
            let before = try await api.page("/t/\(token)/embed")
            #expect(before.status == 200)
            #expect(before.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true)
            #expect(try await api.send(.put, "/v1/branding", key: keys.admin,
                                       json: #"{"allowed_origins":["https://shop.example.com","https://help.example.com"]}"#).status == 200)
            let after = try await api.page("/t/\(token)/embed")
            #expect(after.headers[.contentSecurityPolicy]?.contains("frame-ancestors https://shop.example.com https://help.example.com") == true)
            #expect(after.headers[.init("X-Frame-Options")!] == nil)
            #expect(after.html.contains(">On its way</h1>"))
            // The full page is never framed.
            #expect(try await api.page("/t/\(token)").headers[.init("X-Frame-Options")!] == "DENY")
        }
    }

    @Test func emailSnippetIsPlainHTMLWithInlineStylesAndAStatusImage() async throws {
        try await TestApp.run { api, keys, _ in
            let (_, token) = try await api.seedShipment(keys.admin, tracking: "1ZWIDGET00000004", locale: "it-IT", events: SeedEvents.delivered)
            let snippet = try await api.page("/t/\(token)/email")
            #expect(snippet.status == 200)
            #expect(snippet.html.hasPrefix("<table role=\"presentation\""))
            #expect(snippet.html.contains("Consegnata"))
            #expect(snippet.html.contains("\(TestApp.publicBaseURL)/t/\(token)/status.png"))
            #expect(!snippet.html.contains("<script"))
            #expect(!snippet.html.contains("<style"))
            let image = try await api.send(.get, "/t/\(token)/status.png")
            #expect(image.status == 200)
            #expect(image.headers[.contentType] == "image/png")
            #expect(Array(image.body.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        }
    }

    @Test func statusImageIsAValidPNG() {
        let png = StatusImage.png(filled: 2, stopped: false, color: "#123456")
        // IHDR: width 480, height 24, 8-bit RGB.
        #expect(Array(png[16..<24]) == [0, 0, 1, 0xE0, 0, 0, 0, 24])
        #expect(png[24] == 8 && png[25] == 2)
        let ihdr = png[12..<29]
        let crc = StatusImage.crc32(Data(ihdr))
        #expect(Array(png[29..<33]) == [UInt8(crc >> 24), UInt8((crc >> 16) & 0xFF), UInt8((crc >> 8) & 0xFF), UInt8(crc & 0xFF)])
        #expect(png.suffix(8) == Data([0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82]))
    }
}

@Suite("Support view")
struct SupportViewTests {
    @Test(arguments: TestDatabase.available)
    func searchTimelineRawPayloadsAndQueue(_ database: TestDatabase) async throws {
        try await TestApp.run(database) { api, keys, store in
            let (id, _) = try await api.seedShipment(keys.admin, tracking: "1ZSUPPORT0000001", order: "S-1", email: "Case.Sensitive@Example.com",
                                                     events: SeedEvents.delivered)
            let (failedID, _) = try await api.seedShipment(keys.admin, tracking: "1ZSUPPORT0000002", order: "S-2", events: """
                [{"status":"attempt_failed","reason":"consignee_not_home","action_required":true,"occurred_at":"2026-11-20T10:00:00+01:00","description":"NOT HOME"}]
                """)
            let (staleID, _) = try await api.seedShipment(keys.admin, tracking: "1ZSUPPORT0000003", order: "S-3", events: SeedEvents.inTransit)

            #expect(try await api.page("/support").status == 401)
            #expect(try await api.send(.get, "/support", key: keys.viewer).status == 401)
            #expect(try await api.send(.get, "/support", key: keys.integration).status == 401)

            for query in ["S-1", "1ZSUPPORT0000001", "case.sensitive@example.com"] {
                let found = try await api.send(.get, "/support?q=\(query.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)", key: keys.support)
                #expect(found.status == 200)
                let html = String(decoding: found.body, as: UTF8.self)
                #expect(html.contains("Results (1)"), "\(query)")
                #expect(html.contains("/support/shipments/\(id)"))
            }

            let home = String(decoding: try await api.send(.get, "/support", key: keys.support).body, as: UTF8.self)
            #expect(home.contains("/support/shipments/\(failedID)"))
            #expect(home.contains("attempt_failed"))
            // The in-transit shipment's last event (2026-11-18) is days old: stale.
            #expect(home.contains("/support/shipments/\(staleID)"))
            #expect(home.contains("stale"))
            #expect(!home.contains("/support/shipments/\(id)\""))  // delivered: not in the queue

            let detail = try await api.send(.get, "/support/shipments/\(id)", key: keys.admin)
            #expect(detail.status == 200)
            let html = String(decoding: detail.body, as: UTF8.self)
            #expect(html.contains("Normalized timeline"))
            #expect(html.contains("delivered / delivered_signed"))
            #expect(html.contains("Raw carrier payloads"))
            #expect(html.contains("&quot;signed_by&quot;:&quot;JANE DOE&quot;") || html.contains("JANE DOE"))
            #expect(try await api.send(.get, "/support/shipments/\(id)", key: keys.otherTenantAdmin).status == 404)

            let queue = try await store.exceptionQueue(tenantID: try #require(try await store.tenant(named: "acme")).id,
                                                       staleAfter: 72 * 3600, now: Date(), limit: 50)
            #expect(queue.first { $0.shipment.id == failedID }?.reasons.contains(.attemptFailed) == true)
            #expect(queue.first { $0.shipment.id == staleID }?.reasons == [.stale])
        }
    }

    @Test func loginFormSetsAStrictHttpOnlyCookie() async throws {
        try await TestApp.run { api, keys, _ in
            let wrong = try await api.postForm("/support/login", "key=wb_nope")
            #expect(wrong.status == 401)
            let response = try await api.client.execute(uri: "/support/login", method: .post,
                                                        headers: [.contentType: "application/x-www-form-urlencoded"],
                                                        body: ByteBuffer(string: "key=\(keys.support)"))
            #expect(response.status == .seeOther)
            let cookie = try #require(response.headers[.setCookie])
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Strict"))
            #expect(cookie.contains("Path=/support"))
            #expect(cookie.contains("Secure"))  // the public base URL is https
            let session = try #require(cookie.split(separator: ";").first.map(String.init))
            let signedIn = try await api.send(.get, "/support", headers: [.cookie: session])
            #expect(signedIn.status == 200)
            #expect(String(decoding: signedIn.body, as: UTF8.self).contains("Exceptions queue"))
        }
    }
}
