import Foundation
import WaybillCore

/// How a message reaches its recipient.
public enum ChannelKind: String, Sendable, Codable, CaseIterable {
    case email
    case sms
    case webhook
    case inApp = "in_app"
}

/// A message rendered from a template for one channel and language.
public struct RenderedMessage: Sendable, Hashable {
    /// Email subject; nil for channels without one.
    public var subject: String?
    public var text: String
    /// HTML alternative (email only).
    public var html: String?

    public init(subject: String? = nil, text: String, html: String? = nil) {
        self.subject = subject
        self.text = text
        self.html = html
    }
}

/// A message to a person (email or SMS), ready to send.
public struct PersonMessage: Sendable, Hashable {
    public var tenantID: String
    /// An email address or an E.164 phone number.
    public var recipient: String
    public var rendered: RenderedMessage
    /// Stable per logical message: lets a receiver (and our delivery log) spot a resend.
    public var idempotencyKey: String

    public init(tenantID: String, recipient: String, rendered: RenderedMessage, idempotencyKey: String) {
        self.tenantID = tenantID
        self.recipient = recipient
        self.rendered = rendered
        self.idempotencyKey = idempotencyKey
    }
}

/// What one delivery attempt got back, for the delivery log.
public struct DeliveryAttemptResult: Sendable, Hashable {
    /// HTTP status or SMTP reply code.
    public var statusCode: Int?
    public var latency: Duration
    /// The start of the receiver's answer, for the delivery log (never the message body).
    public var responseExcerpt: String?

    public init(statusCode: Int?, latency: Duration, responseExcerpt: String?) {
        self.statusCode = statusCode
        self.latency = latency
        self.responseExcerpt = responseExcerpt
    }
}

/// Why a delivery attempt failed, and whether retrying can help.
public struct DeliveryFailure: Error, Sendable, CustomStringConvertible {
    public var reason: String
    /// False for failures a retry cannot fix (bad address, rejected credentials, 4xx other than 408/429).
    public var retryable: Bool
    public var attempt: DeliveryAttemptResult?

    public init(reason: String, retryable: Bool, attempt: DeliveryAttemptResult? = nil) {
        self.reason = reason
        self.retryable = retryable
        self.attempt = attempt
    }

    public var description: String { reason }
}

/// A channel that sends messages to people for one tenant (email over SMTP, SMS over an HTTP API).
/// Throws `DeliveryFailure`.
public protocol PersonChannel: Sendable {
    var kind: ChannelKind { get }
    func send(_ message: PersonMessage) async throws -> DeliveryAttemptResult
}

/// Looks up a tenant's configured person channels (nil when the tenant has not configured one).
public protocol PersonChannelProvider: Sendable {
    func channel(_ kind: ChannelKind, tenantID: String) async throws -> (any PersonChannel)?
}
