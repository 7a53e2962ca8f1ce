import AsyncHTTPClient
import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import Tracing
import WaybillCore
import WaybillStore

/// Delivers the outbox: claims due messages (leased, so several instances share the work and a
/// crash only delays a message), signs and posts webhooks, hands messages to people to their
/// channel, writes in-app messages to the feed, and records every attempt. Failures are retried
/// by the `RetryPolicy` and dead-lettered after its period; an endpoint that keeps failing has
/// its circuit opened for a while. It also runs the periodic sweep of time-based triggers.
public final class NotificationWorker: Service {
    private let store: any Store
    private let configuration: NotificationConfiguration
    private let personChannels: (any PersonChannelProvider)?
    private let sender: WebhookSender
    private let httpClients: EgressHTTPClients
    private let composer: PersonMessageComposer
    private let logger: Logger
    public let owner: String
    private let signal: AsyncStream<Void>
    private let signalContinuation: AsyncStream<Void>.Continuation
    /// When this instance last asked for the sweep lease (asked at most once per sweep interval).
    private let lastSweepAttempt = Mutex<Date>(.distantPast)

    public init(store: any Store, configuration: NotificationConfiguration = .fromEnvironment(),
                personChannels: (any PersonChannelProvider)? = nil, publicBaseURL: String? = nil,
                httpClients: EgressHTTPClients? = nil, logger: Logger = Logger(label: "waybill.notify"), owner: String? = nil) {
        self.store = store
        self.configuration = configuration
        self.personChannels = personChannels
        self.httpClients = httpClients ?? EgressHTTPClients(policy: configuration.egress)
        self.sender = WebhookSender(clients: self.httpClients, timeout: configuration.requestTimeout)
        self.composer = PersonMessageComposer(publicBaseURL: publicBaseURL)
        self.logger = logger
        self.owner = owner ?? "notify-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"
        (signal, signalContinuation) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    /// Asks the worker to look for due messages now.
    public func nudge() {
        signalContinuation.yield()
    }

    public func run() async throws {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { [signalContinuation, configuration] in
                while !Task.isCancelled {
                    try? await Task.sleep(for: configuration.pollInterval)
                    signalContinuation.yield()
                }
            }
            await cancelWhenGracefulShutdown {
                for await _ in self.signal {
                    do {
                        try await self.sweepIfDue()
                        while try await self.drainOnce() > 0 {}
                    } catch is CancellationError {
                        return
                    } catch {
                        if Task.isCancelled { return }
                        self.logger.error("notification delivery loop failed", metadata: ["error": "\(ErrorText.of(error))"])
                    }
                }
            }
            group.cancelAll()
        }
        await httpClients.shutdown()
    }

    /// Claims one batch of due messages and delivers them; returns how many there were.
    @discardableResult
    public func drainOnce(now: Date = Date()) async throws -> Int {
        let messages = try await store.claimNotifications(limit: configuration.concurrency, owner: owner,
                                                          leaseDuration: configuration.leaseDuration, now: now)
        // A batch never holds two messages of one ordering key, so they may go out in parallel;
        // their outcomes are recorded in one transaction.
        let reports = await withTaskGroup(of: DeliveryReport.self) { group in
            for message in messages {
                group.addTask { await self.deliver(message, now: now) }
            }
            var reports: [DeliveryReport] = []
            for await report in group { reports.append(report) }
            return reports
        }
        try await store.recordDeliveries(reports)
        return messages.count
    }

    /// Runs the sweep of time-based triggers when this instance wins its lease.
    public func sweepIfDue(now: Date = Date()) async throws {
        let due = lastSweepAttempt.withLock { last in
            guard now.timeIntervalSince(last) >= configuration.sweepInterval else { return false }
            last = now
            return true
        }
        guard due else { return }
        guard try await store.claimNotificationSweep(owner: owner, interval: configuration.sweepInterval, now: now) else { return }
        let fired = try await withSpan("notification.sweep") { span in
            let fired = try await TimedTriggerSweep(store: store).run(staleAfterHours: configuration.staleAfterHours, now: now, limit: 1000)
            span.attributes["waybill.notification.fired"] = fired
            return fired
        }
        if fired > 0 { logger.info("time-based triggers fired", metadata: ["count": "\(fired)"]) }
    }

    /// Delivers one message; `now` is the clock that retries and the circuit are scheduled by.
    func deliver(_ message: OutboundMessage, now: Date) async -> DeliveryReport {
        await withSpan("notification.deliver", ofKind: .client) { span in
            span.attributes["waybill.notification.message_id"] = message.id
            span.attributes["waybill.notification.channel"] = message.channel.rawValue
            span.attributes["waybill.notification.attempt"] = message.attempts + 1
            let report = await deliverInSpan(message, now: now)
            switch report.outcome {
            case .retry, .dead: span.setStatus(SpanStatus(code: .error, message: report.error))
            case .delivered, .skipped: break
            }
            return report
        }
    }

