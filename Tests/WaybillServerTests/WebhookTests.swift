import Crypto
import Foundation
import Hummingbird
import Testing
import WaybillCore
@testable import WaybillServer
import WaybillTestSupport

@Suite("Carrier webhooks")
struct WebhookTests {
    /// A UPS Track Alert post in UPS's format (one event per post).
    static func trackAlert(_ number: String, code: String = "OT", type: String = "I", text: String = "Out for Delivery",
                           date: String = "20261120", time: String = "091519", gmtDate: String? = nil, gmtTime: String = "141519", descriptionCode: String = "021") -> String {
        """
        {"trackingNumber":" \(number)","localActivityDate":"\(date)","localActivityTime":"\(time)",
         "activityLocation":{"city":"Charlotte","stateProvince":"NC","postalCode":"","country":"US"},
         "activityStatus":{"type":"\(type)","code":"\(code)","description":"\(text)","descriptionCode":"\(descriptionCode)"},
         "scheduledDeliveryDate":"\(date)","actualDeliveryDate":"","actualDeliveryTime":"",
         "gmtActivityDate":"\(gmtDate ?? date)","gmtActivityTime":"\(gmtTime)","deliveryTimeDescription":"end of day"}
        """
    }

    /// Polls until `condition` holds: parsing happens after the acknowledgement, in the worker.
    static func eventually(_ condition: () async throws -> Bool) async throws -> Bool {
        for _ in 0..<100 {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return false
    }

    @Test(arguments: TestDatabase.available)
    func aSignedWebhookIsAcknowledgedStoredAndParsed(_ database: TestDatabase) async throws {
        try await TestApp.run(database) { api, keys, _ in
            #expect(try await api.send(.post, "/v1/webhook-endpoints", key: keys.viewer, json: #"{"carrier":"ups"}"#).status == 403)
            let unknown = try await api.send(.post, "/v1/webhook-endpoints", key: keys.admin, json: #"{"carrier":"pigeon"}"#)
            #expect(unknown.status == 400 && unknown.errorPath == "carrier")
            let endpoint = try await api.send(.post, "/v1/webhook-endpoints", key: keys.admin, json: #"{"carrier":"ups"}"#)
            #expect(endpoint.status == 201)
            let id = try #require(endpoint.string("id"))
            let secret = try #require(endpoint.string("secret"))
            let url = try #require(endpoint.string("url"))
            #expect(url == "\(TestApp.publicBaseURL)/v1/webhooks/carriers/ups/\(id)")
            let path = "/v1/webhooks/carriers/ups/\(id)"
            let body = Self.trackAlert("1Z204W4R0308071865")

            let forged = try await api.send(.post, path, json: body, headers: [.init("credential")!: "guess"])
            #expect(forged.status == 401 && forged.errorCode == "invalid_signature")
            #expect(try await api.send(.post, path, json: body).status == 401)
            #expect(try await api.send(.post, "/v1/webhooks/carriers/fedex/\(id)", json: body,
                                       headers: [.init("credential")!: secret]).status == 404)
            let none = try await api.send(.get, "/v1/raw-payloads", key: keys.support)
            #expect(none.json["data"]?.arrayValue?.isEmpty == true)

            let accepted = try await api.send(.post, path, json: body, headers: [.init("credential")!: secret])
            #expect(accepted.status == 202 && accepted.json["duplicate"] == .bool(false))
            let rawID = try #require(accepted.string("raw_payload_id"))

            // The unknown tracking number becomes a shipment, parsed from the stored payload.
            var shipment: JSONValue?
            #expect(try await Self.eventually {
                let list = try await api.send(.get, "/v1/shipments?tracking_number=1Z204W4R0308071865", key: keys.admin)
                shipment = list.json["data"]?.arrayValue?.first
                return shipment?["status"]?.stringValue == "out_for_delivery"
            })
            let shipmentID = try #require(shipment?["id"]?.stringValue)
            #expect(shipment?["carrier"]?.stringValue == "ups")
            let events = try await api.send(.get, "/v1/shipments/\(shipmentID)/events", key: keys.admin)
            let event = try #require(events.json["data"]?.arrayValue?.first)
            #expect(event["source"]?.stringValue == "webhook" && event["raw_payload_id"]?.stringValue == rawID)
            #expect(event["occurred_at"]?.stringValue?.hasPrefix("2026-11-20T09:15:19") == true)
            #expect(event["utc_offset"]?.stringValue == "-05:00")
            let raw = try await api.send(.get, "/v1/raw-payloads/\(rawID)", key: keys.support)
            #expect(raw.body == Data(body.utf8) && raw.headers[.init("X-Waybill-Parse-Status")!] == "parsed")

            // A carrier retry is harmless.
            let replay = try await api.send(.post, path, json: body, headers: [.init("credential")!: secret])
            #expect(replay.status == 202 && replay.json["duplicate"] == .bool(true) && replay.string("raw_payload_id") == rawID)
            let after = try await api.send(.get, "/v1/shipments/\(shipmentID)/events", key: keys.admin)
            #expect(after.json["data"]?.arrayValue?.count == 1)
        }
    }

    @Test func aPayloadThatDoesNotParseIsKeptAndListedAsFailed() async throws {
        try await TestApp.run { api, keys, _ in
            let endpoint = try await api.send(.post, "/v1/webhook-endpoints", key: keys.admin, json: #"{"carrier":"ups"}"#)
            let id = try #require(endpoint.string("id"))
            let secret = try #require(endpoint.string("secret"))
            let garbage = #"{"trackingNumber": 12, "activityStatus": "#
            let accepted = try await api.send(.post, "/v1/webhooks/carriers/ups/\(id)", json: garbage,
                                              headers: [.init("credential")!: secret])
            #expect(accepted.status == 202)
            var failed: [JSONValue] = []
            #expect(try await Self.eventually {
                failed = try await api.send(.get, "/v1/raw-payloads?status=failed", key: keys.support).json["data"]?.arrayValue ?? []
                return !failed.isEmpty
            })
            #expect(failed.first?["id"]?.stringValue == accepted.string("raw_payload_id"))
            #expect(failed.first?["error"]?.stringValue?.isEmpty == false)
            #expect(try await api.send(.get, "/v1/raw-payloads?status=failed", key: keys.viewer).status == 403)
        }
    }

    @Test func secretsRotateAndEndpointsAreDeleted() async throws {
        try await TestApp.run { api, keys, _ in
            let endpoint = try await api.send(.post, "/v1/webhook-endpoints", key: keys.admin, json: #"{"carrier":"ups"}"#)
            let id = try #require(endpoint.string("id"))
            let oldSecret = try #require(endpoint.string("secret"))
            let listed = try await api.send(.get, "/v1/webhook-endpoints", key: keys.admin)
            #expect(listed.json["data"]?.arrayValue?.first?["secret"] == .null)
            #expect(try await api.send(.get, "/v1/webhook-endpoints", key: keys.otherTenantAdmin).json["data"]?.arrayValue?.isEmpty == true)
            #expect(try await api.send(.post, "/v1/webhook-endpoints/\(id)/rotate-secret", key: keys.otherTenantAdmin).status == 404)

            let rotated = try await api.send(.post, "/v1/webhook-endpoints/\(id)/rotate-secret", key: keys.admin)
            let newSecret = try #require(rotated.string("secret"))
            #expect(newSecret != oldSecret && rotated.string("secret_rotated_at") != nil)
            let path = "/v1/webhooks/carriers/ups/\(id)"
            let body = Self.trackAlert("1ZROTATE00000000001")
            #expect(try await api.send(.post, path, json: body, headers: [.init("credential")!: oldSecret]).status == 401)
            #expect(try await api.send(.post, path, json: body, headers: [.init("credential")!: newSecret]).status == 202)

            #expect(try await api.send(.delete, "/v1/webhook-endpoints/\(id)", key: keys.otherTenantAdmin).status == 404)
            #expect(try await api.send(.delete, "/v1/webhook-endpoints/\(id)", key: keys.admin).status == 204)
            #expect(try await api.send(.post, path, json: body, headers: [.init("credential")!: newSecret]).status == 404)
        }
    }

    /// An AfterShip webhook in AfterShip's format, signed as AfterShip signs, over a real socket.
    @Test func anAfterShipWebhookOverHTTPBecomesAShipmentOnce() async throws {
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("WaybillCarriersTests/Fixtures/aftership/webhook-attempt-pickup.json")
        let body = try Data(contentsOf: fixture)
        try await TestApp.run(over: .live) { api, keys, _ in
            let endpoint = try await api.send(.post, "/v1/webhook-endpoints", key: keys.integration, json: #"{"carrier":"aftership"}"#)
            #expect(endpoint.status == 403)
            let created = try await api.send(.post, "/v1/webhook-endpoints", key: keys.admin, json: #"{"carrier":"aftership"}"#)
            let id = try #require(created.string("id"))
            let secret = try #require(created.string("secret"))
            let signature = Data(HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Data(secret.utf8))))
                .base64EncodedString()
            let path = "/v1/webhooks/carriers/aftership/\(id)"
            let json = String(decoding: body, as: UTF8.self)
            let signed: HTTPFields = [.init("aftership-hmac-sha256")!: signature]

            var tampered = body
            tampered[tampered.index(tampered.startIndex, offsetBy: 20)] ^= 0x01
            #expect(try await api.send(.post, path, json: String(decoding: tampered, as: UTF8.self), headers: signed).status == 401)
            let first = try await api.send(.post, path, json: json, headers: signed)
            #expect(first.status == 202 && first.json["duplicate"] == .bool(false))

            var shipment: JSONValue?
            #expect(try await Self.eventually {
                shipment = try await api.send(.get, "/v1/shipments?tracking_number=JJD000390012345678", key: keys.viewer)
                    .json["data"]?.arrayValue?.first
                return shipment?["status"]?.stringValue == "available_for_pickup"
            })
            #expect(shipment?["carrier"]?.stringValue == "royal_mail")
            let id2 = try #require(shipment?["id"]?.stringValue)
            let events = try await api.send(.get, "/v1/shipments/\(id2)/events", key: keys.viewer).json["data"]?.arrayValue ?? []
            #expect(events.count == 7 && events.allSatisfy { $0["source"]?.stringValue == "webhook" })

            let again = try await api.send(.post, path, json: json, headers: signed)
            #expect(again.status == 202 && again.json["duplicate"] == .bool(true))
            #expect(try await api.send(.get, "/v1/shipments/\(id2)/events", key: keys.viewer).json["data"]?.arrayValue?.count == 7)
        }
    }

    @Test func signatureSchemesFollowEachCarrier() {
        let body = Data(#"{"msg":{"tracking_number":"123"}}"#.utf8)
        let secret = "s3cr3t"
        let mac = Data(HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Data(secret.utf8))))
        let hex = Hex.encode(mac)
        func check(_ carrier: String, _ name: String, _ value: String, _ payload: Data = body) -> Bool {
            WebhookAuthentication.isAuthentic(carrier: carrier, body: payload, headers: [.init(name)!: value], secret: secret)
        }
        #expect(check("aftership", "aftership-hmac-sha256", mac.base64EncodedString()))
        #expect(!check("aftership", "aftership-hmac-sha256", mac.base64EncodedString(), Data(#"{"msg":{}}"#.utf8)))
        #expect(!check("aftership", "aftership-hmac-sha256", hex))
        #expect(check("easypost", "x-hmac-signature", "hmac-sha256-hex=\(hex)"))
        #expect(!check("easypost", "x-hmac-signature", hex))
        #expect(check("fedex", "fdx-signature", mac.base64EncodedString()))
        #expect(check("generic", "x-waybill-signature", "sha256=\(hex)"))
        #expect(!check("generic", "x-waybill-signature", "sha256=\(hex.dropLast(2))00"))
        #expect(check("ups", "credential", secret))
        #expect(!check("ups", "credential", secret + "x"))
    }
}
