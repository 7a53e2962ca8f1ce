import Foundation
import NIOCore

/// How to reach and log in to a tenant's SMTP server.
public struct SMTPConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// Upgrade the connection with STARTTLS before anything else (required when set: a server
    /// that does not offer it is not used, so credentials never travel in clear).
    public var starttls: Bool
    /// Verify the server's certificate and name (on by default; off only for tests or self-signed servers).
    public var tlsVerify: Bool
    /// Log in with AUTH PLAIN or LOGIN (whichever the server offers) when set.
    public var username: String?
    public var password: String?
    public var from: Mailbox
    /// Name sent with EHLO; defaults to the sender's domain.
    public var heloName: String?
    public var timeouts: SMTPTimeouts
    /// Which addresses `host` may resolve to (the host is a tenant's choice).
    public var egress: EgressPolicy

    public init(host: String, port: Int, starttls: Bool, tlsVerify: Bool = true, username: String? = nil,
                password: String? = nil, from: Mailbox, heloName: String? = nil, timeouts: SMTPTimeouts = SMTPTimeouts(),
                egress: EgressPolicy = EgressPolicy()) {
        self.host = host
        self.port = port
        self.starttls = starttls
        self.tlsVerify = tlsVerify
        self.username = username
        self.password = password
        self.from = from
        self.heloName = heloName
        self.timeouts = timeouts
        self.egress = egress
    }
}

/// Time limits of an SMTP conversation (RFC 5321 4.5.3.2 allows minutes; a delivery worker prefers to retry).
public struct SMTPTimeouts: Sendable {
    public var connect: TimeAmount
    /// Wait for each reply, including the greeting and the TLS handshake.
    public var command: TimeAmount
    /// Wait for the reply to the end of DATA, when the server may scan the message.
    public var dataTermination: TimeAmount

    public init(connect: TimeAmount = .seconds(10), command: TimeAmount = .seconds(60), dataTermination: TimeAmount = .seconds(120)) {
        self.connect = connect
        self.command = command
        self.dataTermination = dataTermination
    }
}