    private func deliverInSpan(_ message: OutboundMessage, now: Date) async -> DeliveryReport {
        let started = Date()
        do {
            let (result, feedItem) = try await attempt(message, now: started)
            return DeliveryReport(messageID: message.id, owner: owner, startedAt: started, statusCode: result.statusCode,
                                  latency: result.latency, responseExcerpt: result.responseExcerpt, error: nil, outcome: .delivered,
                                  circuit: message.channel == .webhook ? .success : nil, feedItem: feedItem)
        } catch let skip as Skip {
            logger.info("notification skipped", metadata: ["message": "\(message.id)", "reason": "\(skip.reason)"])
            return DeliveryReport(messageID: message.id, owner: owner, startedAt: started, statusCode: nil, latency: .zero,
                                  responseExcerpt: nil, error: skip.reason, outcome: .skipped)
        } catch {
            let failure = error as? DeliveryFailure ?? DeliveryFailure(reason: "\(error)", retryable: true)
            let failures = message.attempts + 1
            let next = failure.retryable
                ? configuration.retry.nextAttempt(afterFailures: failures, windowStart: message.retryWindowStart, now: now)
                : nil
            logger.warning("notification delivery failed", metadata: [
                "message": "\(message.id)", "channel": "\(message.channel.rawValue)", "attempt": "\(failures)",
                "reason": "\(failure.reason)", "dead": "\(next == nil)",
            ])
            return DeliveryReport(
                messageID: message.id, owner: owner, startedAt: started, statusCode: failure.attempt?.statusCode,
                latency: failure.attempt?.latency ?? Date().timeIntervalSince(started).duration,
                responseExcerpt: failure.attempt?.responseExcerpt, error: failure.reason,
                outcome: next.map { .retry(at: $0) } ?? .dead,
                circuit: message.channel == .webhook
                    ? .failure(threshold: configuration.circuitFailureThreshold,
                               openUntil: now.addingTimeInterval(configuration.circuitOpenDuration))
                    : nil)
        }
    }

    private struct Skip: Error {
        var reason: String
    }

    private func attempt(_ message: OutboundMessage, now: Date) async throws -> (DeliveryAttemptResult, NewFeedItem?) {
        switch message.channel {
        case .webhook:
            guard let subscription = message.subscription else { throw Skip(reason: "the subscription was deleted") }
            return (try await sender.send(body: message.body, messageID: message.id, to: subscription, now: now), nil)
        case .email, .sms, .inApp:
            guard let rule = try await store.alertRule(id: message.targetID, tenantID: message.tenantID) else {
                throw Skip(reason: "the alert rule was deleted")
            }
            guard let shipmentID = message.shipmentID,
                  let shipment = try await store.shipment(id: shipmentID, tenantID: message.tenantID) else {
                throw Skip(reason: "the shipment is gone")
            }
            let event = try await store.events(shipmentID: shipment.id, tenantID: message.tenantID)
                .last { $0.id == shipment.lastEventID }?.event
            let order = try await shipment.orderID.asyncMap { try await store.order($0, tenantID: message.tenantID) } ?? nil
            let kind: ChannelKind = switch message.channel {
            case .email: .email
            case .sms: .sms
            default: .inApp
            }
            let rendered = composer.render(template: rule.template, channel: kind, shipment: shipment, order: order, event: event)
            if kind == .inApp {
                return (DeliveryAttemptResult(statusCode: nil, latency: .zero, responseExcerpt: nil),
                        NewFeedItem(title: rendered.subject ?? rule.name, text: rendered.text))
            }
            let recipients: [String] = rule.audience == .customer
                ? [kind == .email ? shipment.customer.email : shipment.customer.phone].compactMap { $0 }
                : rule.recipients
            guard !recipients.isEmpty else { throw Skip(reason: "no \(kind.rawValue) recipient") }
            guard let channel = try await personChannels?.channel(kind, tenantID: message.tenantID) else {
                throw Skip(reason: "the \(kind.rawValue) channel is not configured")
            }
            var last = DeliveryAttemptResult(statusCode: nil, latency: .zero, responseExcerpt: nil)
            for (index, recipient) in recipients.enumerated() {
                last = try await channel.send(PersonMessage(
                    tenantID: message.tenantID, recipient: recipient, rendered: rendered,
                    idempotencyKey: recipients.count == 1 ? message.id : "\(message.id):\(index)"))
            }
            return (last, nil)
        }
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}

extension TimeInterval {
    var duration: Duration { .milliseconds(Int64(self * 1000)) }
}
