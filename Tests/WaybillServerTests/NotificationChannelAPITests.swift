import Foundation
import Testing
import WaybillCore
@testable import WaybillServer
import WaybillTestSupport

/// `/v1/notification-channels/{email,sms}` and `/v1/alert-templates/preview` through the whole application.
@Suite struct NotificationChannelAPITests {
    /// The process-wide key the router uses; every test installs the same one.
    static func installKey() throws {
        try TestSecretKey.installShared()
    }

    @Test(arguments: TestDatabase.available)
    func emailAndSMSSettings(database: TestDatabase) async throws {
        try Self.installKey()
        try await TestApp.run(database) { api, keys, store in
            let email = #"{"host":"smtp.example.com","port":587,"starttls":true,"username":"mailer","password":"hunter2","from":"Shop <shop@example.com>"}"#
            let saved = try await api.send(.put, "/v1/notification-channels/email", key: keys.admin, json: email)
            #expect(saved.status == 200)
            #expect(saved.json["password_set"] == .bool(true))
            #expect(saved.string("host") == "smtp.example.com" && saved.string("from") == "Shop <shop@example.com>")
            #expect(!String(decoding: saved.body, as: UTF8.self).includes("hunter2"))
            #expect(saved.json["password"] == nil)

            let shown = try await api.send(.get, "/v1/notification-channels/email", key: keys.admin)
            #expect(shown.status == 200 && shown.json["password_set"] == .bool(true) && shown.json["port"] == .number(587))
            let acme = try #require(try await store.tenant(named: "acme"))
            let stored = try #require(try await store.channelSettings(tenantID: acme.id, kind: "email"))
            #expect(stored.sealedSecret?.includes("hunter2") == false)

            // Without the password the stored one stays.
            let kept = try await api.send(.put, "/v1/notification-channels/email", key: keys.admin,
                                          json: #"{"host":"smtp2.example.com","port":465,"username":"mailer","from":"shop@example.com"}"#)
            #expect(kept.status == 200 && kept.json["password_set"] == .bool(true) && kept.string("host") == "smtp2.example.com")

            let badFrom = try await api.send(.put, "/v1/notification-channels/email", key: keys.admin,
                                             json: #"{"host":"smtp.example.com","port":587,"from":"nobody"}"#)
            #expect(badFrom.status == 400 && badFrom.errorPath == "from")
            let badPort = try await api.send(.put, "/v1/notification-channels/email", key: keys.admin,
                                             json: #"{"host":"smtp.example.com","port":0,"from":"a@example.com"}"#)
            #expect(badPort.status == 400 && badPort.errorPath == "port")
            let forbidden = try await api.send(.put, "/v1/notification-channels/email", key: keys.integration, json: email)
            #expect(forbidden.status == 403)
            let otherTenant = try await api.send(.get, "/v1/notification-channels/email", key: keys.otherTenantAdmin)
            #expect(otherTenant.status == 404)
            #expect(try await api.send(.get, "/v1/notification-channels/fax", key: keys.admin).status == 404)

            let smsMissingToken = try await api.send(.put, "/v1/notification-channels/sms", key: keys.admin,
                                                     json: #"{"base_url":"https://api.twilio.com","account_sid":"AC1","from":"+14155550100"}"#)
            #expect(smsMissingToken.status == 400 && smsMissingToken.errorPath == "auth_token")
            let smsBadFrom = try await api.send(.put, "/v1/notification-channels/sms", key: keys.admin,
                                                json: #"{"base_url":"https://api.twilio.com","account_sid":"AC1","auth_token":"t","from":"0612"}"#)
            #expect(smsBadFrom.status == 400 && smsBadFrom.errorPath == "from")
            let sms = try await api.send(.put, "/v1/notification-channels/sms", key: keys.admin,
                                         json: #"{"base_url":"https://api.twilio.com","account_sid":"AC1","auth_token":"tok","from":"+14155550100"}"#)
            #expect(sms.status == 200 && sms.json["auth_token_set"] == .bool(true) && sms.json["max_segments"] == .number(3))
            #expect(!String(decoding: sms.body, as: UTF8.self).includes("\"tok\""))

            #expect(try await api.send(.delete, "/v1/notification-channels/email", key: keys.admin).status == 204)
            #expect(try await api.send(.delete, "/v1/notification-channels/email", key: keys.admin).status == 404)
            #expect(try await api.send(.get, "/v1/notification-channels/email", key: keys.admin).status == 404)
        }
    }

    @Test func previewRendersATemplateForAShipment() async throws {
        try await TestApp.run { api, keys, _ in
            let created = try await api.createShipment(keys.admin, "1ZPREVIEW0000001",
                                                       extra: #","order_id":"A-1042","customer":{"locale":"fr-FR","time_zone":"Europe/Paris"}"#)
            let id = try #require(created.string("id"))
            let email = try await api.send(.post, "/v1/alert-templates/preview", key: keys.admin,
                                           json: #"{"template":"shipped","channel":"email","shipment_id":"\#(id)"}"#)
            #expect(email.status == 200)
            #expect(email.string("language") == "fr")
            #expect(email.string("subject") == "Votre commande A-1042 a été expédiée")
            #expect(email.string("html")?.includes("\(TestApp.publicBaseURL)/t/") == true)
            #expect(email.string("text")?.includes("UPS") == true)
            let sms = try await api.send(.post, "/v1/alert-templates/preview", key: keys.admin,
                                         json: #"{"template":"delivered","channel":"sms","language":"de","shipment_id":"\#(id)"}"#)
            #expect(sms.status == 200 && sms.json["html"] == .null && sms.string("text")?.hasPrefix("acme: Ihr Paket wurde zugestellt.") == true)
            let missing = try await api.send(.post, "/v1/alert-templates/preview", key: keys.admin,
                                             json: #"{"template":"shipped","channel":"email","shipment_id":"shp_missing"}"#)
            #expect(missing.status == 404)
            let unknown = try await api.send(.post, "/v1/alert-templates/preview", key: keys.admin,
                                             json: #"{"template":"nope","channel":"email","shipment_id":"\#(id)"}"#)
            #expect(unknown.status == 400 && unknown.errorPath == "template")
            #expect(try await api.send(.post, "/v1/alert-templates/preview", key: keys.viewer,
                                       json: #"{"template":"shipped","channel":"email","shipment_id":"\#(id)"}"#).status == 403)
        }
    }
}
