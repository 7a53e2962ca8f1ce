import Foundation
import Hummingbird
import Testing
import WaybillCore
import WaybillTestSupport

@Suite("Authentication, roles and tenant isolation")
struct AccessTests {
    @Test func requestsWithoutALiveKeyAreRefused() async throws {
        try await TestApp.run { api, keys, store in
            for key in [nil, "wb_not-a-real-key", "sk_live_123", ""] as [String?] {
                let response = try await api.send(.get, "/v1/shipments", key: key)
                #expect(response.status == 401)
                #expect(response.errorCode == "unauthorized")
                #expect(response.headers[.wwwAuthenticate] == "Bearer")
            }
            let acme = try #require(try await store.tenant(named: "acme"))
            let viewer = try #require(try await store.apiKeys(tenantID: acme.id).first { $0.role == .viewer })
            #expect(try await api.send(.get, "/v1/shipments", key: keys.viewer).status == 200)
            #expect(try await store.revokeAPIKey(id: viewer.id, tenantID: nil, actor: "test"))
            #expect(try await api.send(.get, "/v1/shipments", key: keys.viewer).status == 401)
        }
    }

    @Test func rolesLimitWhatAKeyMayDo() async throws {
        try await TestApp.run { api, keys, _ in
            let created = try await api.createShipment(keys.admin, "ROLE1", extra: #","customer":{"email":"ana@example.com"}"#)
            let id = try #require(created.string("id"))
            let events = #"{"events":[{"status":"in_transit","occurred_at":"2026-11-20T10:00:00Z","description":"Scan"}]}"#
            let rawID = try #require(try await api.send(.post, "/v1/shipments/\(id)/events", key: keys.integration, json: events)
                .string("raw_payload_id"))

            #expect(try await api.createShipment(keys.viewer, "ROLE2").status == 403)
            #expect(try await api.createShipment(keys.support, "ROLE2").status == 403)
            #expect(try await api.send(.post, "/v1/shipments/\(id)/events", key: keys.viewer, json: events).status == 403)
            #expect(try await api.send(.delete, "/v1/shipments/\(id)", key: keys.support).status == 403)
            #expect(try await api.send(.post, "/v1/orders", key: keys.viewer, json: #"{"order_id":"1"}"#).status == 403)
            #expect(try await api.send(.get, "/v1/orders/1", key: keys.viewer).status == 403)
            #expect(try await api.send(.get, "/v1/raw-payloads/\(rawID)", key: keys.integration).status == 403)
            #expect(try await api.send(.get, "/v1/raw-payloads/\(rawID)", key: keys.viewer).status == 403)
            #expect(try await api.send(.get, "/v1/raw-payloads/\(rawID)", key: keys.support).status == 200)
            #expect(try await api.send(.get, "/v1/raw-payloads/\(rawID)", key: keys.admin).status == 200)

            // Viewers and integrations read customers' personal data masked; support and admins in full.
            let asViewer = try await api.send(.get, "/v1/shipments/\(id)", key: keys.viewer)
            #expect(asViewer.status == 200 && asViewer.string("customer", "email") == "a***@example.com")
            #expect(try await api.send(.get, "/v1/shipments/\(id)", key: keys.integration).string("customer", "email") == "a***@example.com")
            #expect(try await api.send(.get, "/v1/shipments/\(id)", key: keys.support).string("customer", "email") == "ana@example.com")
            #expect(try await api.send(.get, "/v1/shipments/\(id)", key: keys.admin).string("customer", "email") == "ana@example.com")
            let forbidden = try await api.createShipment(keys.viewer, "ROLE3")
            #expect(forbidden.errorCode == "forbidden")
        }
    }

