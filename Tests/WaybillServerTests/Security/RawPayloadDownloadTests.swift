import Foundation
import HTTPTypes
import Testing
import WaybillCore
import WaybillIngest
import WaybillStore

/// Attack: anyone who can post to a webhook endpoint (or an integration key) stores a body as
/// `text/html` with a script; a support agent opens the raw payload in the browser and the
/// script runs with the console's origin.
/// Defence: raw payloads are served as downloads (`application/octet-stream`, `nosniff`,
/// `attachment`), the received type in `X-Waybill-Original-Content-Type`, the bytes unchanged.
@Suite("Security: raw payload downloads")
struct RawPayloadDownloadTests {
    @Test func aStoredBodyIsADownloadNeverAPage() async throws {
        try await TestApp.run(over: .live) { api, keys, store in
            let tenant = try #require(try await store.tenant(named: "acme"))
            let body = Data("<html><script>fetch('/v1/api-keys')</script></html>".utf8)
            let outcome = try await IngestPipeline(store: store, observers: []).ingest(IngestBatch(
                tenantID: tenant.id, raw: NewRawPayload(source: .webhook, carrier: "ups", contentType: "text/html", body: body),
                events: [], actor: "attacker"))
            let raw = try await api.send(.get, "/v1/raw-payloads/\(outcome.rawPayloadID)", key: keys.support)
            #expect(raw.status == 200)
            #expect(raw.headers[.contentType] == "application/octet-stream")
            #expect(raw.headers[.init("X-Content-Type-Options")!] == "nosniff")
            #expect(raw.headers[.contentDisposition]?.hasPrefix("attachment") == true)
            #expect(raw.headers[.init("X-Waybill-Original-Content-Type")!] == "text/html")
            #expect(raw.body == body, "the bytes exactly as received")
        }
    }
}
