import Foundation
import Hummingbird
import Testing
import WaybillCore
@testable import WaybillServer
import WaybillTestSupport

/// Holds the implementation to `openapi.json`: a scenario calls every documented operation
/// (successes and errors) and each answer must have a documented status and match its schema.
@Suite("OpenAPI conformance")
struct OpenAPIConformanceTests {
    struct Exchange: Sendable {
        var method: String
        var template: String
        var response: APIResponse
    }

    @Test func everyRouteAnswersAsTheDocumentSays() async throws {
        try await TestApp.run { api, keys, _ in
            let document = try JSONValue.parse(OpenAPIDocument.data)
            var exchanges: [Exchange] = []
            func call(_ method: HTTPRequest.Method, _ template: String, _ path: String, key: String? = nil, json: String? = nil,
                      headers: HTTPFields = [:]) async throws -> APIResponse {
                let response = try await api.send(method, path, key: key, json: json, headers: headers)
                exchanges.append(Exchange(method: method.rawValue.lowercased(), template: template, response: response))
                return response
            }
            let events = #"{"events":[{"status":"delivered","substatus":"delivered_signed","occurred_at":"2026-11-20T14:05:00+01:00","description":"Delivered","signed_by":"K","location":{"city":"Berlin","country":"DE","latitude":52.5,"longitude":13.4}}]}"#

            _ = try await call(.get, "/healthz", "/healthz")
            _ = try await call(.get, "/readyz", "/readyz")
            _ = try await call(.get, "/metrics", "/metrics")
            _ = try await call(.get, "/openapi.json", "/openapi.json")

            let created = try await call(.post, "/v1/shipments", "/v1/shipments", key: keys.admin,
                                         json: #"{"tracking_number":"OAS1","carrier":"ups","order_id":"O-1","customer":{"email":"a@b.co"},"metadata":{"k":"v"}}"#)
            let id = try #require(created.string("id"))
            _ = try await call(.post, "/v1/shipments", "/v1/shipments", key: keys.admin, json: #"{"tracking_number":"OAS1","carrier":"ups"}"#)
            _ = try await call(.post, "/v1/shipments", "/v1/shipments", key: keys.admin, json: #"{"tracking":"x"}"#)
            _ = try await call(.post, "/v1/shipments", "/v1/shipments", json: #"{"tracking_number":"OAS2"}"#)
            _ = try await call(.post, "/v1/shipments", "/v1/shipments", key: keys.viewer, json: #"{"tracking_number":"OAS2"}"#)
            _ = try await call(.post, "/v1/shipments", "/v1/shipments", key: keys.admin, json: "x=1", headers: [.contentType: "text/plain"])
            _ = try await call(.post, "/v1/shipments", "/v1/shipments", key: keys.admin, json: #"{"tracking_number":"OAS3"}"#,
                               headers: [.init("Idempotency-Key")!: "oas"])
            _ = try await call(.post, "/v1/shipments", "/v1/shipments", key: keys.admin, json: #"{"tracking_number":"OAS4"}"#,
                               headers: [.init("Idempotency-Key")!: "oas"])
            // Detection, an unknown carrier, another order (409) and a reassignment.
            _ = try await call(.post, "/v1/shipments", "/v1/shipments", key: keys.admin, json: #"{"tracking_number":"3SDEVC123456789","order_id":"O-5"}"#)
            _ = try await call(.post, "/v1/shipments", "/v1/shipments", key: keys.admin, json: #"{"tracking_number":"201298452277"}"#)
            _ = try await call(.post, "/v1/shipments", "/v1/shipments", key: keys.admin, json: #"{"tracking_number":"OAS5","carrier":"pigeon"}"#)
            _ = try await call(.post, "/v1/shipments", "/v1/shipments", key: keys.admin, json: #"{"tracking_number":"3SDEVC123456789","order_id":"O-6"}"#)
            _ = try await call(.post, "/v1/shipments", "/v1/shipments", key: keys.admin,
                               json: #"{"tracking_number":"3SDEVC123456789","order_id":"O-6","reassign_order":true}"#)
            _ = try await call(.post, "/v1/shipments", "/v1/shipments", key: keys.admin,
                               json: #"{"tracking_number":"1Z999AA10123456785","carrier":"ups"}"#)
            _ = try await call(.get, "/v1/shipments", "/v1/shipments?limit=1", key: keys.viewer)
            _ = try await call(.get, "/v1/shipments", "/v1/shipments?status=nope", key: keys.viewer)
            _ = try await call(.get, "/v1/shipments", "/v1/shipments")

            let appended = try await call(.post, "/v1/shipments/{id}/events", "/v1/shipments/\(id)/events", key: keys.admin, json: events)
            _ = try await call(.post, "/v1/shipments/{id}/events", "/v1/shipments/\(id)/events", key: keys.admin, json: #"{"events":[{}]}"#)
            _ = try await call(.post, "/v1/shipments/{id}/events", "/v1/shipments/\(id)/events", key: keys.admin,
                               json: #"{"events":[{"status":"in_transit","occurred_at":"1999-01-01T00:00:00Z","description":"Old"}]}"#)
            _ = try await call(.post, "/v1/shipments/{id}/events", "/v1/shipments/shp_missing/events", key: keys.admin, json: events)
            _ = try await call(.post, "/v1/shipments/{id}/events", "/v1/shipments/\(id)/events", key: keys.viewer, json: events)
            _ = try await call(.get, "/v1/shipments/{id}/events", "/v1/shipments/\(id)/events", key: keys.viewer)
            _ = try await call(.get, "/v1/shipments/{id}/events", "/v1/shipments/shp_missing/events", key: keys.viewer)
            _ = try await call(.get, "/v1/shipments/{id}", "/v1/shipments/\(id)", key: keys.viewer)
            _ = try await call(.get, "/v1/shipments/{id}", "/v1/shipments/shp_missing", key: keys.viewer)
            _ = try await call(.get, "/v1/shipments/{id}", "/v1/shipments/\(id)", key: "wb_wrong")

            let pic = #"{"tracking_number":"9274899998944522537205","carrier":"usps"}"#
            _ = try await call(.post, "/v1/shipments/{id}/legs", "/v1/shipments/\(id)/legs", key: keys.admin, json: pic)
            _ = try await call(.post, "/v1/shipments/{id}/legs", "/v1/shipments/\(id)/legs", key: keys.admin, json: pic)
            _ = try await call(.post, "/v1/shipments/{id}/legs", "/v1/shipments/\(id)/legs", key: keys.admin,
                               json: #"{"tracking_number":"9274899998944522537205","carrier":"nope"}"#)
            _ = try await call(.post, "/v1/shipments/{id}/legs", "/v1/shipments/\(id)/legs", key: keys.viewer, json: pic)
            _ = try await call(.post, "/v1/shipments/{id}/legs", "/v1/shipments/shp_missing/legs", key: keys.admin, json: pic)
            let second = try await call(.post, "/v1/shipments", "/v1/shipments", key: keys.admin, json: #"{"tracking_number":"OASLEG","carrier":"ups"}"#)
            _ = try await call(.post, "/v1/shipments/{id}/legs", "/v1/shipments/\(try #require(second.string("id")))/legs", key: keys.admin, json: pic)
            _ = try await call(.get, "/v1/shipments/{id}/legs", "/v1/shipments/\(id)/legs", key: keys.viewer)
            _ = try await call(.get, "/v1/shipments/{id}/legs", "/v1/shipments/shp_missing/legs", key: keys.viewer)
            _ = try await call(.get, "/v1/shipments/{id}/legs", "/v1/shipments/\(id)/legs")
            _ = try await call(.get, "/v1/shipments/{id}/events", "/v1/shipments/\(id)/events?include=superseded", key: keys.viewer)

            _ = try await call(.get, "/v1/routing-rules", "/v1/routing-rules", key: keys.admin)
            _ = try await call(.get, "/v1/routing-rules", "/v1/routing-rules", key: keys.viewer)
            _ = try await call(.put, "/v1/routing-rules/{carrier}", "/v1/routing-rules/ups", key: keys.admin,
                               json: #"{"trusted_feed":"carrier","poll":"when_webhook_silent","webhook_silence_after_seconds":7200,"fallback_aggregator":"aftership","fallback_after_failures":2}"#)
            _ = try await call(.put, "/v1/routing-rules/{carrier}", "/v1/routing-rules/*", key: keys.admin, json: "{}")
            _ = try await call(.put, "/v1/routing-rules/{carrier}", "/v1/routing-rules/ups", key: keys.admin, json: #"{"poll":"sometimes"}"#)
            _ = try await call(.put, "/v1/routing-rules/{carrier}", "/v1/routing-rules/aftership", key: keys.admin, json: "{}")
            _ = try await call(.put, "/v1/routing-rules/{carrier}", "/v1/routing-rules/ups", key: keys.viewer, json: "{}")
            _ = try await call(.get, "/v1/routing-rules", "/v1/routing-rules", key: keys.admin)
            _ = try await call(.delete, "/v1/routing-rules/{carrier}", "/v1/routing-rules/ups", key: keys.admin)
            _ = try await call(.delete, "/v1/routing-rules/{carrier}", "/v1/routing-rules/ups", key: keys.admin)
            _ = try await call(.delete, "/v1/routing-rules/{carrier}", "/v1/routing-rules/ups")

            let rawID = try #require(appended.string("raw_payload_id"))
            _ = try await call(.get, "/v1/raw-payloads/{id}", "/v1/raw-payloads/\(rawID)", key: keys.support)
            _ = try await call(.get, "/v1/raw-payloads/{id}", "/v1/raw-payloads/\(rawID)", key: keys.viewer)
            _ = try await call(.get, "/v1/raw-payloads/{id}", "/v1/raw-payloads/raw_missing", key: keys.support)
            _ = try await call(.post, "/v1/raw-payloads/{id}/retry", "/v1/raw-payloads/\(rawID)/retry", key: keys.admin)
            _ = try await call(.post, "/v1/raw-payloads/{id}/retry", "/v1/raw-payloads/raw_missing/retry", key: keys.admin)
            _ = try await call(.post, "/v1/raw-payloads/{id}/retry", "/v1/raw-payloads/\(rawID)/retry", key: keys.support)

            _ = try await call(.post, "/v1/orders", "/v1/orders", key: keys.admin,
                               json: #"{"order_id":"O-2","line_items":[{"sku":"S","name":"N","quantity":1}]}"#)
            _ = try await call(.post, "/v1/orders", "/v1/orders", key: keys.admin, json: #"{"order_id":"O-2"}"#)
            _ = try await call(.post, "/v1/orders", "/v1/orders", key: keys.admin, json: #"{"order_id":7}"#)
            _ = try await call(.get, "/v1/orders/{id}", "/v1/orders/O-1", key: keys.support)
            _ = try await call(.get, "/v1/orders/{id}", "/v1/orders/O-404", key: keys.support)
            _ = try await call(.get, "/v1/orders/{id}", "/v1/orders/O-1", key: keys.viewer)

            let endpoint = try await call(.post, "/v1/webhook-endpoints", "/v1/webhook-endpoints", key: keys.admin, json: #"{"carrier":"ups"}"#)
            _ = try await call(.post, "/v1/webhook-endpoints", "/v1/webhook-endpoints", key: keys.admin, json: #"{"carrier":"nope"}"#)
            _ = try await call(.post, "/v1/webhook-endpoints", "/v1/webhook-endpoints", key: keys.viewer, json: #"{"carrier":"ups"}"#)
            _ = try await call(.get, "/v1/webhook-endpoints", "/v1/webhook-endpoints", key: keys.admin)
            let endpointID = try #require(endpoint.string("id"))
            let rotated = try await call(.post, "/v1/webhook-endpoints/{id}/rotate-secret", "/v1/webhook-endpoints/\(endpointID)/rotate-secret", key: keys.admin)
            _ = try await call(.post, "/v1/webhook-endpoints/{id}/rotate-secret", "/v1/webhook-endpoints/whe_missing/rotate-secret", key: keys.admin)
            let hook = "/v1/webhooks/carriers/{carrier}/{id}"
            let alert = WebhookTests.trackAlert("1ZOPENAPI000000001")
            _ = try await call(.post, hook, "/v1/webhooks/carriers/ups/\(endpointID)", json: alert,
                               headers: [.init("credential")!: try #require(rotated.string("secret"))])
            _ = try await call(.post, hook, "/v1/webhooks/carriers/ups/\(endpointID)", json: alert, headers: [.init("credential")!: "wrong"])
            _ = try await call(.post, hook, "/v1/webhooks/carriers/ups/whe_missing", json: alert)
            _ = try await call(.get, "/v1/raw-payloads", "/v1/raw-payloads?status=failed", key: keys.support)
            _ = try await call(.get, "/v1/raw-payloads", "/v1/raw-payloads?status=odd", key: keys.support)
            _ = try await call(.get, "/v1/raw-payloads", "/v1/raw-payloads", key: keys.viewer)
            _ = try await call(.get, "/v1/unmapped-codes", "/v1/unmapped-codes", key: keys.admin)
            _ = try await call(.get, "/v1/unmapped-codes", "/v1/unmapped-codes", key: keys.viewer)
            _ = try await call(.get, "/v1/unmapped-codes", "/v1/unmapped-codes")
            _ = try await call(.delete, "/v1/webhook-endpoints/{id}", "/v1/webhook-endpoints/\(endpointID)", key: keys.admin)
            _ = try await call(.delete, "/v1/webhook-endpoints/{id}", "/v1/webhook-endpoints/\(endpointID)", key: keys.admin)

            _ = try await call(.delete, "/v1/shipments/{id}", "/v1/shipments/\(id)", key: keys.admin)
            _ = try await call(.delete, "/v1/shipments/{id}", "/v1/shipments/shp_missing", key: keys.admin)

            // Notifications (issue 6): insert before `var covered = Set<String>()` in OpenAPIConformanceTests.
            let subscription = try await call(.post, "/v1/webhook-subscriptions", "/v1/webhook-subscriptions", key: keys.admin,
                                              json: #"{"url":"http://127.0.0.1:9/hook","event_types":["shipment.status_changed"]}"#)
            _ = try await call(.post, "/v1/webhook-subscriptions", "/v1/webhook-subscriptions", key: keys.admin, json: #"{"url":"nope","event_types":[]}"#)
            _ = try await call(.post, "/v1/webhook-subscriptions", "/v1/webhook-subscriptions", key: keys.viewer,
                               json: #"{"url":"http://x.example","event_types":["shipment.stale"]}"#)
            _ = try await call(.get, "/v1/webhook-subscriptions", "/v1/webhook-subscriptions", key: keys.admin)
            let subscriptionID = try #require(subscription.string("id"))
            _ = try await call(.get, "/v1/webhook-subscriptions/{id}", "/v1/webhook-subscriptions/\(subscriptionID)", key: keys.admin)
            _ = try await call(.get, "/v1/webhook-subscriptions/{id}", "/v1/webhook-subscriptions/whs_missing", key: keys.admin)
            _ = try await call(.post, "/v1/webhook-subscriptions/{id}/rotate-secret", "/v1/webhook-subscriptions/\(subscriptionID)/rotate-secret",
                               key: keys.admin, json: #"{"overlap_seconds":60}"#)
            _ = try await call(.post, "/v1/webhook-subscriptions/{id}/rotate-secret", "/v1/webhook-subscriptions/whs_missing/rotate-secret", key: keys.admin)
            let notified = try await call(.post, "/v1/shipments", "/v1/shipments", key: keys.admin, json: #"{"tracking_number":"OASN1","carrier":"ups"}"#)
            _ = try await call(.post, "/v1/shipments/{id}/events", "/v1/shipments/\(try #require(notified.string("id")))/events", key: keys.admin, json: events)
            let deliveryLog = try await call(.get, "/v1/deliveries", "/v1/deliveries?channel=webhook", key: keys.admin)
            _ = try await call(.get, "/v1/deliveries", "/v1/deliveries?state=odd", key: keys.admin)
            _ = try await call(.get, "/v1/deliveries", "/v1/deliveries", key: keys.viewer)
            let deliveryID = try #require(deliveryLog.json["data"]?.arrayValue?.first?["id"]?.stringValue)
            _ = try await call(.get, "/v1/deliveries/{id}", "/v1/deliveries/\(deliveryID)", key: keys.admin)
            _ = try await call(.get, "/v1/deliveries/{id}", "/v1/deliveries/msg_missing", key: keys.admin)
            _ = try await call(.post, "/v1/deliveries/replay", "/v1/deliveries/replay", key: keys.admin, json: #"{"ids":["\#(deliveryID)"]}"#)
            _ = try await call(.post, "/v1/deliveries/replay", "/v1/deliveries/replay", key: keys.admin, json: "{}")
            _ = try await call(.get, "/v1/alert-rules", "/v1/alert-rules", key: keys.admin)
            _ = try await call(.get, "/v1/alert-rules", "/v1/alert-rules", key: keys.viewer)
            let rule = try await call(.post, "/v1/alert-rules", "/v1/alert-rules", key: keys.admin,
                                      json: #"{"name":"R","trigger":{"type":"status_entered","status":"delivered"},"channel":"in_app","template":"delivered","audience":"merchant"}"#)
            _ = try await call(.post, "/v1/alert-rules", "/v1/alert-rules", key: keys.admin,
                               json: #"{"name":"R","trigger":{"type":"stale"},"channel":"sms","template":"t","audience":"customer"}"#)
            let ruleID = try #require(rule.string("id"))
            _ = try await call(.get, "/v1/alert-rules/{id}", "/v1/alert-rules/\(ruleID)", key: keys.admin)
            _ = try await call(.get, "/v1/alert-rules/{id}", "/v1/alert-rules/rul_missing", key: keys.admin)
            _ = try await call(.put, "/v1/alert-rules/{id}", "/v1/alert-rules/\(ruleID)", key: keys.admin,
                               json: #"{"name":"R2","trigger":{"type":"delivered"},"channel":"in_app","template":"delivered","audience":"merchant"}"#)
            _ = try await call(.put, "/v1/alert-rules/{id}", "/v1/alert-rules/\(ruleID)", key: keys.admin, json: #"{"name":"R2"}"#)
            _ = try await call(.patch, "/v1/alert-rules/{id}", "/v1/alert-rules/\(ruleID)", key: keys.admin, json: #"{"enabled":false}"#)
            _ = try await call(.patch, "/v1/alert-rules/{id}", "/v1/alert-rules/rul_missing", key: keys.admin, json: #"{"enabled":false}"#)
            _ = try await call(.delete, "/v1/alert-rules/{id}", "/v1/alert-rules/\(ruleID)", key: keys.admin)
            _ = try await call(.delete, "/v1/alert-rules/{id}", "/v1/alert-rules/\(ruleID)", key: keys.admin)
            _ = try await call(.get, "/v1/notifications", "/v1/notifications?limit=5", key: keys.support)
            _ = try await call(.get, "/v1/notifications", "/v1/notifications", key: keys.viewer)
            _ = try await call(.get, "/v1/notifications/stream", "/v1/notifications/stream", key: keys.viewer)
            _ = try await call(.get, "/v1/notifications/stream", "/v1/notifications/stream")
            _ = try await call(.delete, "/v1/webhook-subscriptions/{id}", "/v1/webhook-subscriptions/\(subscriptionID)", key: keys.admin)
            _ = try await call(.delete, "/v1/webhook-subscriptions/{id}", "/v1/webhook-subscriptions/\(subscriptionID)", key: keys.admin)
            // Notification channels and template preview (issue 6).
            _ = try await call(.put, "/v1/notification-channels/{kind}", "/v1/notification-channels/email", key: keys.admin, json: #"{"host":"smtp.example.com","port":587,"username":"u","password":"p","from":"Shop <shop@example.com>"}"#)
            _ = try await call(.put, "/v1/notification-channels/{kind}", "/v1/notification-channels/email", key: keys.admin, json: #"{"host":"smtp.example.com","port":0,"from":"a@example.com"}"#)
            _ = try await call(.get, "/v1/notification-channels/{kind}", "/v1/notification-channels/email", key: keys.admin)
            _ = try await call(.post, "/v1/alert-templates/preview", "/v1/alert-templates/preview", key: keys.admin, json: #"{"template":"shipped","channel":"email","shipment_id":"\#(id)"}"#)
            _ = try await call(.delete, "/v1/notification-channels/{kind}", "/v1/notification-channels/email", key: keys.admin)
            _ = try await call(.get, "/v1/notification-channels/{kind}", "/v1/notification-channels/email", key: keys.admin)
            // Imports (issue 4).
            let csv: HTTPFields = [.contentType: "text/csv"]
            let imported = try await call(.post, "/v1/imports", "/v1/imports?file_name=s.csv", key: keys.admin,
                                          json: "tracking_number,carrier\nOASI1,ups\n", headers: csv)
            _ = try await call(.post, "/v1/imports", "/v1/imports?file_name=s.csv", key: keys.admin,
                               json: "tracking_number,carrier\nOASI1,ups\n", headers: csv)
            _ = try await call(.post, "/v1/imports", "/v1/imports", key: keys.admin, json: "words", headers: [.contentType: "text/plain"])
            _ = try await call(.post, "/v1/imports", "/v1/imports", key: keys.viewer, json: "tracking_number\nX\n", headers: csv)
            _ = try await call(.get, "/v1/imports", "/v1/imports", key: keys.viewer)
            _ = try await call(.get, "/v1/imports", "/v1/imports")
            let importID = try #require(imported.string("id"))
            _ = try await call(.get, "/v1/imports/{id}", "/v1/imports/\(importID)", key: keys.viewer)
            _ = try await call(.get, "/v1/imports/{id}", "/v1/imports/imp_missing", key: keys.viewer)
            _ = try await call(.get, "/v1/imports/{id}/acknowledgment", "/v1/imports/\(importID)/acknowledgment", key: keys.viewer)

            // Customer pages, widget, branding and support view (issue 5).
            let token = try #require(created.string("public_url")?.split(separator: "/").last.map(String.init))
            let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            _ = try await call(.get, "/v1/branding", "/v1/branding", key: keys.viewer)
            _ = try await call(.get, "/v1/branding", "/v1/branding")
            _ = try await call(.put, "/v1/branding", "/v1/branding", key: keys.admin, json: ##"{"display_name":"Acme","primary_color":"#1a4d8f"}"##)
            _ = try await call(.put, "/v1/branding", "/v1/branding", key: keys.admin, json: #"{"primary_color":"nope"}"#)
            _ = try await call(.put, "/v1/branding", "/v1/branding", key: keys.support, json: "{}")
            _ = try await call(.get, "/v1/branding/preview", "/v1/branding/preview", key: keys.viewer)
            _ = try await call(.post, "/v1/branding/preview", "/v1/branding/preview", key: keys.admin, json: "{}")
            _ = try await call(.post, "/v1/branding/preview", "/v1/branding/preview", key: keys.admin, json: #"{"font":"comic"}"#)
            _ = try await call(.get, "/t/{token}", "/t/\(token)")
            _ = try await call(.get, "/t/{token}", "/t/unknown-token-0000000000")
            _ = try await call(.get, "/t/{token}/embed", "/t/\(token)/embed")
            _ = try await call(.get, "/t/{token}/widget.json", "/t/\(token)/widget.json")
            _ = try await call(.get, "/t/{token}/email", "/t/\(token)/email")
            _ = try await call(.get, "/t/{token}/status.png", "/t/\(token)/status.png")
            _ = try await call(.get, "/track", "/track")
            _ = try await call(.get, "/track", "/track?number=OAS1")
            _ = try await call(.post, "/track", "/track", json: "order=O-1&verify=a%40b.co", headers: form)
            _ = try await call(.post, "/track/widget.json", "/track/widget.json", json: "tenant=x&order=O-1&verify=", headers: form)
            _ = try await call(.get, "/widget.js", "/widget.js")
            _ = try await call(.get, "/assets/{file}", "/assets/waybill.css")
            _ = try await call(.get, "/support", "/support", key: keys.support)
            _ = try await call(.get, "/support", "/support")
            _ = try await call(.post, "/support/login", "/support/login", json: "key=\(keys.support)", headers: form)
            _ = try await call(.post, "/support/logout", "/support/logout")
            _ = try await call(.get, "/support/shipments/{id}", "/support/shipments/\(id)", key: keys.support)
            _ = try await call(.get, "/support/shipments/{id}", "/support/shipments/shp_missing", key: keys.support)

            // API keys (issue 17).
            let apiKey = try await call(.post, "/v1/api-keys", "/v1/api-keys", key: keys.admin, json: #"{"role":"viewer","name":"n","expires_in":"90d","rate_limit":{"per_second":5}}"#)
            _ = try await call(.post, "/v1/api-keys", "/v1/api-keys", key: keys.admin, json: #"{"role":"owner"}"#)
            _ = try await call(.post, "/v1/api-keys", "/v1/api-keys", key: keys.viewer, json: #"{"role":"viewer"}"#)
            _ = try await call(.get, "/v1/api-keys", "/v1/api-keys", key: keys.admin)
            let apiKeyID = try #require(apiKey.string("id"))
            _ = try await call(.post, "/v1/api-keys/{id}/rotate", "/v1/api-keys/\(apiKeyID)/rotate", key: keys.admin, json: #"{"overlap":"1h"}"#)
            _ = try await call(.post, "/v1/api-keys/{id}/rotate", "/v1/api-keys/\(apiKeyID)/rotate", key: keys.admin)
            _ = try await call(.post, "/v1/api-keys/{id}/rotate", "/v1/api-keys/key_missing/rotate", key: keys.admin)
            _ = try await call(.delete, "/v1/api-keys/{id}", "/v1/api-keys/\(apiKeyID)", key: keys.admin)
            _ = try await call(.delete, "/v1/api-keys/{id}", "/v1/api-keys/\(apiKeyID)", key: keys.admin)

            // The audit log (issue 17).
            let auditPage = try await call(.get, "/v1/audit-log", "/v1/audit-log?limit=2", key: keys.admin)
            _ = try await call(.get, "/v1/audit-log", "/v1/audit-log?cursor=\(try #require(auditPage.string("next_cursor")))&action=api_key.created", key: keys.admin)
            _ = try await call(.get, "/v1/audit-log", "/v1/audit-log?since=yesterday", key: keys.admin)
            _ = try await call(.get, "/v1/audit-log", "/v1/audit-log", key: keys.viewer)

            // OAuth 2.0 clients and the token endpoint (tokens are signed with the tests' installation key).
            try TestSecretKey.installShared()
            let oauthClient = try await call(.post, "/v1/oauth-clients", "/v1/oauth-clients", key: keys.admin,
                                             json: #"{"role":"integration","name":"oas"}"#)
            _ = try await call(.post, "/v1/oauth-clients", "/v1/oauth-clients", key: keys.admin, json: #"{"role":"root"}"#)
            _ = try await call(.post, "/v1/oauth-clients", "/v1/oauth-clients", key: keys.viewer, json: #"{"role":"viewer"}"#)
            _ = try await call(.post, "/v1/oauth-clients", "/v1/oauth-clients", json: #"{"role":"viewer"}"#)
            _ = try await call(.get, "/v1/oauth-clients", "/v1/oauth-clients", key: keys.admin)
            _ = try await call(.get, "/v1/oauth-clients", "/v1/oauth-clients", key: keys.integration)
            let clientID = try #require(oauthClient.string("client_id"))
            let clientSecret = try #require(oauthClient.string("client_secret"))
            let issued = try await call(.post, "/oauth/token", "/oauth/token",
                                        json: "grant_type=client_credentials&client_id=\(clientID)&client_secret=\(clientSecret)", headers: form)
            #expect(issued.status == 200)
            _ = try await call(.post, "/oauth/token", "/oauth/token",
                               json: "grant_type=password&client_id=\(clientID)&client_secret=\(clientSecret)", headers: form)
            var basic = form
            basic[.authorization] = "Basic " + Data("\(clientID):wrong".utf8).base64EncodedString()
            _ = try await call(.post, "/oauth/token", "/oauth/token", json: "grant_type=client_credentials", headers: basic)
            _ = try await call(.get, "/.well-known/jwks.json", "/.well-known/jwks.json")
            _ = try await call(.get, "/v1/shipments", "/v1/shipments", key: issued.string("access_token"))
            _ = try await call(.delete, "/v1/oauth-clients/{id}", "/v1/oauth-clients/\(clientID)", key: keys.admin)
            _ = try await call(.delete, "/v1/oauth-clients/{id}", "/v1/oauth-clients/\(clientID)", key: keys.admin)
            _ = try await call(.delete, "/v1/oauth-clients/{id}", "/v1/oauth-clients/\(clientID)", key: keys.viewer)

            // Retention and erasure (issue 17, part 5).
            _ = try await call(.get, "/v1/retention", "/v1/retention", key: keys.admin)
            _ = try await call(.get, "/v1/retention", "/v1/retention", key: keys.viewer)
            _ = try await call(.put, "/v1/retention", "/v1/retention", key: keys.admin, json: #"{"personal_data_days":30,"payload_days":200}"#)
            _ = try await call(.put, "/v1/retention", "/v1/retention", key: keys.admin, json: #"{"payload_days":200,"audit_log_days":100}"#)
            _ = try await call(.put, "/v1/retention", "/v1/retention", key: keys.integration, json: #"{"payload_days":200}"#)
            _ = try await call(.delete, "/v1/customers", "/v1/customers", key: keys.admin, json: #"{"email":"nobody@example.com"}"#)
            _ = try await call(.delete, "/v1/customers", "/v1/customers", key: keys.admin, json: #"{}"#)
            _ = try await call(.delete, "/v1/customers", "/v1/customers", key: keys.viewer, json: #"{"phone":"+1 415 555 0100"}"#)
            _ = try await call(.get, "/v1/retention", "/v1/retention")

            var covered = Set<String>()
            for exchange in exchanges {
                let label = "\(exchange.method.uppercased()) \(exchange.template) → \(exchange.response.status)"
                guard let operation = document["paths"]?[exchange.template]?[exchange.method] else {
                    Issue.record("\(label): the operation is not in openapi.json")
                    continue
                }
                covered.insert("\(exchange.method) \(exchange.template)")
                guard let documented = operation["responses"]?["\(exchange.response.status)"] else {
                    Issue.record("\(label): status not documented")
                    continue
                }
                let resolved = SchemaChecker(document: document).resolve(documented)
                if let schema = resolved["content"]?["application/json"]?["schema"], !exchange.response.body.isEmpty {
                    let problems = SchemaChecker(document: document).problems(exchange.response.json, schema, at: "$")
                    #expect(problems.isEmpty, "\(label): \(problems.joined(separator: "; "))")
                }
            }
            guard case .object(let paths)? = document["paths"] else { Issue.record("no paths"); return }
            for (path, operations) in paths {
                guard case .object(let methods) = operations else { continue }
                for method in methods.keys where ["get", "post", "put", "delete", "patch"].contains(method) {
                    #expect(covered.contains("\(method) \(path)"), "\(method.uppercased()) \(path) is documented but not exercised")
                }
            }
        }
    }
}

/// The parts of JSON Schema the document uses: $ref, type (and type lists), required,
/// properties, additionalProperties false, items, enum, anyOf/oneOf, format date-time.
struct SchemaChecker {
    let document: JSONValue

    func resolve(_ value: JSONValue) -> JSONValue {
        guard let ref = value["$ref"]?.stringValue, ref.hasPrefix("#/") else { return value }
        var target: JSONValue? = document
        for part in ref.dropFirst(2).split(separator: "/") { target = target?[String(part)] }
        return resolve(target ?? .null)
    }

    func problems(_ value: JSONValue, _ rawSchema: JSONValue, at path: String) -> [String] {
        let schema = resolve(rawSchema)
        if let options = (schema["anyOf"] ?? schema["oneOf"])?.arrayValue {
            let results = options.map { problems(value, $0, at: path) }
            return results.contains { $0.isEmpty } ? [] : ["\(path) matches none of the alternatives: \(results.flatMap { $0 }.prefix(3))"]
        }
        if let allowed = schema["enum"]?.arrayValue, !allowed.contains(value) {
            return ["\(path) = \(value) is not one of the enum values"]
        }
        if let type = schema["type"] {
            let types = type.arrayValue?.compactMap(\.stringValue) ?? [type.stringValue].compactMap { $0 }
            guard types.contains(where: { matches(value, $0) }) else { return ["\(path) should be \(types.joined(separator: "|")), is \(value)"] }
        }
        var found: [String] = []
        if schema["format"]?.stringValue == "date-time", case .string(let text) = value, Timestamp.parse(text) == nil {
            found.append("\(path) = \(text) is not a date-time")
        }
        if case .object(let members) = value {
            for key in schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where members[key] == nil {
                found.append("\(path).\(key) is required but missing")
            }
            let properties = schema["properties"]
            for (key, member) in members {
                if let propertySchema = properties?[key] {
                    found += problems(member, propertySchema, at: "\(path).\(key)")
                } else if schema["additionalProperties"] == .bool(false) {
                    found.append("\(path).\(key) is not in the schema")
                } else if let additional = schema["additionalProperties"], case .object = additional {
                    found += problems(member, additional, at: "\(path).\(key)")
                }
            }
        }
        if case .array(let items) = value, let itemSchema = schema["items"] {
            for (index, item) in items.enumerated() { found += problems(item, itemSchema, at: "\(path)[\(index)]") }
        }
        return found
    }

    private func matches(_ value: JSONValue, _ type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array), ("object", .object), ("number", .number):
            return true
        case ("integer", .number(let number)):
            return number.rounded() == number
        default:
            return false
        }
    }
}
