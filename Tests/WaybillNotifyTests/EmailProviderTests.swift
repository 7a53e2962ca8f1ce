import Foundation
import Testing
import WaybillCore
@testable import WaybillNotify
import WaybillStore
import WaybillTestSupport

/// Stored settings → StoredChannelProvider → EmailChannel → a real SMTP server, and the rendered
/// template as the customer receives it.
@Suite(.enabled(if: EmailTestServer.isAvailable, EmailTestServer.unavailableReason))
struct EmailProviderTests {
    @Test func storedSettingsAndARenderedTemplateReachTheServer() async throws {
        try await EmailTestServer.with(["--starttls", "--user", "mailer", "--password", "pw ünï"]) { server in
            try await TestDatabase.sqlite.withStore { store in
                let tenant = try await store.ensureTenant(named: "acme")
                let secrets = SecretBoxSource(try SecretBox(base64Key: SecretBox.generateKey()))
                let settings = try EmailChannelSettings(json: .object([
                    "host": .string("127.0.0.1"), "port": .number(Double(server.port)), "starttls": .bool(true),
                    "tls_verify": .bool(false), "username": .string("mailer"), "from": .string("Acme <noreply@acme.test>"),
                ]))
                try await ChannelSettingsRepository(store: store, secrets: secrets)
                    .save(.email, tenantID: tenant.id, settings: settings.json, secret: .set("pw ünï"), actor: "test")

                let channel = try #require(try await StoredChannelProvider(store: store, secrets: secrets, httpClients: EgressHTTPClients(policy: .allowingLoopback)).channel(.email, tenantID: tenant.id))
                let variables = NotificationVariables(language: .german, customerName: "Jürgen", orderNumber: "B-7",
                                                      trackingLink: "https://t.example/t/abc", signedBy: "J. Müller",
                                                      branding: Branding(tenantName: "Acme"))
                let rendered = try TemplateRenderer().render(template: "delivered", channel: .email, variables: variables)
                let result = try await channel.send(PersonMessage(tenantID: tenant.id, recipient: "juergen@example.de",
                                                                  rendered: rendered, idempotencyKey: "ntf_9:email"))
                #expect(result.statusCode == 250)

                let mail = try EmailTestServer.parse(try #require(server.receivedFiles().first))
                #expect(mail.envelope.auth_user == "mailer" && mail.envelope.tls)
                #expect(mail.subject == "Ihr Paket wurde zugestellt")
                #expect(mail.idempotency_key == "ntf_9:email")
                let text = try #require(mail.parts.first { $0.content_type == "text/plain" }?.content)
                #expect(text.includes("Hallo Jürgen,") && text.includes("Unterschrieben von J. Müller."))
                let html = try #require(mail.parts.first { $0.content_type == "text/html" }?.content)
                #expect(html.includes("https://t.example/t/abc") && html.includes("Jürgen"))
            }
        }
    }
}
