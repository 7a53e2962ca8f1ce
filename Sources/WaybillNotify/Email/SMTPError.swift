/// Where in the SMTP conversation something went wrong.
public enum SMTPStage: String, Sendable {
    case connect, greeting, ehlo, starttls, tlsHandshake = "tls_handshake", auth
    case mailFrom = "mail_from", rcptTo = "rcpt_to", data, message
}

/// A failed SMTP delivery, with the stage and, when the server answered, its reply.
public struct SMTPError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable {
        /// The server answered with a failure code.
        case rejected(SMTPReply)
        case connectionFailed(String)
        case connectionClosed
        case timedOut
        case tls(String)
        case protocolViolation(String)
        /// The server lacks something Waybill needs (STARTTLS when required, a supported AUTH mechanism).
        case unsupported(String)
        /// The message cannot be sent as given (an invalid recipient address).
        case invalidMessage(String)
    }

    public var stage: SMTPStage
    public var kind: Kind

    public init(stage: SMTPStage, kind: Kind) {
        self.stage = stage
        self.kind = kind
    }

    /// 4xx replies, lost connections and timeouts may heal; 5xx replies, TLS and configuration problems do not.
    public var isRetryable: Bool {
        switch kind {
        case .rejected(let reply): reply.isTransientFailure
        case .connectionFailed, .connectionClosed, .timedOut, .protocolViolation: true
        case .tls, .unsupported, .invalidMessage: false
        }
    }

    public var reply: SMTPReply? {
        if case .rejected(let reply) = kind { return reply }
        return nil
    }

    public var description: String {
        switch kind {
        case .rejected(let reply): "SMTP \(stage.rawValue) rejected: \(reply)"
        case .connectionFailed(let reason): "SMTP connection failed: \(reason)"
        case .connectionClosed: "SMTP server closed the connection during \(stage.rawValue)"
        case .timedOut: "SMTP server did not answer in time during \(stage.rawValue)"
        case .tls(let reason): "SMTP TLS failed during \(stage.rawValue): \(reason)"
        case .protocolViolation(let reason): "SMTP protocol error during \(stage.rawValue): \(reason)"
        case .unsupported(let reason): "SMTP server unsupported: \(reason)"
        case .invalidMessage(let reason): "message cannot be sent: \(reason)"
        }
    }
}
