import Crypto
import Foundation
import Hummingbird
import Testing
import WaybillCore
@testable import WaybillServer
import WaybillStore
import WaybillTestSupport

@Suite("Branding")
struct BrandingTests {
    static let valid = """
        {"display_name":"Acme Shop","logo_url":"https://cdn.acme.example/logo.png","primary_color":"#1D4ED8","accent_color":"#047857",
         "background_color":"#ffffff","text_color":"#111","font":"serif","support_email":"help@acme.example","support_phone":"+1 (555) 010-0000",
         "support_url":"https://acme.example/help","links":[{"label":"Returns","url":"https://acme.example/returns"}],
         "footer_text":"Thanks for shopping","custom_domain":"Track.Acme.Example","allowed_origins":["https://shop.acme.example/","http://localhost:8081"]}
        """

    @Test(arguments: TestDatabase.available)
    func putThenGetRoundTripsAndOnlyAdminsWrite(_ database: TestDatabase) async throws {
        try await TestApp.run(database) { api, keys, _ in
            let empty = try await api.send(.get, "/v1/branding", key: keys.viewer)
            #expect(empty.status == 200)
            #expect(empty.json["display_name"] == .null)
            #expect(try await api.send(.put, "/v1/branding", key: keys.support, json: Self.valid).status == 403)
            #expect(try await api.send(.put, "/v1/branding", json: Self.valid).status == 401)
            let saved = try await api.send(.put, "/v1/branding", key: keys.admin, json: Self.valid)
            #expect(saved.status == 200, "\(String(decoding: saved.body, as: UTF8.self))")
            #expect(saved.string("primary_color") == "#1d4ed8")
            #expect(saved.string("custom_domain") == "track.acme.example")
            #expect(saved.json["allowed_origins"] == .array([.string("https://shop.acme.example"), .string("http://localhost:8081")]))
            #expect(saved.string("updated_at") != nil)
            let read = try await api.send(.get, "/v1/branding", key: keys.viewer)
            #expect(read.string("display_name") == "Acme Shop")
            #expect(read.string("font") == "serif")
            // Another tenant cannot claim the same custom domain.
            let clash = try await api.send(.put, "/v1/branding", key: keys.otherTenantAdmin, json: ##"{"custom_domain":"track.acme.example"}"##)
            #expect(clash.status == 400)
        }
    }

    @Test func invalidValuesAreRejectedWithTheirPath() async throws {
        let cases: [(String, String)] = [
            (##"{"primary_color":"red"}"##, "primary_color"),
            (##"{"primary_color":"#12345g"}"##, "primary_color"),
            (##"{"accent_color":"#fff;background:url(javascript:alert(1))"}"##, "accent_color"),
            (##"{"text_color":"expression(alert(1))"}"##, "text_color"),
            (##"{"background_color":"</style><script>alert(1)</script>"}"##, "background_color"),
            (##"{"text_color":"#eeeeee"}"##, "text_color"),  // too little contrast on white
            (##"{"primary_color":"#ffff00"}"##, "primary_color"),  // white button text unreadable
            (##"{"logo_url":"javascript:alert(1)"}"##, "logo_url"),
            (##"{"logo_url":"https://x.example/a.png\" onerror=\"alert(1)"}"##, "logo_url"),
            (##"{"support_url":"data:text/html,<script>alert(1)</script>"}"##, "support_url"),
            (##"{"links":[{"label":"x","url":"javascript:alert(1)"}]}"##, "links[0].url"),
            (##"{"support_email":"a\"<script>@x.example"}"##, "support_email"),
            (##"{"support_phone":"<script>"}"##, "support_phone"),
            (##"{"font":"Comic Sans; } body { display:none"}"##, "font"),
            (##"{"custom_domain":"evil.example/<x>"}"##, "custom_domain"),
            (##"{"allowed_origins":["*"]}"##, "allowed_origins[0]"),
            (##"{"allowed_origins":["https://shop.example/path"]}"##, "allowed_origins[0]"),
            (##"{"unknown":1}"##, "unknown"),
        ]
        try await TestApp.run { api, keys, _ in
            for (body, path) in cases {
                let response = try await api.send(.put, "/v1/branding", key: keys.admin, json: body)
                #expect(response.status == 400, "\(body)")
                #expect(response.errorPath == path, "\(body): \(String(decoding: response.body, as: UTF8.self))")
            }
        }
    }

    static let hostile = #"<script>alert("x")</script>'"></style><style>body{background:url(javascript:alert(1))}</style>"#

    @Test func hostileTextIsEscapedOnThePage() async throws {
        try await TestApp.run { api, keys, _ in
            let body = JSONValue.object([
                "display_name": .string(Self.hostile), "footer_text": .string(Self.hostile),
                "links": .array([.object(["label": .string(Self.hostile), "url": .string("https://acme.example/?q=\"><script>")])]),
            ]).encoded()
            let saved = try await api.send(.put, "/v1/branding", key: keys.admin, json: String(decoding: body, as: UTF8.self))
            // The link URL has a quote and angle brackets: refused.
            #expect(saved.status == 400)
            let safe = JSONValue.object([
                "display_name": .string(Self.hostile), "footer_text": .string(Self.hostile),
                "links": .array([.object(["label": .string(#"<script>alert("x")</script>"#), "url": .string("https://acme.example/returns")])]),
            ]).encoded()
            #expect(try await api.send(.put, "/v1/branding", key: keys.admin, json: String(decoding: safe, as: UTF8.self)).status == 200)
            let (_, token) = try await api.seedShipment(keys.admin, tracking: "1ZBRAND000000001", events: SeedEvents.inTransit)
            let page = try await api.page("/t/\(token)")
            #expect(page.status == 200)
            Self.expectNoInjection(page.html)
            #expect(page.html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39;&quot;&gt;&lt;/style&gt;"))
            let preview = try await api.send(.get, "/v1/branding/preview", key: keys.admin)
            #expect(preview.status == 200)
            Self.expectNoInjection(String(decoding: preview.body, as: UTF8.self))
        }
    }

    /// Values that slipped past the API (written straight to the store) are still neutralised.
    @Test func valuesThatBypassedValidationAreDroppedWhenRendering() {
        let branding = Branding(
            displayName: Self.hostile, logoURL: "javascript:alert(1)", primaryColor: "red;}</style><script>alert(1)</script>",
            accentColor: "expression(alert(1))", backgroundColor: "#fff;background:url(javascript:alert(1))", textColor: "#000000",
            font: "x;}</style>", supportEmail: "\"><script>@x", supportPhone: "<b>", supportURL: "javascript:alert(1)",
            links: [.init(label: "ok", url: "javascript:alert(1)")], footerText: Self.hostile, updatedAt: Date())
        let html = WebFixtures.page(WebFixtures.shipment(.inTransit), [], branding: branding)
        Self.expectNoInjection(html)
        #expect(!html.contains(#"="javascript:"#))
        #expect(html.contains("<style>:root { --wb-text: #000000; }</style>"))
        #expect(!html.contains("<img class=\"logo\""))
        #expect(!html.contains("mailto:"))
    }

    @Test func brandStyleIsAllowedByItsHashOnly() async throws {
        try await TestApp.run { api, keys, _ in
            #expect(try await api.send(.put, "/v1/branding", key: keys.admin, json: Self.valid).status == 200)
            let (_, token) = try await api.seedShipment(keys.admin, tracking: "1ZBRAND000000002", events: SeedEvents.inTransit)
            let page = try await api.page("/t/\(token)")
            let csp = try #require(page.headers[.contentSecurityPolicy])
            let style = try #require(page.html.range(of: "<style>").flatMap { start in
                page.html.range(of: "</style>", range: start.upperBound..<page.html.endIndex).map { String(page.html[start.upperBound..<$0.lowerBound]) }
            })
            #expect(style.contains("--wb-primary: #1d4ed8"))
            #expect(style.contains("Georgia"))
            let digest = Data(SHA256.hash(data: Data(style.utf8))).base64EncodedString()
            #expect(csp.contains("style-src 'self' 'sha256-\(digest)'"))
            #expect(page.html.contains(#"<img class="logo" src="https://cdn.acme.example/logo.png" alt="Acme Shop""#))
            #expect(page.html.contains("mailto:help@acme.example"))
            #expect(page.html.contains("Thanks for shopping"))
            let proposed = try await api.send(.post, "/v1/branding/preview", key: keys.admin, json: ##"{"primary_color":"#7c2d12"}"##)
            #expect(proposed.status == 200)
            #expect(String(decoding: proposed.body, as: UTF8.self).contains("--wb-primary: #7c2d12"))
            #expect(try await api.send(.post, "/v1/branding/preview", key: keys.admin, json: ##"{"primary_color":"blue"}"##).status == 400)
        }
    }

    static func expectNoInjection(_ html: String) {
        #expect(!html.contains("<script>"))
        #expect(!html.contains("alert(\"x\")"))
        #expect(html.components(separatedBy: "</style>").count <= 2, "a style element was closed early")
        #expect(!html.contains(#"href="javascript"#))
        #expect(!html.contains(#"src="javascript"#))
        if let start = html.range(of: "<style>"), let end = html.range(of: "</style>") {
            let style = html[start.upperBound..<end.lowerBound]
            #expect(!style.contains("javascript"))
            #expect(!style.contains("expression("))
            #expect(!style.contains("<"))
        }
    }
}
