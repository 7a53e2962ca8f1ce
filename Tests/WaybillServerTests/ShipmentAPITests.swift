import Foundation
import Testing
import WaybillCore
import WaybillTestSupport

@Suite("Shipments API")
struct ShipmentAPITests {
    @Test(arguments: TestDatabase.available)
    func registeringIsIdempotentAndNeverDuplicates(_ database: TestDatabase) async throws {
        try await TestApp.run(database) { api, keys, _ in
            let customer = #","order_id":"1001","customer":{"email":"Ana@Example.com","postal_code":"75001","locale":"fr-FR","time_zone":"Europe/Paris"},"metadata":{"channel":"web"}"#
            let created = try await api.createShipment(keys.integration, "1z 999 aa1 0123456784", extra: customer)
            #expect(created.status == 201)
            let id = try #require(created.string("id"))
            #expect(id.hasPrefix("shp_"))
            #expect(created.string("tracking_number") == "1Z999AA10123456784")
            #expect(created.string("status") == "pending")
            #expect(created.string("order_id") == "1001")
            #expect(created.string("customer", "email") == "a***@example.com", "an integration key reads personal data masked")
            let publicURL = try #require(created.string("public_url"))
            #expect(publicURL.hasPrefix(TestApp.publicBaseURL + "/t/") && !publicURL.contains("1Z999"))
            #expect(created.headers[.init("X-Request-Id")!] != nil)

            let again = try await api.createShipment(keys.integration, "1Z999AA10123456784")
            #expect(again.status == 200 && again.string("id") == id)

            // Idempotency-Key: the same request replays the first answer; another request is refused.
            let body = #"{"tracking_number":"9400111899223100000000","carrier":"usps"}"#
            let first = try await api.send(.post, "/v1/shipments", key: keys.admin, json: body, headers: [.init("Idempotency-Key")!: "k-1"])
            let replay = try await api.send(.post, "/v1/shipments", key: keys.admin, json: body, headers: [.init("Idempotency-Key")!: "k-1"])
            #expect(first.status == 201 && replay.status == 201 && replay.body == first.body)
            #expect(replay.headers[.init("Idempotent-Replayed")!] == "true")
            let reused = try await api.send(.post, "/v1/shipments", key: keys.admin, json: #"{"tracking_number":"OTHER1"}"#,
                                            headers: [.init("Idempotency-Key")!: "k-1"])
            #expect(reused.status == 422 && reused.errorCode == "idempotency_key_reused")
        }
    }

    struct BadRequest: Sendable, CustomTestStringConvertible {
        var name: String
        var body: String
        var code: String
        var path: String?
        var testDescription: String { name }
    }

