import Foundation
import Testing
@testable import WaybillNotify

/// EmailChannel against a real SMTP server (aiosmtpd) on loopback.
@Suite(.enabled(if: EmailTestServer.isAvailable, EmailTestServer.unavailableReason))
struct EmailDeliveryTests {
    static let user = "mailer"
    static let password = "s3cret pässword"
    static let from = Mailbox("Boutique Zoë <shop@boutique.test>")!

    func configuration(_ server: EmailTestServer, starttls: Bool = true, tlsVerify: Bool = false,
                       password: String? = password, timeouts: SMTPTimeouts = SMTPTimeouts()) -> SMTPConfiguration {
        SMTPConfiguration(host: "127.0.0.1", port: server.port, starttls: starttls, tlsVerify: tlsVerify,
                          username: password == nil ? nil : Self.user, password: password, from: Self.from, timeouts: timeouts,
                          egress: .allowingLoopback)
    }

    func message(to recipient: String = "customer@example.org", subject: String = "Your order is on its way",
                 text: String = "Hello", html: String? = "<p>Hello</p>", key: String = "msg-1") -> PersonMessage {
        PersonMessage(tenantID: "ten_1", recipient: recipient,
                      rendered: RenderedMessage(subject: subject, text: text, html: html), idempotencyKey: key)
    }

    @Test func deliversMultipartUTF8MessageOverStartTLSWithAuthPlain() async throws {
        try await EmailTestServer.with(["--starttls", "--user", Self.user, "--password", Self.password]) { server in
            let subject = "Votre colis est en route — Zoë’s order #A-1042 will arrive Thursday 📦 ✓ Größe ÄÖÜ"
            let longLine = String(repeating: "Größere Sendung unterwegs, bitte warten. ", count: 4)
            let text = "Bonjour Zoë,\n.hidden line starts with a dot\n..two dots\n.\nafter a lone dot\r\n\(longLine)\nend = equals  "
            let html = "<p>Bonjour <b>Zoë</b> &amp; co</p>\n.<span>dot</span>"
            let channel = EmailChannel(configuration: configuration(server))
            let result = try await channel.send(message(subject: subject, text: text, html: html, key: "ntf_01:email:shipped"))
            #expect(result.statusCode == 250)
            #expect(result.responseExcerpt?.hasPrefix("250") == true)

            let files = server.receivedFiles()
            try #require(files.count == 1)
            let mail = try EmailTestServer.parse(files[0])
            #expect(mail.envelope.tls)
            #expect(mail.envelope.auth_user == Self.user)
            #expect(mail.envelope.mail_from == "shop@boutique.test")
            #expect(mail.envelope.rcpt_tos == ["customer@example.org"])
            #expect(mail.defects.isEmpty)
            #expect(mail.subject == subject)
            #expect(mail.from == "Boutique Zoë <shop@boutique.test>")
            #expect(mail.to == "customer@example.org")
            #expect(mail.mime_version == "1.0")
            #expect(mail.idempotency_key == "ntf_01:email:shipped")
            #expect(mail.message_id == EmailComposer.messageID(idempotencyKey: "ntf_01:email:shipped", domain: "boutique.test"))
            #expect(mail.date.hasSuffix("+00:00"))
            #expect(mail.content_type == "multipart/alternative")
            try #require(mail.parts.count == 2)
            #expect(mail.parts[0].content_type == "text/plain")
            #expect(mail.parts[0].charset == "utf-8")
            #expect(mail.parts[0].transfer_encoding == "quoted-printable")
            #expect(mail.parts[0].content.replacingOccurrences(of: "\r\n", with: "\n") == text.replacingOccurrences(of: "\r\n", with: "\n") + "\n")
            #expect(mail.parts[1].content_type == "text/html")
            #expect(mail.parts[1].content.replacingOccurrences(of: "\r\n", with: "\n") == html + "\n")
            // The wire form is 7-bit with short lines: UTF-8 travelled encoded.
            let longLines = mail.raw.components(separatedBy: "\r\n").filter { $0.utf8.count > 78 }
            #expect(longLines.isEmpty, "\(longLines)")
            #expect(mail.raw.includes("=?UTF-8?B?"))
        }
    }

