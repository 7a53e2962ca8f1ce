import Foundation
import Testing
import WaybillCore
@testable import WaybillNotify
import WaybillStore
import WaybillTestSupport

struct ChannelSettingsTests {
    static let key = "q8Dw0m2nqZq0w3zC2b0bVd7r6m9eRk1uXw4sTa5yL0o="
    static let secrets = SecretBoxSource(try! SecretBox(base64Key: key))

    static let emailJSON: JSONValue = .object([
        "host": .string("smtp.example.com"), "port": .number(587), "starttls": .bool(true), "username": .string("mailer"),
        "password": .string("hunter2 secret"), "from": .string("Boutique <shop@boutique.test>"),
    ])

    @Test func secretBoxSealsAndOpensBoundToItsContext() throws {
        let box = try SecretBox(base64Key: Self.key)
        let sealed = try box.seal("pässword", context: "tenant-a")
        #expect(sealed.hasPrefix("v1:") && !sealed.includes("pässword"))
        #expect(try box.open(sealed, context: "tenant-a") == "pässword")
        #expect(try box.seal("pässword", context: "tenant-a") != sealed)  // fresh nonce
        #expect(throws: SecretBoxError.self) { try box.open(sealed, context: "tenant-b") }
        let other = try SecretBox(base64Key: SecretBox.generateKey())
        #expect(throws: SecretBoxError.self) { try other.open(sealed, context: "tenant-a") }
        #expect(throws: SecretBoxError.self) { try SecretBox(base64Key: "c2hvcnQ=") }
        #expect(throws: SecretBoxError.self) { try SecretBox(base64Key: "not base64!") }
        #expect(try SecretBox.fromEnvironment([:]) == nil)
        #expect(try SecretBox.fromEnvironment([SecretBox.environmentVariable: Self.key]) != nil)
        #expect(throws: SecretBoxError.self) { try SecretBox.fromEnvironment([SecretBox.environmentVariable: "abc"]) }
        if ProcessInfo.processInfo.environment[SecretBox.environmentVariable] == nil {
            #expect(throws: SecretBoxError.self) { try SecretBoxSource().box() }
        }
    }

    @Test func keyResolverUsesTheVariableThenAKeyFileBesideSQLiteAndRefusesOnPostgres() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("waybill-key-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = DatabaseURL.sqlite(path: directory.appendingPathComponent("waybill.sqlite").path)
        let first = try SecretKeyResolver.resolve(database: database, environment: [:])
        let keyFile = directory.appendingPathComponent(SecretKeyResolver.keyFileName).path
        let attributes = try FileManager.default.attributesOfItem(atPath: keyFile)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let sealed = try first.seal("x", context: "c")
        let second = try SecretKeyResolver.resolve(database: database, environment: [:])
        #expect(try second.open(sealed, context: "c") == "x")
        let fromVariable = try SecretKeyResolver.resolve(database: database, environment: [SecretBox.environmentVariable: Self.key])
        #expect(throws: SecretBoxError.self) { try fromVariable.open(sealed, context: "c") }
        let postgres = try DatabaseURL(parsing: "postgres://u:p@127.0.0.1:5432/db")
        #expect(throws: SecretBoxError.self) { try SecretKeyResolver.resolve(database: postgres, environment: [:]) }
    }

    @Test func settingsValidationNamesTheField() {
        func field(_ body: () throws -> Void) -> String? {
            do { try body(); return nil } catch { return (error as? ChannelSettingsError)?.field ?? "\(error)" }
        }
        func email(_ changes: [String: JSONValue]) -> JSONValue {
            guard case .object(var members) = Self.emailJSON else { return .null }
            for (key, value) in changes { members[key] = value }
            return .object(members)
        }
        #expect(field { _ = try EmailChannelSettings(json: Self.emailJSON) } == nil)
        #expect(field { _ = try EmailChannelSettings(json: email(["from": .string("not an address")])) } == "from")
        #expect(field { _ = try EmailChannelSettings(json: email(["port": .number(70000)])) } == "port")
        #expect(field { _ = try EmailChannelSettings(json: email(["host": .string("")])) } == "host")
        #expect(field { _ = try EmailChannelSettings(json: email(["starttls": .string("yes")])) } == "starttls")
        #expect(field { _ = try EmailChannelSettings(json: email(["hots": .string("x")])) } == "hots")
        let sms: JSONValue = .object(["base_url": .string("https://api.twilio.com"), "account_sid": .string("AC123"),
                                      "auth_token": .string("t"), "from": .string("+14155550100")])
        #expect(field { _ = try SMSChannelSettings(json: sms) } == nil)
        guard case .object(var members) = sms else { return }
        members["from"] = .string("0612345678")
        #expect(field { _ = try SMSChannelSettings(json: .object(members)) } == "from")
        members["from"] = .string("+14155550100")
        members["base_url"] = .string("ftp://x")
        #expect(field { _ = try SMSChannelSettings(json: .object(members)) } == "base_url")
        #expect(PhoneNumber("+33 6 12-34-56-78")?.e164 == "+33612345678")
        #expect(PhoneNumber("+0123456789") == nil)
        #expect(PhoneNumber("+1234567890123456") == nil)
    }

