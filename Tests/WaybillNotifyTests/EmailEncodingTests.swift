import Foundation
import Testing
@testable import WaybillNotify

struct EmailEncodingTests {
    @Test func dotStuffingDoublesLeadingDotsAndNormalisesLineEndings() {
        let wire = String(decoding: SMTPDataEncoding.encode("a\n.b\r..c\r\n.\nd"), as: UTF8.self)
        #expect(wire == "a\r\n..b\r\n...c\r\n..\r\nd\r\n.\r\n")
    }

    @Test func quotedPrintableKeepsLinesShortAndEncodesUTF8AndTrailingSpace() {
        let encoded = MIMEEncoding.quotedPrintable(String(repeating: "é", count: 50) + " x = y \nnext")
        let lines = encoded.components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.utf8.count <= 76 })
        #expect(encoded.includes("=C3=A9"))
        #expect(encoded.includes("x =3D y=20\r\nnext"))
    }

    @Test func encodedWordsStayWithinLimitAndKeepCharactersWhole() throws {
        let subject = String(repeating: "Ünïcödé 📦 ", count: 12)
        let header = MIMEEncoding.headerValue(subject, nameLength: "Subject".count)
        let words = header.components(separatedBy: "\r\n ")
        #expect(words.count > 1)
        #expect("Subject: ".utf8.count + words[0].utf8.count <= 76)
        var decoded = Data()
        for word in words {
            #expect(word.utf8.count <= 75)
            #expect(word.hasPrefix("=?UTF-8?B?") && word.hasSuffix("?="))
            let payload = try #require(Data(base64Encoded: String(word.dropFirst(10).dropLast(2))))
            #expect(String(data: payload, encoding: .utf8) != nil)
            decoded += payload
        }
        #expect(String(decoding: decoded, as: UTF8.self) == subject)
        #expect(MIMEEncoding.headerValue("Plain ASCII") == "Plain ASCII")
    }

    @Test func rfc5322Date() {
        #expect(MIMEEncoding.date(Date(timeIntervalSince1970: 1_795_000_000)) == "Wed, 18 Nov 2026 11:06:40 +0000")
    }

    @Test func mailboxesAndAddresses() {
        #expect(Mailbox("Shop <shop@example.com>")?.displayName == "Shop")
        #expect(Mailbox("\"Shop, Inc.\" <shop@example.com>")?.displayName == "Shop, Inc.")
        #expect(Mailbox("shop@example.com")?.address.domain == "example.com")
        #expect(Mailbox("Shop <shop@example.com") == nil)
        #expect(EmailAddress("a b@example.com") == nil)
        #expect(EmailAddress("user@localhost") == nil)
        #expect(EmailAddress("user@[127.0.0.1]") != nil)
        #expect(EmailAddress("x@example.com\r\nRCPT TO:<y@z.com>") == nil)
        #expect(EmailComposer.compose(from: Mailbox("Shop, Inc. <s@example.com>")!, to: EmailAddress("c@example.org")!,
                                      rendered: RenderedMessage(subject: "S", text: "t"), idempotencyKey: "k\r\nBcc: x")
            .includes("X-Waybill-Idempotency-Key: kBcc:x\r\n"))
    }
}