    @Test func plainTextOnlyMessageIsNotMultipart() async throws {
        try await EmailTestServer.with(["--starttls", "--user", Self.user, "--password", Self.password]) { server in
            let channel = EmailChannel(configuration: configuration(server))
            _ = try await channel.send(message(subject: "Delivered", text: "Your parcel was delivered.", html: nil))
            let mail = try EmailTestServer.parse(try #require(server.receivedFiles().first))
            #expect(mail.content_type == "text/plain")
            #expect(mail.parts.map { $0.content.replacingOccurrences(of: "\r\n", with: "\n") } == ["Your parcel was delivered.\n"])
            #expect(mail.subject == "Delivered")
        }
    }

    @Test func usesAuthLoginWhenPlainIsNotOffered() async throws {
        try await EmailTestServer.with(["--starttls", "--user", Self.user, "--password", Self.password,
                                        "--exclude-auth", "PLAIN"]) { server in
            let result = try await EmailChannel(configuration: configuration(server)).send(message())
            #expect(result.statusCode == 250)
            let mail = try EmailTestServer.parse(try #require(server.receivedFiles().first))
            #expect(mail.envelope.auth_user == Self.user)
        }
    }

    @Test func sendsWithoutTLSOrAuthWhenConfiguredSo() async throws {
        try await EmailTestServer.with([]) { server in
            let result = try await EmailChannel(configuration: configuration(server, starttls: false, password: nil)).send(message())
            #expect(result.statusCode == 250)
            let mail = try EmailTestServer.parse(try #require(server.receivedFiles().first))
            #expect(!mail.envelope.tls)
            #expect(mail.envelope.auth_user == nil)
        }
    }

    @Test func rejectedCredentialsArePermanent() async throws {
        try await EmailTestServer.with(["--starttls", "--user", Self.user, "--password", Self.password]) { server in
            let failure = await #expect(throws: DeliveryFailure.self) {
                try await EmailChannel(configuration: configuration(server, password: "wrong")).send(message())
            }
            #expect(failure?.retryable == false)
            #expect(failure?.attempt?.statusCode == 535)
            #expect(server.receivedFiles().isEmpty)
        }
    }

    @Test func temporaryRecipientFailureIsRetryableAndPermanentIsNot() async throws {
        try await EmailTestServer.with(["--starttls", "--user", Self.user, "--password", Self.password]) { server in
            let channel = EmailChannel(configuration: configuration(server))
            let temporary = await #expect(throws: DeliveryFailure.self) {
                try await channel.send(message(to: "tempfail@example.org"))
            }
            #expect(temporary?.retryable == true)
            #expect(temporary?.attempt?.statusCode == 451)
            let permanent = await #expect(throws: DeliveryFailure.self) {
                try await channel.send(message(to: "reject@example.org"))
            }
            #expect(permanent?.retryable == false)
            #expect(permanent?.attempt?.statusCode == 550)
            #expect(server.receivedFiles().isEmpty)
        }
    }

    @Test func certificateIsVerifiedByDefault() async throws {
        try await EmailTestServer.with(["--starttls", "--user", Self.user, "--password", Self.password]) { server in
            let failure = await #expect(throws: DeliveryFailure.self) {
                try await EmailChannel(configuration: configuration(server, tlsVerify: true)).send(message())
            }
            #expect(failure?.retryable == false, "\(failure?.reason ?? "")")
            #expect(failure?.reason.includes("TLS") == true)
            #expect(server.receivedFiles().isEmpty)
        }
    }

    @Test func refusesToSendWhenStartTLSIsRequiredButNotOffered() async throws {
        try await EmailTestServer.with(["--user", Self.user, "--password", Self.password]) { server in
            let failure = await #expect(throws: DeliveryFailure.self) {
                try await EmailChannel(configuration: configuration(server, starttls: true)).send(message())
            }
            #expect(failure?.retryable == false)
            #expect(failure?.reason.includes("STARTTLS") == true)
            #expect(server.receivedFiles().isEmpty)
        }
    }

    @Test func serverDownIsRetryable() async throws {
        // A port that just had a listener and has none now.
        let port = try await EmailTestServer.with([]) { $0.port }
        let config = SMTPConfiguration(host: "127.0.0.1", port: port, starttls: false, from: Self.from, egress: .allowingLoopback)
        let failure = await #expect(throws: DeliveryFailure.self) {
            try await EmailChannel(configuration: config).send(message())
        }
        #expect(failure?.retryable == true)
        #expect(failure?.attempt?.statusCode == nil)
    }

    @Test func silentServerTimesOutRetryably() async throws {
        try await EmailTestServer.with(["--silent"]) { server in
            let timeouts = SMTPTimeouts(connect: .seconds(5), command: .milliseconds(300), dataTermination: .seconds(1))
            let failure = await #expect(throws: DeliveryFailure.self) {
                try await EmailChannel(configuration: configuration(server, starttls: false, timeouts: timeouts)).send(message())
            }
            #expect(failure?.retryable == true)
            #expect(failure?.reason.includes("did not answer in time") == true)
        }
    }

    @Test func invalidRecipientIsPermanentWithoutConnecting() async throws {
        let config = SMTPConfiguration(host: "127.0.0.1", port: 9, starttls: false, from: Self.from, egress: .allowingLoopback)
        let failure = await #expect(throws: DeliveryFailure.self) {
            try await EmailChannel(configuration: config).send(message(to: "not an address"))
        }
        #expect(failure?.retryable == false)
    }
}
