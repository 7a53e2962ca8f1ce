import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WaybillCore

/// Headless Chromium, driven over WebDriver, against a real `waybill serve` process.
@Suite("Real browser", .serialized,
       .enabled(if: BrowserEnvironment.browserAvailable, "chromium and chromedriver are not installed at /usr/bin"))
struct BrowserTests {
    @Test func trackingPageLanguageLookupAndWidgetOnAnotherOrigin() async throws {
        let binary = BrowserEnvironment.waybillBinary.path
        try #require(FileManager.default.isExecutableFile(atPath: binary), "build first: swift build --build-tests (\(binary))")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("waybill-browser-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = "sqlite:" + directory.appendingPathComponent("waybill.sqlite").path

        let adminKey = try ChildProcess.run(binary, ["keys", "create", "--database", database, "--tenant", "browser-shop", "--create-tenant", "--role", "admin"]).trimmed
        #expect(adminKey.hasPrefix("wb_"))

        let port = try BrowserEnvironment.freePort()
        let base = "http://127.0.0.1:\(port)"
        let server = try ChildProcess(binary, ["serve", "--database", database, "--port", String(port), "--public-url", base],
                                      logName: "browser-serve-\(port).log", environment: ["WAYBILL_LOG_LEVEL": "warning"])
        defer { server.stop() }
        try await HTTP.waitUntilUp(base + "/healthz")

        let driverPort = try BrowserEnvironment.freePort()
        let driver = try ChildProcess(BrowserEnvironment.chromedriver, ["--port=\(driverPort)"], logName: "chromedriver-\(driverPort).log")
        defer { driver.stop() }
        try await HTTP.waitUntilUp("http://127.0.0.1:\(driverPort)/status")

        // The merchant's page lives on another origin: a tiny server of this test.
        let router = Router()
        let pageHolder = PageHolder()
        router.get("/") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                     body: .init(byteBuffer: ByteBuffer(string: await pageHolder.html)))
        }
        let merchant = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await merchant.test(.live) { merchantClient in
            let merchantPort = merchantClient.port!
            let allowedOrigin = "http://localhost:\(merchantPort)"

            // Seed through the real API.
            let branding = try await HTTP.send(.PUT, base + "/v1/branding", json: .object([
                "display_name": .string("Browser Shop"), "primary_color": .string("#7c2d12"),
                "allowed_origins": .array([.string(allowedOrigin)]),
            ]), bearer: adminKey)
            #expect(branding.status == 200, "\(branding.body)")
            let created = try await HTTP.send(.POST, base + "/v1/shipments", json: .object([
                "tracking_number": .string("1ZBROWSER0000001"), "carrier": .string("ups"), "order_id": .string("BR-1001"),
                "customer": .object(["email": .string("buyer@example.com"), "postal_code": .string("75001"),
                                     "time_zone": .string("Europe/Paris")]),
            ]), bearer: adminKey)
            let shipmentID = try #require(created.json["id"]?.stringValue, "\(created.body)")
            let publicURL = try #require(created.json["public_url"]?.stringValue)
            let token = String(publicURL.split(separator: "/").last!)
            let events = try await HTTP.send(.POST, base + "/v1/shipments/\(shipmentID)/events", json: .object(["events": .array([
                .object(["status": .string("in_transit"), "substatus": .string("departed_facility"), "description": .string("DEP"),
                         "occurred_at": .string("2026-11-18T09:00:00+01:00"),
                         "location": .object(["city": .string("Lyon"), "country": .string("FR")])]),
                .object(["status": .string("out_for_delivery"), "description": .string("OFD"),
                         "occurred_at": .string("2026-11-20T07:30:00+01:00"),
                         "location": .object(["city": .string("Paris"), "country": .string("FR")])]),
            ])]), bearer: adminKey)
            #expect(events.status == 201 || events.status == 200, "\(events.body)")

            let browser = try await WebDriver.start(driverURL: "http://127.0.0.1:\(driverPort)")
            do {
                // 1. The tracking page shows the status in words.
                try await browser.open(base + "/t/\(token)")
                #expect(try await browser.text("h1.status") == "Out for delivery")
                #expect(try await browser.text(".brand-name") == "Browser Shop")
                try await browser.screenshot("tracking-page-en")

                // 2. Switching language with the form (works without JavaScript).
                try await browser.click(#"#lang-select option[value="de"]"#)
                try await browser.click("#lang-submit")
                _ = try await browser.waitFor(#"return document.documentElement.lang === "de" ? true : null"#)
                #expect(try await browser.text("h1.status") == "In Zustellung")
                try await browser.screenshot("tracking-page-de")

                // 3. Order lookup: wrong second factor, then the right one.
                try await browser.open(base + "/track?lang=en")
                try await browser.type("#order", "BR-1001")
                try await browser.type("#verify", "someone-else@example.com")
                try await browser.click("#lookup-submit")
                let error = try await browser.waitFor(#"const e = document.getElementById("lookup-error"); return e ? e.textContent : null"#)
                #expect(error.stringValue?.contains("could not find") == true)
                #expect(try await browser.script("return document.body.innerText.includes('1ZBROWSER0000001')") == .bool(false))
                try await browser.screenshot("lookup-wrong")
                try await browser.type("#order", "BR-1001")
                try await browser.type("#verify", "75 001")
                try await browser.click("#lookup-submit")
                let found = try await browser.waitFor(#"const e = document.querySelector("h1.status"); return e ? e.textContent : null"#)
                #expect(found.stringValue == "Out for delivery")
                #expect(try await browser.script("return document.body.innerText.includes('1ZBROWSER0000001')") == .bool(true))
                try await browser.screenshot("lookup-right")

                // 4. The widget on the merchant's origin (allowed) renders the status.
                await pageHolder.set("""
                    <!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Shop</title></head>
                    <body><h1>Ma commande</h1>
                    <script src="\(base)/widget.js"></script>
                    <waybill-tracking token="\(token)"></waybill-tracking></body></html>
                    """)
                try await browser.open(allowedOrigin + "/")
                let widgetStatus = try await browser.waitFor(
                    #"const w = document.querySelector("waybill-tracking"); const h = w && w.shadowRoot && w.shadowRoot.querySelector("h2"); return h ? h.textContent : null"#)
                #expect(widgetStatus.stringValue == "En cours de livraison")
                try await browser.screenshot("widget-allowed-origin")

                // 5. The same page on an origin the tenant did not allow: the browser blocks the data.
                try await browser.open("http://127.0.0.1:\(merchantPort)/")
                let refused = try await browser.waitFor(
                    #"const w = document.querySelector("waybill-tracking"); const p = w && w.shadowRoot && w.shadowRoot.querySelector("p"); return p ? p.textContent : null"#)
                #expect(refused.stringValue == "Tracking is unavailable.")
                try await browser.screenshot("widget-other-origin")
            } catch {
                try? await browser.screenshot("failure")
                await browser.quit()
                throw error
            }
            await browser.quit()
        }
    }
}

/// The merchant page the tiny server answers with.
actor PageHolder {
    var html = "<!doctype html><title>empty</title>"
    func set(_ html: String) { self.html = html }
}
