import Foundation
import Testing
import WaybillCore
import WaybillTestSupport

/// Viewer and integration keys read customers' personal data masked (`j***@example.com`);
/// support and admin keys read it in full. Covers the customer block of shipments and orders and
/// the signer of events and shipments.
@Suite("Personal data masked by role")
struct PersonalDataMaskingTests {
    @Test(arguments: TestDatabase.available)
    func rolesWithoutAccessSeeMaskedValues(_ database: TestDatabase) async throws {
        try await TestApp.run(database) { api, keys, _ in
            let customer = #","order_id":"M-1","customer":{"email":"jane.doe@example.com","phone":"+33 6 12 34 56 78","postal_code":"75011","locale":"fr-FR"}"#
            let created = try await api.createShipment(keys.admin, "MASK1", extra: customer)
            let id = try #require(created.string("id"))
            let delivered = #"{"events":[{"status":"delivered","occurred_at":"2026-11-20T10:00:00Z","description":"Delivered","signed_by":"Jane Doe"}]}"#
            #expect(try await api.send(.post, "/v1/shipments/\(id)/events", key: keys.admin, json: delivered).status == 201)

            for (key, masked) in [(keys.viewer, true), (keys.integration, true), (keys.support, false), (keys.admin, false)] {
                let shipment = try await api.send(.get, "/v1/shipments/\(id)", key: key)
                #expect(shipment.string("customer", "email") == (masked ? "j***@example.com" : "jane.doe@example.com"))
                #expect(shipment.string("customer", "phone") == (masked ? "***78" : "+33 6 12 34 56 78"))
                #expect(shipment.string("customer", "postal_code") == (masked ? "75***" : "75011"))
                #expect(shipment.string("customer", "locale") == "fr-FR", "a locale is not personal data")
                #expect(shipment.string("signed_by") == (masked ? "J***" : "Jane Doe"))
                let events = try await api.send(.get, "/v1/shipments/\(id)/events", key: key)
                #expect(events.json["data"]?.arrayValue?.first?["signed_by"]?.stringValue == (masked ? "J***" : "Jane Doe"))
                let body = String(decoding: shipment.body + events.body, as: UTF8.self)
                #expect(!masked || (!body.contains("jane.doe") && !body.contains("12 34 56") && !body.contains("Jane Doe")))
            }
            for (key, masked) in [(keys.integration, true), (keys.support, false)] {
                let order = try await api.send(.get, "/v1/orders/M-1", key: key)
                #expect(order.string("customer", "email") == (masked ? "j***@example.com" : "jane.doe@example.com"))
            }
        }
    }

    @Test func masksKeepSoLittle() {
        #expect(PersonalDataMask.email("a@b.co") == "a***@b.co")
        #expect(PersonalDataMask.email("not-an-email") == "***")
        #expect(PersonalDataMask.phone("+1 (555) 010-9999") == "***99")
        #expect(PersonalDataMask.postalCode("SW1A 1AA") == "SW***" && PersonalDataMask.postalCode("123") == "***")
        #expect(PersonalDataMask.name("Ève") == "È***")
    }
}
