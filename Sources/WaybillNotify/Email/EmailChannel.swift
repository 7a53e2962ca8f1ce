import Foundation
import Logging
import WaybillCore

/// Email over the tenant's SMTP server.
public struct EmailChannel: PersonChannel {
    public let kind = ChannelKind.email
    public let client: SMTPClient
    private let logger: Logger

    public init(configuration: SMTPConfiguration, logger: Logger = Logger(label: "waybill.notify.email")) {
        self.client = SMTPClient(configuration: configuration)
        self.logger = logger
    }

    /// Sends the message; a 4xx reply, lost connection or timeout is a retryable `DeliveryFailure`,
    /// a 5xx reply (rejected recipient or credentials), TLS or configuration problem a permanent one.
    public func send(_ message: PersonMessage) async throws -> DeliveryAttemptResult {
        let start = ContinuousClock.now
        guard let recipient = EmailAddress(message.recipient) else {
            throw DeliveryFailure(reason: "recipient is not a valid email address", retryable: false)
        }
        let data = EmailComposer.compose(from: client.configuration.from, to: recipient, rendered: message.rendered,
                                         idempotencyKey: message.idempotencyKey)
        do {
            let acceptance = try await client.send(data, to: recipient)
            return DeliveryAttemptResult(statusCode: acceptance.reply.code, latency: ContinuousClock.now - start,
                                         responseExcerpt: excerpt(acceptance.reply))
        } catch {
            let attempt = DeliveryAttemptResult(statusCode: error.reply?.code, latency: ContinuousClock.now - start,
                                                responseExcerpt: error.reply.map(excerpt) ?? error.description)
            logger.warning("smtp delivery failed", metadata: [
                "tenant_id": "\(message.tenantID)", "stage": "\(error.stage.rawValue)",
                "code": "\(error.reply.map { String($0.code) } ?? "-")", "retryable": "\(error.isRetryable)",
            ])
            throw DeliveryFailure(reason: error.description, retryable: error.isRetryable, attempt: attempt)
        }
    }

    private func excerpt(_ reply: SMTPReply) -> String {
        String(reply.description.prefix(200))
    }
}
