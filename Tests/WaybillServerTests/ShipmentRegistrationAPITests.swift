import Foundation
import Testing
import WaybillCore
import WaybillTestSupport

/// The registration contract of `POST /v1/shipments` (issue 13, item 8) and the time window of
/// `POST /v1/shipments/{id}/events`, against the real server and store.
@Suite("Shipment registration API")
struct ShipmentRegistrationAPITests {
    private func register(_ api: APIClient, _ key: String, _ body: String) async throws -> APIResponse {
        try await api.send(.post, "/v1/shipments", key: key, json: body)
    }

    private func candidates(_ response: APIResponse) -> [String] {
        (response.json["carrier_candidates"]?.arrayValue ?? []).compactMap { candidate in
            candidate["carrier"]?.stringValue.flatMap { carrier in candidate["format"]?.stringValue.map { "\(carrier)/\($0)" } }
        }
    }

    private func confidence(_ candidate: JSONValue) -> Double? {
        if case .number(let value)? = candidate["confidence"] { return value }
        return nil
    }

    private func count(_ api: APIClient, _ key: String, number: String) async throws -> Int? {
        try await api.send(.get, "/v1/shipments?tracking_number=\(number)", key: key).json["data"]?.arrayValue?.count
    }

    @Test(arguments: TestDatabase.available)
    func aSureDetectionIsStoredAndSaidSo(_ database: TestDatabase) async throws {
        try await TestApp.run(database) { api, keys, _ in
            for (number, carrier, format) in [("1z 999 aa1 0123 456 784", "ups", "ups_1z"), ("3SDEVC123456789", "postnl", "postnl_3s"),
                                              ("JJD1410302937991", "dhl", "dhl_paket_jjd")] {
                let created = try await register(api, keys.integration, #"{"tracking_number":"\#(number)"}"#)
                #expect(created.status == 201, "\(number)")
                #expect(created.string("carrier") == carrier, "\(number)")
                #expect(created.json["carrier_detected"] == .bool(true), "\(number)")
                #expect(candidates(created).first == "\(carrier)/\(format)", "\(number)")
                #expect(created.json["warnings"] == .array([]), "\(number)")
                let best = try #require(created.json["carrier_candidates"]?.arrayValue?.first)
                #expect((confidence(best) ?? 0) >= 0.8)
            }
        }
    }

    @Test(arguments: TestDatabase.available)
    func anUnsureDetectionLeavesTheCarrierNullAndListsTheCandidates(_ database: TestDatabase) async throws {
        try await TestApp.run(database) { api, keys, _ in
            // 12 digits: a DHL Paket Identcode whose check holds, and other carriers' shapes as well.
            let created = try await register(api, keys.integration, #"{"tracking_number":"201298452277"}"#)
            #expect(created.status == 201)
            #expect(created.json["carrier"] == .null)
            #expect(created.json["carrier_detected"] == .bool(false))
            #expect(candidates(created).contains("dhl/dhl_paket_12"))
            let confidences = (created.json["carrier_candidates"]?.arrayValue ?? []).compactMap(confidence)
            #expect(!confidences.isEmpty && confidences.allSatisfy { $0 < 0.8 })
            // A number no format fits: no carrier and no candidates, but registered all the same.
            let unknown = try await register(api, keys.integration, #"{"tracking_number":"MY-OWN-REF-77"}"#)
            #expect(unknown.status == 201 && unknown.json["carrier"] == .null)
            #expect(unknown.json["carrier_candidates"] == .array([]) && unknown.json["carrier_detected"] == .bool(false))
        }
    }

    @Test(arguments: TestDatabase.available)
    func registeringAgainWithoutACarrierFindsTheShipment(_ database: TestDatabase) async throws {
        try await TestApp.run(database) { api, keys, _ in
            // Named carrier first, then the number alone (detected or not): the same shipment, 200.
            let named = try await register(api, keys.integration, #"{"tracking_number":"201298452277","carrier":"dhl"}"#)
            #expect(named.status == 201 && named.string("carrier") == "dhl")
            let id = try #require(named.string("id"))
            for body in [#"{"tracking_number":"201298452277"}"#, #"{"tracking_number":"2012 9845 2277","carrier":null}"#] {
                let again = try await register(api, keys.integration, body)
                #expect(again.status == 200 && again.string("id") == id, "\(body)")
                #expect(again.string("carrier") == "dhl")
            }
            // Detected carrier, then the number alone again.
            let detected = try await register(api, keys.integration, #"{"tracking_number":"1Z999AA10123456784"}"#)
            let again = try await register(api, keys.integration, #"{"tracking_number":"1z999aa10123456784"}"#)
            #expect(detected.status == 201 && again.status == 200 && again.string("id") == detected.string("id"))
            #expect(again.json["carrier_detected"] == .bool(true))
            // No carrier at all, twice; then the carrier named: it is given to the same shipment.
            let bare = try await register(api, keys.integration, #"{"tracking_number":"32631986451"}"#)
            let bareAgain = try await register(api, keys.integration, #"{"tracking_number":"32631986451"}"#)
            #expect(bare.status == 201 && bareAgain.status == 200 && bareAgain.string("id") == bare.string("id"))
            let nowNamed = try await register(api, keys.integration, #"{"tracking_number":"32631986451","carrier":"gls"}"#)
            #expect(nowNamed.status == 200 && nowNamed.string("id") == bare.string("id") && nowNamed.string("carrier") == "gls")
            for number in ["201298452277", "1Z999AA10123456784", "32631986451"] {
                #expect(try await count(api, keys.admin, number: number) == 1, "\(number)")
            }
        }
    }

    @Test(arguments: TestDatabase.available)
    func anUnknownCarrierIsRefusedNamingTheFieldAndTheKnownIds(_ database: TestDatabase) async throws {
        try await TestApp.run(database) { api, keys, _ in
            let refused = try await register(api, keys.integration, #"{"tracking_number":"1Z999AA10123456784","carrier":"Pigeon"}"#)
            #expect(refused.status == 400)
            #expect(refused.errorCode == "invalid_request" && refused.errorPath == "carrier")
            #expect(refused.string("error", "message")?.contains("\"pigeon\"") == true)
            let known = (refused.json["error"]?["details"]?["known_carriers"]?.arrayValue ?? []).compactMap(\.stringValue)
            #expect(Set(known).isSuperset(of: ["ups", "fedex", "usps", "dhl", "dhl_express", "postnl", "gls", "dpd", "royal_mail"]))
            #expect(!known.contains("pigeon") && known == known.sorted())
            #expect(try await count(api, keys.admin, number: "1Z999AA10123456784") == 0)
            // Posts known only by their S10 country are accepted though not listed.
            let post = try await register(api, keys.integration, #"{"tracking_number":"RB123456785CV","carrier":"post_cv"}"#)
            #expect(post.status == 201 && post.string("carrier") == "post_cv")
        }
    }

    @Test(arguments: TestDatabase.available)
    func aNumberFailingTheNamedCarriersCheckDigitIsStoredWithAWarning(_ database: TestDatabase) async throws {
        try await TestApp.run(database) { api, keys, _ in
            let typo = try await register(api, keys.integration, #"{"tracking_number":"1Z999AA10123456785","carrier":"ups"}"#)
            #expect(typo.status == 201 && typo.string("carrier") == "ups")
            let warnings = (typo.json["warnings"]?.arrayValue ?? []).compactMap(\.stringValue)
            #expect(warnings.count == 1 && warnings[0].contains("ups_1z") && warnings[0].contains("check digit"))
            #expect(typo.json["carrier_detected"] == .bool(false))
            let dhl = try await register(api, keys.integration, #"{"tracking_number":"201298452278","carrier":"dhl"}"#)
            #expect(dhl.status == 201 && (dhl.json["warnings"]?.arrayValue?.first?.stringValue?.contains("dhl_paket_12") == true))
            // A number that fits: no warning; a shape the carrier does not use: no check to fail.
            for body in [#"{"tracking_number":"1Z999AA10123456784","carrier":"ups"}"#, #"{"tracking_number":"ABC123","carrier":"ups"}"#] {
                #expect(try await register(api, keys.integration, body).json["warnings"] == .array([]), "\(body)")
            }
        }
    }

    @Test(arguments: TestDatabase.available)
    func anotherOrderIsAConflictUnlessReassigned(_ database: TestDatabase) async throws {
        try await TestApp.run(database) { api, keys, _ in
            let first = try await register(api, keys.integration, #"{"tracking_number":"1Z999AA10123456784","order_id":"A-1"}"#)
            #expect(first.status == 201 && first.string("order_id") == "A-1")
            let id = try #require(first.string("id"))

            for body in [#"{"tracking_number":"1Z999AA10123456784","order_id":"B-2"}"#,
                         #"{"tracking_number":"1Z999AA10123456784","carrier":"ups","order_id":"B-2","reassign_order":false}"#] {
                let conflict = try await register(api, keys.integration, body)
                #expect(conflict.status == 409, "\(body)")
                #expect(conflict.errorCode == "order_conflict")
                #expect(conflict.string("error", "message")?.contains("order A-1") == true)
                #expect(conflict.string("error", "details", "current_order_id") == "A-1")
                #expect(conflict.string("error", "details", "requested_order_id") == "B-2")
                #expect(conflict.string("error", "details", "shipment_id") == id)
            }
            #expect(try await api.send(.get, "/v1/shipments/\(id)", key: keys.admin).string("order_id") == "A-1")
            #expect(try await api.send(.get, "/v1/orders/B-2", key: keys.admin).status == 404, "a refused registration creates no order")

            // The same order, or none, is no conflict.
            #expect(try await register(api, keys.integration, #"{"tracking_number":"1Z999AA10123456784","order_id":"A-1"}"#).status == 200)
            #expect(try await register(api, keys.integration, #"{"tracking_number":"1Z999AA10123456784"}"#).status == 200)

            let moved = try await register(api, keys.integration,
                                           #"{"tracking_number":"1Z999AA10123456784","order_id":"B-2","reassign_order":true}"#)
            #expect(moved.status == 200 && moved.string("id") == id && moved.string("order_id") == "B-2")
            let newOrder = try await api.send(.get, "/v1/orders/B-2", key: keys.admin)
            #expect(newOrder.json["shipments"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == [id])
            let oldOrder = try await api.send(.get, "/v1/orders/A-1", key: keys.admin)
            #expect(oldOrder.json["shipments"]?.arrayValue?.isEmpty == true)

            // A shipment without an order is simply attached to the one named.
            let loose = try await register(api, keys.integration, #"{"tracking_number":"3SDEVC123456789"}"#)
            let attached = try await register(api, keys.integration, #"{"tracking_number":"3SDEVC123456789","order_id":"C-3"}"#)
            #expect(attached.status == 200 && attached.string("id") == loose.string("id") && attached.string("order_id") == "C-3")
        }
    }

    @Test(arguments: TestDatabase.available)
    func eventsDatedInTheFutureOrBeforeTheYear2000AreRefused(_ database: TestDatabase) async throws {
        try await TestApp.run(database) { api, keys, _ in
            let id = try #require(try await api.createShipment(keys.admin, "1Z999AA10123456784").string("id"))
            func events(_ dates: [String]) -> String {
                #"{"events":["# + dates.map { #"{"status":"in_transit","occurred_at":"\#($0)","description":"Scan"}"# }
                    .joined(separator: ",") + "]}"
            }
            let now = Date()
            let inADay = Timestamp.utcString(now.addingTimeInterval(23 * 3600))
            let tooLate = Timestamp.utcString(now.addingTimeInterval(25 * 3600))
            for (dates, path) in [([inADay, tooLate], "events[1].occurred_at"), (["1999-12-31T23:59:59Z"], "events[0].occurred_at"),
                                  (["0001-01-01T00:00:00+00:00"], "events[0].occurred_at")] {
                let refused = try await api.send(.post, "/v1/shipments/\(id)/events", key: keys.admin, json: events(dates))
                #expect(refused.status == 400 && refused.errorCode == "invalid_request" && refused.errorPath == path, "\(dates)")
            }
            let stored = try await api.send(.get, "/v1/shipments/\(id)/events", key: keys.admin)
            #expect(stored.json["data"]?.arrayValue?.isEmpty == true, "a refused request writes nothing")
            // Within a day of receipt (a far zone's clock, a skewed scanner) and from 2000 on: accepted.
            let accepted = try await api.send(.post, "/v1/shipments/\(id)/events", key: keys.admin,
                                              json: events(["2000-01-01T00:00:00Z", inADay]))
            #expect(accepted.status == 201 && accepted.json["inserted"] == .number(2))
        }
    }
}
