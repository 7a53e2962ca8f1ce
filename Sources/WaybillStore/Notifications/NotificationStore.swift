import Foundation
import WaybillCore

/// Alert rules, the notification outbox, deliveries and channels (issue 6).
///
/// The outbox is written inside the ingest transaction (WaybillNotify's `OutboxWriter`, an
/// observer of `IngestPipeline`), so a state change is notified exactly when it is committed. Messages are claimed with leases (and `FOR UPDATE
/// SKIP LOCKED` on PostgreSQL) so several instances share the work without double sends.
public protocol NotificationStore: Sendable {
    // MARK: Outbound webhook subscriptions
    func createWebhookSubscription(tenantID: String, url: String, eventTypes: [NotificationEventType],
                                   actor: String) async throws -> WebhookSubscription
    func webhookSubscriptions(tenantID: String) async throws -> [WebhookSubscription]
    func webhookSubscription(id: String, tenantID: String) async throws -> WebhookSubscription?
    /// Deletes the subscription and cancels its undelivered messages.
    func deleteWebhookSubscription(id: String, tenantID: String, actor: String) async throws
    /// A new secret; the previous one stays valid (and is signed with too) for `overlap`.
    func rotateWebhookSubscriptionSecret(id: String, tenantID: String, overlap: TimeInterval,
                                         actor: String) async throws -> WebhookSubscription

    // MARK: Alert rules (a tenant's default rules are created on first use)
    func alertRules(tenantID: String) async throws -> [AlertRule]
    func alertRule(id: String, tenantID: String) async throws -> AlertRule?
    func createAlertRule(_ rule: AlertRule, actor: String) async throws -> AlertRule
    func updateAlertRule(_ rule: AlertRule, actor: String) async throws -> AlertRule
    func deleteAlertRule(id: String, tenantID: String, actor: String) async throws

    // MARK: Delivery
    /// Leases due messages: per ordering key (subscription and shipment) only the earliest
    /// undelivered one, and none for an endpoint whose circuit is open.
    func claimNotifications(limit: Int, owner: String, leaseDuration: TimeInterval, now: Date) async throws -> [OutboundMessage]
    /// Logs an attempt and moves the message on; ignored when `owner` no longer holds the lease.
    func recordDelivery(_ report: DeliveryReport) async throws
    /// Records several outcomes in one transaction.
    func recordDeliveries(_ reports: [DeliveryReport]) async throws
    func deliveries(_ query: DeliveryQuery) async throws -> Page<DeliveryLogEntry>
    func delivery(id: String, tenantID: String) async throws -> DeliveryLogEntry?
    /// Queues delivered or dead-lettered messages again (same id, so receivers can deduplicate).
    func replayDeliveries(_ selector: ReplaySelector, actor: String) async throws -> [String]

    // MARK: Time-based triggers
    /// Leases the periodic sweep to one instance; false when another holds it or it is not due.
    func claimNotificationSweep(owner: String, interval: TimeInterval, now: Date) async throws -> Bool
    /// The stale and ETA-missed triggers due now that have not fired at their marker yet (up to
    /// `limit` per condition).
    func timedTriggers(staleAfterHours: Int, now: Date, limit: Int) async throws -> [TimedTrigger]

    // MARK: In-app feed
    /// Newest first; `cursor` is the id of the last item of the previous page.
    func notificationFeed(tenantID: String, cursor: String?, limit: Int) async throws -> Page<FeedItem>
    /// Items after the one with id `afterID` (all recent ones when nil), oldest first.
    func notificationFeed(tenantID: String, afterID: String?, limit: Int) async throws -> [FeedItem]
}
