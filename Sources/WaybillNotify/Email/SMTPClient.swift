import Foundation
import NIOCore

/// What the server said when it accepted a message.
public struct SMTPAcceptance: Sendable {
    /// The reply to the end of DATA (normally 250, often with the server's queue id).
    public var reply: SMTPReply
}

/// A small SMTP submission client (RFC 5321, 3207 STARTTLS, 4954 AUTH PLAIN/LOGIN): one
/// connection per message, closed afterwards.
public struct SMTPClient: Sendable {
    public var configuration: SMTPConfiguration

    public init(configuration: SMTPConfiguration) {
        self.configuration = configuration
    }

    /// Delivers `message` (a complete RFC 5322 message) from the configured sender to `recipient`.
    public func send(_ message: String, to recipient: EmailAddress) async throws(SMTPError) -> SMTPAcceptance {
        var connection = try await SMTPConnection.connect(host: configuration.host, port: configuration.port,
                                                          timeouts: configuration.timeouts, egress: configuration.egress)
        do {
            let acceptance = try await converse(&connection, message: message, recipient: recipient)
            await quit(&connection)
            return acceptance
        } catch {
            await connection.close()
            throw error
        }
    }

    private func converse(_ connection: inout SMTPConnection, message: String,
                          recipient: EmailAddress) async throws(SMTPError) -> SMTPAcceptance {
        let greeting = try await connection.readReply(stage: .greeting)
        guard greeting.code == 220 else { throw SMTPError(stage: .greeting, kind: .rejected(greeting)) }

        var capabilities = try await hello(&connection)
        if configuration.starttls {
            guard capabilities.supportsStartTLS else {
                throw SMTPError(stage: .starttls, kind: .unsupported("the server does not offer STARTTLS, which the settings require"))
            }
            try await connection.command("STARTTLS", stage: .starttls, accepted: 220...220)
            try await connection.startTLS(verify: configuration.tlsVerify)
            do {
                capabilities = try await hello(&connection)
            } catch where error.reply == nil && error.isRetryable {
                // The handshake runs under the first command; a connection lost there is almost
                // always a rejected certificate or no common protocol, which retrying cannot fix.
                throw SMTPError(stage: .tlsHandshake, kind: .tls(
                    "TLS negotiation failed (untrusted or mismatched certificate, or no common protocol): \(error)"))
            }
        }
        if let username = configuration.username, !username.isEmpty {
            try await authenticate(&connection, username: username, password: configuration.password ?? "",
                                   capabilities: capabilities)
        }
        try await connection.command("MAIL FROM:<\(configuration.from.address)>", stage: .mailFrom)
        try await connection.command("RCPT TO:<\(recipient)>", stage: .rcptTo, accepted: 250...251)
        try await connection.command("DATA", stage: .data, accepted: 354...354)
        try await connection.write(ByteBuffer(bytes: SMTPDataEncoding.encode(message)), stage: .message)
        let reply = try await connection.readReply(stage: .message, timeout: configuration.timeouts.dataTermination)
        guard (200...299).contains(reply.code) else { throw SMTPError(stage: .message, kind: .rejected(reply)) }
        return SMTPAcceptance(reply: reply)
    }

    /// EHLO, falling back to HELO for a server that does not know it; returns the extensions offered.
    private func hello(_ connection: inout SMTPConnection) async throws(SMTPError) -> SMTPCapabilities {
        let name = configuration.heloName ?? configuration.from.address.domain
        let reply = try await connection.command("EHLO \(name)", stage: .ehlo, accepted: 200...599)
        if reply.code == 250 { return SMTPCapabilities(ehloReply: reply) }
        guard reply.code == 500 || reply.code == 502 else { throw SMTPError(stage: .ehlo, kind: .rejected(reply)) }
        try await connection.command("HELO \(name)", stage: .ehlo)
        return SMTPCapabilities(ehloReply: SMTPReply(code: 250, lines: [name]))
    }

    private func authenticate(_ connection: inout SMTPConnection, username: String, password: String,
                              capabilities: SMTPCapabilities) async throws(SMTPError) {
        if capabilities.authMechanisms.contains("PLAIN") {
            let token = Data(([0] + Array(username.utf8) + [0] + Array(password.utf8))).base64EncodedString()
            try await connection.command("AUTH PLAIN \(token)", stage: .auth, accepted: 235...235)
        } else if capabilities.authMechanisms.contains("LOGIN") {
            try await connection.command("AUTH LOGIN", stage: .auth, accepted: 334...334)
            try await connection.command(Data(username.utf8).base64EncodedString(), stage: .auth, accepted: 334...334)
            try await connection.command(Data(password.utf8).base64EncodedString(), stage: .auth, accepted: 235...235)
        } else {
            let offered = capabilities.authMechanisms.sorted().joined(separator: " ")
            throw SMTPError(stage: .auth, kind: .unsupported(
                offered.isEmpty ? "the server offers no AUTH (on this connection)" : "no supported AUTH mechanism (server offers \(offered))"))
        }
    }

    private func quit(_ connection: inout SMTPConnection) async {
        // The message is accepted; a server that hangs up on QUIT changes nothing.
        _ = try? await connection.command("QUIT", stage: .message, accepted: 200...599, timeout: .seconds(5))
        await connection.close()
    }
}

/// The service extensions of an EHLO reply.
struct SMTPCapabilities: Sendable {
    var keywords: Set<String> = []
    var authMechanisms: Set<String> = []

    init(ehloReply: SMTPReply) {
        for line in ehloReply.lines.dropFirst() {
            let words = line.uppercased().split(separator: " ").map(String.init)
            guard let keyword = words.first else { continue }
            keywords.insert(keyword)
            if keyword == "AUTH" || keyword == "AUTH=" { authMechanisms.formUnion(words.dropFirst()) }
            if keyword.hasPrefix("AUTH=") { authMechanisms.insert(String(keyword.dropFirst(5))) }
        }
    }

    var supportsStartTLS: Bool { keywords.contains("STARTTLS") }
}