    @Test(arguments: TestDatabase.available)
    func storedEncryptedAndBuiltIntoChannels(database: TestDatabase) async throws {
        try await database.withStore { store in
            let tenant = try await store.ensureTenant(named: "acme")
            let other = try await store.ensureTenant(named: "globex")
            let repository = ChannelSettingsRepository(store: store, secrets: Self.secrets)
            let settings = try EmailChannelSettings(json: Self.emailJSON)
            #expect(try await repository.settings(.email, tenantID: tenant.id) == nil)
            try await repository.save(.email, tenantID: tenant.id, settings: settings.json, secret: .set("hunter2 secret"), actor: "test")

            let stored = try #require(try await store.channelSettings(tenantID: tenant.id, kind: "email"))
            let sealed = try #require(stored.sealedSecret)
            #expect(!sealed.includes("hunter2"))
            #expect(!String(decoding: stored.settings.encoded(), as: UTF8.self).includes("hunter2"))
            #expect(try repository.secret(of: stored) == "hunter2 secret")
            #expect(try EmailChannelSettings(json: stored.settings) == settings)
            #expect(try await store.channelSettings(tenantID: other.id, kind: "email") == nil)
            #expect(try await store.tenant(id: tenant.id)?.name == "acme")

            // A sealed secret copied to another tenant does not open there.
            try await store.saveChannelSettings(tenantID: other.id, kind: "email", settings: stored.settings, sealedSecret: sealed, actor: "test")
            let copied = try #require(try await store.channelSettings(tenantID: other.id, kind: "email"))
            #expect(throws: SecretBoxError.self) { try repository.secret(of: copied) }
            let provider = StoredChannelProvider(store: store, secrets: Self.secrets, httpClients: EgressHTTPClients(policy: .allowingLoopback))
            let failure = await #expect(throws: DeliveryFailure.self) { _ = try await provider.channel(.email, tenantID: other.id) }
            #expect(failure?.retryable == false)

            // Saving again without a secret keeps it; the provider builds the channel with it.
            var changed = settings
            changed.port = 2525
            try await repository.save(.email, tenantID: tenant.id, settings: changed.json, secret: .keep, actor: "test")
            let channel = try #require(try await provider.channel(.email, tenantID: tenant.id) as? EmailChannel)
            #expect(channel.client.configuration.password == "hunter2 secret")
            #expect(channel.client.configuration.port == 2525)
            #expect(channel.client.configuration.from.address.description == "shop@boutique.test")
            #expect(try await provider.channel(.sms, tenantID: tenant.id) == nil)
            #expect(try await provider.channel(.webhook, tenantID: tenant.id) == nil)

            let sms = SMSChannelSettings(baseURL: "https://api.twilio.com", accountSID: "AC1", from: PhoneNumber("+14155550100")!)
            try await repository.save(.sms, tenantID: tenant.id, settings: sms.json, secret: .set("tok"), actor: "test")
            let smsChannel = try #require(try await provider.channel(.sms, tenantID: tenant.id) as? SMSChannel)
            #expect(smsChannel.configuration.authToken == "tok")
            #expect(smsChannel.configuration.messagesURL == "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages.json")

            #expect(try await repository.delete(.email, tenantID: tenant.id, actor: "test"))
            #expect(try await repository.delete(.email, tenantID: tenant.id, actor: "test") == false)
            #expect(try await provider.channel(.email, tenantID: tenant.id) == nil)
            let audit = try await store.auditTrail(tenantID: tenant.id, subjectID: "email").map(\.action)
            #expect(audit.contains("notification_channel.saved") && audit.contains("notification_channel.deleted"))
        }
    }
}
