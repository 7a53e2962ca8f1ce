import Crypto
import Foundation
import Testing
import WaybillCore
import WaybillIngest
import WaybillNotify
import WaybillStore
import WaybillTestSupport

/// Legs and routing rules through the API, and a webhook about a leg's number (issue 4, item 6).
@Suite("Routing API")
struct RoutingAPITests {
    @Test(arguments: TestDatabase.available)
    func aWebhookAboutALinkedNumberLandsOnItsShipmentWithItsCarrier(_ database: TestDatabase) async throws {
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("WaybillCarriersTests/Fixtures/aftership/webhook-attempt-pickup.json")
        let body = try Data(contentsOf: fixture)
        try await TestApp.run(database) { api, keys, _ in
            // A UPS parcel whose last mile Royal Mail delivers under its own number.
            let created = try await api.createShipment(keys.integration, "1Z999AA10123456784", extra: #","carrier":"ups""#)
            let id = try #require(created.string("id"))
            let leg = #"{"tracking_number":"jjd 0003 9001 2345 678","carrier":"royal_mail"}"#
            let linked = try await api.send(.post, "/v1/shipments/\(id)/legs", key: keys.integration, json: leg)
            #expect(linked.status == 201)
            #expect(linked.string("tracking_number") == "JJD000390012345678" && linked.string("role") == "added")
            #expect(linked.string("linked_by") == "api" && linked.string("poll_state") == "active")
            #expect(try await api.send(.post, "/v1/shipments/\(id)/legs", key: keys.integration, json: leg).status == 200)
            let own = try await api.send(.post, "/v1/shipments/\(id)/legs", key: keys.integration,
                                         json: #"{"tracking_number":"1Z999AA10123456784","carrier":"ups"}"#)
            #expect(own.status == 400 && own.errorPath == "tracking_number")
            let other = try #require(try await api.createShipment(keys.integration, "1Z12345E0205271688").string("id"))
            let taken = try await api.send(.post, "/v1/shipments/\(other)/legs", key: keys.integration, json: leg)
            #expect(taken.status == 409, "\(String(decoding: taken.body, as: UTF8.self))")
            #expect(try await api.send(.post, "/v1/shipments/\(id)/legs", key: keys.viewer, json: leg).status == 403)

            // Royal Mail's scans, relayed by AfterShip, join the UPS shipment's timeline.
            let endpoint = try await api.send(.post, "/v1/webhook-endpoints", key: keys.admin, json: #"{"carrier":"aftership"}"#)
            let secret = try #require(endpoint.string("secret"))
            let signature = Data(HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Data(secret.utf8)))).base64EncodedString()
            let posted = try await api.send(.post, "/v1/webhooks/carriers/aftership/\(try #require(endpoint.string("id")))",
                                            json: String(decoding: body, as: UTF8.self),
                                            headers: [.init("aftership-hmac-sha256")!: signature])
            #expect(posted.status == 202)
            var shipment = APIResponse(status: 0, headers: [:], body: Data())
            #expect(try await WebhookTests.eventually {
                shipment = try await api.send(.get, "/v1/shipments/\(id)", key: keys.viewer)
                return shipment.string("status") == "available_for_pickup"
            })
            #expect(shipment.string("carrier") == "ups")
            #expect(shipment.json["legs"]?.arrayValue?.compactMap { $0["tracking_number"]?.stringValue } == ["JJD000390012345678"])
            let events = try await api.send(.get, "/v1/shipments/\(id)/events", key: keys.viewer).json["data"]?.arrayValue ?? []
            #expect(events.count == 7)
            #expect(events.allSatisfy { $0["carrier"]?.stringValue == "royal_mail" && $0["reported_by"]?.stringValue == "aftership" })
            #expect(events.allSatisfy { $0["superseded_by"] == .null })
            // Freshness counts for the carrier that scanned, not the aggregator that relayed.
            let metrics = String(decoding: try await api.send(.get, "/metrics").body, as: UTF8.self)
            #expect(metrics.contains(#"waybill_freshness_lag_seconds_count{carrier="royal_mail",source="webhook"}"#))
            // No second shipment was made for the Royal Mail number.
            let search = try await api.send(.get, "/v1/shipments?tracking_number=JJD000390012345678", key: keys.viewer)
            #expect(search.json["data"]?.arrayValue?.isEmpty == true)
        }
    }

    @Test(arguments: TestDatabase.available)
    func routingRulesAreValidatedSavedAndDeleted(_ database: TestDatabase) async throws {
        try await TestApp.run(database) { api, keys, _ in
            let empty = try await api.send(.get, "/v1/routing-rules", key: keys.admin)
            #expect(empty.status == 200 && empty.json["data"]?.arrayValue?.isEmpty == true)
            #expect(empty.string("default", "poll") == "always" && empty.string("default", "trusted_feed") == "carrier")
            let body = #"{"trusted_feed":"aggregator","poll":"when_webhook_silent","webhook_silence_after_seconds":7200,"fallback_aggregator":"easypost","fallback_after_failures":2}"#
            let saved = try await api.send(.put, "/v1/routing-rules/UPS", key: keys.admin, json: body)
            #expect(saved.status == 200 && saved.string("carrier") == "ups" && saved.string("fallback_aggregator") == "easypost")
            #expect(saved.json["webhook_silence_after_seconds"] == .number(7200) && saved.json["fallback_after_failures"] == .number(2))
            let fallback = try await api.send(.put, "/v1/routing-rules/*", key: keys.admin, json: #"{"poll":"never"}"#)
            #expect(fallback.status == 200 && fallback.string("trusted_feed") == "carrier")
            let listed = try await api.send(.get, "/v1/routing-rules", key: keys.admin)
            #expect(listed.json["data"]?.arrayValue?.compactMap { $0["carrier"]?.stringValue } == ["*", "ups"])
            #expect(listed.string("default", "poll") == "never")

            let bad: [(String, String, String)] = [
                ("ups", #"{"poll":"sometimes"}"#, "poll"),
                ("ups", #"{"webhook_silence_after_seconds":5}"#, "webhook_silence_after_seconds"),
                ("ups", #"{"fallback_aggregator":"17track"}"#, "fallback_aggregator"),
                ("ups", #"{"colour":"red"}"#, "colour"),
                ("aftership", "{}", "carrier"),
                ("nope", "{}", "carrier"),
            ]
            for (carrier, json, field) in bad {
                let response = try await api.send(.put, "/v1/routing-rules/\(carrier)", key: keys.admin, json: json)
                #expect(response.status == 400 && response.errorPath == field, "\(carrier) \(json)")
            }
            #expect(try await api.send(.put, "/v1/routing-rules/ups", key: keys.integration, json: "{}").status == 403)
            #expect(try await api.send(.delete, "/v1/routing-rules/ups", key: keys.admin).status == 204)
            #expect(try await api.send(.delete, "/v1/routing-rules/ups", key: keys.admin).status == 404)
        }
    }

    @Test func supportSeesBothFeedsAndWhichCopyIsNotTrusted() async throws {
        try await TestApp.run { api, keys, store in
            let created = try await api.createShipment(keys.integration, "1Z999AA10123456784", extra: #","carrier":"ups""#)
            let id = try #require(created.string("id"))
            let tenantID = try #require(try await store.tenant(named: "acme")).id
            let scan = { (minutes: Double, code: String) in
                CanonicalEvent(status: .inTransit, substatus: .departedFacility, carrierCode: code,
                               occurredAt: Date(timeIntervalSince1970: 1_800_000_000 + minutes * 60), zoneSource: .carrierUTC)
            }
            for (feed, minutes, code) in [("ups", 0.0, "DP"), ("aftership", 2.0, "InTransit_002")] {
                _ = try await IngestPipeline(store: store, observers: [OutboxWriter()]).ingest(IngestBatch(
                    tenantID: tenantID, raw: NewRawPayload(source: .webhook, carrier: feed, contentType: "application/json", body: Data(code.utf8)),
                    events: [.init(shipmentID: id, event: scan(minutes, code), carrier: "ups")], actor: "test"))
            }
            let page = String(decoding: try await api.send(.get, "/support/shipments/\(id)", key: keys.support).body, as: UTF8.self)
            #expect(page.contains(#"<tr class="superseded">"#) && page.contains("ups via aftership") && page.contains("not trusted"))
            let events = try await api.send(.get, "/v1/shipments/\(id)/events", key: keys.viewer).json["data"]?.arrayValue ?? []
            #expect(events.compactMap { $0["carrier_code"]?.stringValue } == ["DP"])
            let all = try await api.send(.get, "/v1/shipments/\(id)/events?include=superseded", key: keys.viewer).json["data"]?.arrayValue ?? []
            #expect(all.count == 2 && all.last?["superseded_by"]?.stringValue == events.first?["id"]?.stringValue)
        }
    }
}