    /// Every /v1 route, called with another tenant's key on acme's resources, finds nothing.
    @Test(arguments: TestDatabase.available)
    func noRouteReachesAnotherTenantsData(_ database: TestDatabase) async throws {
        try await TestApp.run(database) { api, keys, _ in
            let shipment = try await api.createShipment(keys.admin, "ISOLATED1", extra: #","order_id":"ACME-1""#)
            let id = try #require(shipment.string("id"))
            let events = #"{"events":[{"status":"in_transit","occurred_at":"2026-11-20T10:00:00Z","description":"Scan"}]}"#
            let rawID = try #require(try await api.send(.post, "/v1/shipments/\(id)/events", key: keys.admin, json: events)
                .string("raw_payload_id"))
            let orderID = try #require(try await api.send(.get, "/v1/orders/ACME-1", key: keys.admin).string("id"))
            let other = keys.otherTenantAdmin

            #expect(try await api.send(.get, "/v1/shipments/\(id)", key: other).status == 404)
            #expect(try await api.send(.get, "/v1/shipments/\(id)/events", key: other).status == 404)
            #expect(try await api.send(.post, "/v1/shipments/\(id)/events", key: other, json: events).status == 404)
            #expect(try await api.send(.delete, "/v1/shipments/\(id)", key: other).status == 404)
            #expect(try await api.send(.get, "/v1/raw-payloads/\(rawID)", key: other).status == 404)
            #expect(try await api.send(.get, "/v1/orders/\(orderID)", key: other).status == 404)
            #expect(try await api.send(.get, "/v1/orders/ACME-1", key: other).status == 404)
            for query in ["", "?tracking_number=ISOLATED1", "?order_id=ACME-1", "?status=in_transit"] {
                let list = try await api.send(.get, "/v1/shipments\(query)", key: other)
                #expect(list.status == 200 && list.json["data"]?.arrayValue?.isEmpty == true)
            }
            // Registering the same number gives the other tenant its own shipment.
            let theirs = try await api.createShipment(other, "ISOLATED1", extra: #","order_id":"ACME-1""#)
            #expect(theirs.status == 201 && theirs.string("id") != id)
            let theirOrder = try await api.send(.post, "/v1/orders", key: other, json: #"{"order_id":"ACME-1"}"#)
            #expect(theirOrder.status == 200 && theirOrder.string("id") != orderID)
            // Idempotency keys are per tenant too.
            let keyed = #"{"tracking_number":"KEYED1"}"#
            let mine = try await api.send(.post, "/v1/shipments", key: keys.admin, json: keyed, headers: [.init("Idempotency-Key")!: "same"])
            let yours = try await api.send(.post, "/v1/shipments", key: other, json: keyed, headers: [.init("Idempotency-Key")!: "same"])
            #expect(mine.status == 201 && yours.status == 201 && mine.string("id") != yours.string("id"))

            // And acme's data is untouched.
            let stillMine = try await api.send(.get, "/v1/shipments/\(id)", key: keys.admin)
            #expect(stillMine.json["tracking"] == .bool(true) && stillMine.string("status") == "in_transit")
        }
    }

    @Test func operationalEndpointsAnswer() async throws {
        try await TestApp.run { api, keys, _ in
            let health = try await api.send(.get, "/healthz")
            #expect(health.status == 200 && health.string("status") == "ok")
            let ready = try await api.send(.get, "/readyz")
            #expect(ready.status == 200 && ready.string("database") == "sqlite")
            _ = try await api.createShipment(keys.admin, "METRIC1")
            let metrics = try await api.send(.get, "/metrics")
            let text = String(decoding: metrics.body, as: UTF8.self)
            #expect(metrics.status == 200)
            #expect(text.contains("hb_requests") || text.contains("hb.requests"))
            #expect(text.contains("waybill_db_duration_seconds"))
            let openapi = try await api.send(.get, "/openapi.json")
            #expect(openapi.status == 200 && openapi.string("openapi") == "3.1.0")
            let missing = try await api.send(.get, "/v1/nothing-here", key: keys.admin)
            #expect(missing.status == 404 && missing.errorCode == "not_found")
            let unsupported = try await api.send(.post, "/v1/shipments", key: keys.admin, json: "tracking_number=1",
                                                 headers: [.contentType: "application/x-www-form-urlencoded"])
            #expect(unsupported.status == 415)
        }
    }
}