    static let badRequests: [BadRequest] = [
        BadRequest(name: "malformed JSON", body: #"{"tracking_number": "#, code: "malformed_json", path: "$"),
        BadRequest(name: "not an object", body: #"["1Z"]"#, code: "invalid_request", path: "$"),
        BadRequest(name: "unknown field", body: #"{"tracking_number":"1Z1","colour":"red"}"#, code: "invalid_request", path: "colour"),
        BadRequest(name: "unknown nested field", body: #"{"tracking_number":"1Z1","customer":{"emial":"a@b.co"}}"#,
                   code: "invalid_request", path: "customer.emial"),
        BadRequest(name: "missing tracking number", body: #"{"carrier":"ups"}"#, code: "invalid_request", path: "tracking_number"),
        BadRequest(name: "number as tracking number", body: #"{"tracking_number":12345}"#, code: "invalid_request", path: "tracking_number"),
        BadRequest(name: "empty tracking number", body: #"{"tracking_number":"  "}"#, code: "invalid_request", path: "tracking_number"),
        BadRequest(name: "bad email", body: #"{"tracking_number":"1Z1","customer":{"email":"nobody"}}"#,
                   code: "invalid_request", path: "customer.email"),
        BadRequest(name: "bad time zone", body: #"{"tracking_number":"1Z1","customer":{"time_zone":"Mars/Olympus"}}"#,
                   code: "invalid_request", path: "customer.time_zone"),
        BadRequest(name: "metadata not strings", body: #"{"tracking_number":"1Z1","metadata":{"n":1}}"#,
                   code: "invalid_request", path: "metadata.n"),
    ]

    @Test(arguments: badRequests)
    func badShipmentRequestsGetAPreciseError(_ bad: BadRequest) async throws {
        try await TestApp.run { api, keys, store in
            let response = try await api.send(.post, "/v1/shipments", key: keys.admin, json: bad.body)
            #expect(response.status == 400)
            #expect(response.errorCode == bad.code)
            #expect(response.errorPath == bad.path)
            #expect(response.string("error", "message")?.isEmpty == false)
            let list = try await api.send(.get, "/v1/shipments", key: keys.admin)
            #expect(list.json["data"]?.arrayValue?.isEmpty == true)
        }
    }

    @Test(arguments: TestDatabase.available)
    func eventsFlowThroughThePipelineAndKeepTheirRawPayload(_ database: TestDatabase) async throws {
        try await TestApp.run(database) { api, keys, _ in
            let id = try #require(try await api.createShipment(keys.admin, "00340434161094042557", carrier: "dhl").string("id"))
            // Newest first, as carriers list them; the delivered scan arrives before the rest.
            let body = """
                {"events":[
                  {"status":"delivered","substatus":"delivered_signed","occurred_at":"2026-11-20T14:05:00+01:00",
                   "description":"Zugestellt","signed_by":"K. Müller","location":{"city":"Berlin","postal_code":"10115","country":"de"}},
                  {"status":"out_for_delivery","occurred_at":"2026-11-20T08:15:00+01:00","description":"In Zustellung"},
                  {"status":"in_transit","substatus":"picked_up","occurred_at":"2026-11-19T07:30:00Z","description":"Abgeholt"}
                ]}
                """
            let appended = try await api.send(.post, "/v1/shipments/\(id)/events", key: keys.integration, json: body)
            #expect(appended.status == 201)
            #expect(appended.json["inserted"] == .number(3) && appended.json["duplicates"] == .number(0))
            #expect(appended.string("shipment", "status") == "delivered")
            #expect(appended.string("shipment", "signed_by") == "K***", "an integration key reads the signer masked")
            #expect(appended.string("shipment", "delivered_at") == "2026-11-20T13:05:00.000Z")
            let rawID = try #require(appended.string("raw_payload_id"))

            let events = try await api.send(.get, "/v1/shipments/\(id)/events", key: keys.viewer)
            let data = try #require(events.json["data"]?.arrayValue)
            #expect(data.compactMap { $0["status"]?.stringValue } == ["in_transit", "out_for_delivery", "delivered"])
            #expect(data.allSatisfy { $0["raw_payload_id"]?.stringValue == rawID && $0["source"]?.stringValue == "api" })
            #expect(data[2]["occurred_at"]?.stringValue == "2026-11-20T14:05:00.000+01:00")
            #expect(data[2]["local_time"]?.stringValue == "2026-11-20T14:05:00")
            #expect(data[2]["utc_offset"]?.stringValue == "+01:00")
            #expect(data[2]["location"]?["country"]?.stringValue == "DE")

            let raw = try await api.send(.get, "/v1/raw-payloads/\(rawID)", key: keys.support)
            #expect(raw.status == 200 && raw.body == Data(body.utf8))
            #expect(raw.headers[.init("X-Waybill-Sha256")!] == APIKeyMaterial.hash(of: body))

            // The same scans again (a retry) are duplicates, not new events.
            let retried = try await api.send(.post, "/v1/shipments/\(id)/events", key: keys.integration, json: body)
            #expect(retried.json["inserted"] == .number(0) && retried.json["duplicates"] == .number(3))

            // One bad event rejects the whole request and writes nothing.
            let bad = #"{"events":[{"status":"exception","occurred_at":"2026-11-21T10:00:00+01:00","description":"x"},{"status":"delivered","occurred_at":"2026-11-21 10:00","description":"y"}]}"#
            let rejected = try await api.send(.post, "/v1/shipments/\(id)/events", key: keys.admin, json: bad)
            #expect(rejected.status == 400 && rejected.errorPath == "events[1].occurred_at")
            let unchanged = try await api.send(.get, "/v1/shipments/\(id)/events", key: keys.admin)
            #expect(unchanged.json["data"]?.arrayValue?.count == 3)
            let status = try await api.send(.get, "/v1/shipments/\(id)", key: keys.admin)
            #expect(status.string("status") == "delivered")
        }
    }

    @Test func listingPagesAndFilters() async throws {
        try await TestApp.run { api, keys, _ in
            var ids: [String] = []
            for index in 0..<5 {
                let response = try await api.createShipment(keys.admin, "PAGE\(index)", extra: index < 2 ? #","order_id":"A-1""# : "")
                ids.append(try #require(response.string("id")))
            }
            var seen: [String] = []
            var path = "/v1/shipments?limit=2"
            while true {
                let page = try await api.send(.get, path, key: keys.viewer)
                #expect(page.status == 200)
                seen += page.json["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
                guard let cursor = page.string("next_cursor") else { break }
                path = "/v1/shipments?limit=2&cursor=\(cursor)"
            }
            #expect(seen == ids.reversed())
            let byOrder = try await api.send(.get, "/v1/shipments?order_id=A-1", key: keys.viewer)
            #expect(byOrder.json["data"]?.arrayValue?.count == 2)
            let byNumber = try await api.send(.get, "/v1/shipments?tracking_number=page3", key: keys.viewer)
            #expect(byNumber.json["data"]?.arrayValue?.first?["id"]?.stringValue == ids[3])
            let byStatus = try await api.send(.get, "/v1/shipments?status=delivered", key: keys.viewer)
            #expect(byStatus.json["data"]?.arrayValue?.isEmpty == true)
            #expect(try await api.send(.get, "/v1/shipments?status=lost", key: keys.viewer).errorPath == "status")
            #expect(try await api.send(.get, "/v1/shipments?limit=0", key: keys.viewer).errorPath == "limit")
            #expect(try await api.send(.get, "/v1/shipments?cursor=abc", key: keys.viewer).errorPath == "cursor")
        }
    }

    @Test func stoppingTrackingKeepsTheShipment() async throws {
        try await TestApp.run { api, keys, store in
            let id = try #require(try await api.createShipment(keys.admin, "STOPME1").string("id"))
            let stopped = try await api.send(.delete, "/v1/shipments/\(id)", key: keys.integration)
            #expect(stopped.status == 200 && stopped.json["tracking"] == .bool(false))
            #expect(stopped.string("tracking_stopped_at") != nil)
            let after = try await api.send(.get, "/v1/shipments/\(id)", key: keys.viewer)
            #expect(after.status == 200 && after.json["tracking"] == .bool(false))
            let acme = try #require(try await store.tenant(named: "acme"))
            #expect(try await store.auditTrail(tenantID: acme.id, subjectID: id).map(\.action).contains("shipment.tracking_stopped"))
        }
    }

    @Test func ordersRollUpTheirShipments() async throws {
        try await TestApp.run { api, keys, _ in
            let order = try await api.send(.post, "/v1/orders", key: keys.admin, json: """
                {"order_id":"1001","customer":{"email":"ana@example.com"},"line_items":[{"sku":"MUG-1","name":"Mug","quantity":2}]}
                """)
            #expect(order.status == 201 && order.string("status") == "unfulfilled")
            let orderID = try #require(order.string("id"))
            let again = try await api.send(.post, "/v1/orders", key: keys.admin, json: #"{"order_id":"1001"}"#)
            #expect(again.status == 200 && again.string("id") == orderID)

            let first = try #require(try await api.createShipment(keys.admin, "ORDSHIP1", extra: #","order_id":"1001""#).string("id"))
            _ = try await api.createShipment(keys.admin, "ORDSHIP2", extra: #","order_id":"1001""#)
            _ = try await api.send(.post, "/v1/shipments/\(first)/events", key: keys.admin,
                                   json: #"{"events":[{"status":"delivered","occurred_at":"2026-11-20T10:00:00-05:00","description":"Delivered"}]}"#)
            let rolled = try await api.send(.get, "/v1/orders/\(orderID)", key: keys.support)
            #expect(rolled.string("status") == "partially_delivered")
            #expect(rolled.json["shipments"]?.arrayValue?.count == 2)
            #expect(try await api.send(.get, "/v1/orders/1001", key: keys.integration).string("id") == orderID)
            #expect(try await api.send(.get, "/v1/orders/nope", key: keys.admin).status == 404)
        }
    }
}
