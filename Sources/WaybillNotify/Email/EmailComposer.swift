import Crypto
import Foundation

/// Builds the RFC 5322 message of a `PersonMessage`: headers, then text alone or a
/// multipart/alternative of text and HTML, every part UTF-8 in quoted-printable.
public enum EmailComposer {
    /// The header that carries the message's idempotency key, so a resend is recognisable.
    public static let idempotencyHeader = "X-Waybill-Idempotency-Key"

    public static func compose(from: Mailbox, to: EmailAddress, rendered: RenderedMessage, idempotencyKey: String,
                               date: Date = Date(), boundary: String = makeBoundary()) -> String {
        var headers: [(String, String)] = [
            ("From", mailbox(from)),
            ("To", "<\(to)>"),
            ("Subject", MIMEEncoding.headerValue(rendered.subject ?? "", nameLength: "Subject".count)),
            ("Date", MIMEEncoding.date(date)),
            ("Message-ID", messageID(idempotencyKey: idempotencyKey, domain: from.address.domain)),
            (idempotencyHeader, headerSafe(idempotencyKey)),
            ("MIME-Version", "1.0"),
            ("Auto-Submitted", "auto-generated"),
        ]
        var body: String
        if let html = rendered.html {
            headers.append(("Content-Type", "multipart/alternative;\r\n boundary=\"\(boundary)\""))
            body = "This is a multi-part message in MIME format.\r\n"
            body += "--\(boundary)\r\n" + part(rendered.text, subtype: "plain")
            body += "\r\n--\(boundary)\r\n" + part(html, subtype: "html")
            body += "\r\n--\(boundary)--\r\n"
        } else {
            headers.append(("Content-Type", "text/plain; charset=utf-8"))
            headers.append(("Content-Transfer-Encoding", "quoted-printable"))
            body = MIMEEncoding.quotedPrintable(rendered.text) + "\r\n"
        }
        return headers.map { "\($0.0): \($0.1)" }.joined(separator: "\r\n") + "\r\n\r\n" + body
    }

    /// A boundary that cannot occur in quoted-printable text ("=_" never does).
    public static func makeBoundary() -> String {
        var generator = SystemRandomNumberGenerator()
        return "=_waybill_" + String(generator.next() as UInt64, radix: 16) + String(generator.next() as UInt64, radix: 16)
    }

    /// Derived from the idempotency key, so every resend of one logical message carries the same id.
    static func messageID(idempotencyKey: String, domain: String) -> String {
        let digest = SHA256.hash(data: Data(idempotencyKey.utf8)).map { byte in
            (byte < 16 ? "0" : "") + String(byte, radix: 16)
        }.joined()
        return "<waybill.\(digest.prefix(40))@\(domain)>"
    }

    private static func part(_ content: String, subtype: String) -> String {
        "Content-Type: text/\(subtype); charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
            + MIMEEncoding.quotedPrintable(content) + "\r\n"
    }

    private static func mailbox(_ mailbox: Mailbox) -> String {
        guard let name = mailbox.displayName, !name.isEmpty else { return "<\(mailbox.address)>" }
        return MIMEEncoding.displayName(name) + " <\(mailbox.address)>"
    }

    private static func headerSafe(_ value: String) -> String {
        var safe = ""
        safe.unicodeScalars.append(contentsOf: value.unicodeScalars.filter { $0.value >= 33 && $0.value < 127 }.prefix(200))
        return safe
    }
}

/// The DATA section as it goes on the wire: CRLF line endings, dot-stuffed (RFC 5321 4.5.2), ended by `.`.
enum SMTPDataEncoding {
    static func encode(_ message: String) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(message.utf8.count + 64)
        let lines = MIMEEncoding.normalizedLines(message)
        let count = lines.last?.isEmpty == true ? lines.count - 1 : lines.count
        for line in lines.prefix(count) {
            if line.hasPrefix(".") { output.append(UInt8(ascii: ".")) }
            output += Array(line.utf8)
            output += [13, 10]
        }
        output += Array(".\r\n".utf8)
        return output
    }
}
