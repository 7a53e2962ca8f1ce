// Threat: a tenant points its outbound webhooks (or SMS base URL) at addresses that refuse or never
// answer; each attempt then holds a delivery slot for the whole request timeout, so a few dead
// receivers slow every tenant's notifications, and the recorded error says nothing a person can use.
//
// Defence: outbound deliveries connect with a 3 s connect timeout and do not retry the connection
// inside one attempt (a refused connection fails at once and is retried by the retry policy); the
// overall timeout stays `WAYBILL_NOTIFY_TIMEOUT_SECONDS` (webhooks) and the SMS timeout; the recorded
// error is a sentence ("connection refused by 127.0.0.1:9"), not a dump of NIO's error types.

import Foundation
import Testing
import WaybillCore
import WaybillTestSupport

@Suite("Attack: dead webhook receivers")
struct DeadReceiverAttackTests {
    @Test func aRefusedConnectionFailsAtOnceWithReadableText() async throws {
        try await TestApp.run(.sqlite, over: .live) { api, keys, _ in
            let port = try WaybillProcess.freePort()  // nothing listens there
            let subscription = try await api.send(.post, "/v1/webhook-subscriptions", key: keys.admin,
                                                  json: #"{"url":"http://127.0.0.1:\#(port)/hook","event_types":["shipment.status_changed"]}"#)
            #expect(subscription.status == 201)
            let shipment = try await api.createShipment(keys.admin, "1Z999AA10123456784")
            let id = try #require(shipment.string("id"))
            let events = #"{"events":[{"status":"delivered","occurred_at":"2026-11-20T14:05:00+01:00","description":"Delivered"}]}"#
            #expect(try await api.send(.post, "/v1/shipments/\(id)/events", key: keys.admin, json: events).status < 300)

            var attempt: JSONValue?
            let started = Date()
            for _ in 0..<150 where attempt == nil {
                let log = try await api.send(.get, "/v1/deliveries?channel=webhook", key: keys.admin)
                if let first = log.json["data"]?.arrayValue?.first?["id"]?.stringValue {
                    let detail = try await api.send(.get, "/v1/deliveries/\(first)", key: keys.admin)
                    attempt = detail.json["attempts"]?.arrayValue?.first
                }
                if attempt == nil { try await Task.sleep(for: .milliseconds(100)) }
            }
            let recorded = try #require(attempt, "no attempt recorded in \(Date().timeIntervalSince(started)) s")
            guard case .number(let latency)? = recorded["latency_ms"] else { Issue.record("no latency: \(recorded)"); return }
            // Before the defence: 10,000 ms (the whole request timeout) per attempt.
            #expect(latency < 3_500, "a refused connection held the attempt for \(latency) ms")
            let error = recorded["error"]?.stringValue ?? ""
            #expect(error.contains("connection refused by 127.0.0.1:\(port)"), "\(error)")
            #expect(!error.contains("NIO") && !error.contains("HTTPClientError"), "\(error)")
        }
    }
}
