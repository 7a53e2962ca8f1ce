import Foundation
import WaybillCore

/// Polling schedule per shipment: next check, last check, carrier call outcomes (issue 4).
/// The schedule is kept on the shipment row; a claim leases due shipments to one poller so that
/// several instances on one PostgreSQL never poll the same shipment at the same time.
public protocol PollingStore: Sendable {
    /// Leases up to `limit` shipments of `carrier` that are due (`next_check_at` passed, or never
    /// checked) and whose lease is free or expired, soonest due first; then, up to the limit, due
    /// legs of that carrier (other shipments' last-mile numbers).
    func claimDuePolls(carrier: String, limit: Int, owner: String, leaseDuration: Duration, now: Date) async throws -> [PollTarget]
    /// Records a poll's result and the next check, releasing the lease. Ignored (false) when the
    /// lease is no longer `owner`'s (it expired and another poller took the shipment).
    @discardableResult func recordPoll(_ record: PollRecord, owner: String) async throws -> Bool
    /// The polling state of one shipment (freshness: last and next check).
    func pollingState(shipmentID: String, tenantID: String) async throws -> PollingState?
    /// Backfill: makes the tracked shipments registered in `[since, until)` (of one tenant, or all)
    /// due now, finished and not-found ones included, so the pollers re-read them from the
    /// carriers; returns how many. Stopped shipments stay stopped.
    func scheduleBackfill(since: Date, until: Date?, tenantID: String?, carrier: String?, now: Date) async throws -> Int
}

/// Whether a shipment is still polled.
public enum PollState: String, Sendable, Codable, CaseIterable {
    case active
    /// Terminal status and its grace period are over: never polled again.
    case finished
    /// The carrier did not know the number after every retry: kept registered, not polled.
    case notFound = "not_found"
}

/// What the last carrier call for a shipment gave.
public enum PollOutcome: String, Sendable, Codable, CaseIterable {
    /// New events were stored.
    case changed
    /// The body had nothing new.
    case unchanged
    /// 304: the carrier's validators said nothing changed.
    case notModified = "not_modified"
    /// The carrier does not know the number (yet).
    case notFound = "not_found"
    /// 429 from the carrier: retried after its Retry-After.
    case rateLimited = "rate_limited"
    /// 5xx, timeout, connection error, or a body that does not parse.
    case failed
    /// The carrier's circuit breaker was open: no call was made.
    case skipped
}

/// A leased shipment with what a poller knows about it.
public struct PollTarget: Sendable, Hashable {
    public var shipmentID: String
    public var tenantID: String
    public var trackingNumber: String
    public var carrier: String
    public var status: ShipmentStatus
    public var substatus: Substatus?
    public var etaEarliest: Date?
    public var etaLatest: Date?
    public var deliveredAt: Date?
    public var lastEventAt: Date?
    /// The UTC offset of the newest event's place, when the carrier gave one: scans follow its business hours.
    public var lastEventUTCOffset: UTCOffset?
    public var createdAt: Date
    public var updatedAt: Date
    public var state: PollingState
    /// When a webhook last reported an event of this shipment.
    public var lastWebhookEventAt: Date?
    /// Whether the tenant has a live webhook endpoint for this carrier.
    public var hasWebhookEndpoint: Bool
    /// Set when the target is a leg of the shipment (another carrier's number): `trackingNumber`,
    /// `carrier` and `state` are then the leg's, the rest the shipment's.
    public var legID: String?

    public init(shipmentID: String, tenantID: String, trackingNumber: String, carrier: String, status: ShipmentStatus,
                substatus: Substatus?, etaEarliest: Date?, etaLatest: Date?, deliveredAt: Date?, lastEventAt: Date?,
                lastEventUTCOffset: UTCOffset?, createdAt: Date, updatedAt: Date, state: PollingState,
                lastWebhookEventAt: Date?, hasWebhookEndpoint: Bool, legID: String? = nil) {
        self.legID = legID
        self.shipmentID = shipmentID
        self.tenantID = tenantID
        self.trackingNumber = trackingNumber
        self.carrier = carrier
        self.status = status
        self.substatus = substatus
        self.etaEarliest = etaEarliest
        self.etaLatest = etaLatest
        self.deliveredAt = deliveredAt
        self.lastEventAt = lastEventAt
        self.lastEventUTCOffset = lastEventUTCOffset
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.state = state
        self.lastWebhookEventAt = lastWebhookEventAt
        self.hasWebhookEndpoint = hasWebhookEndpoint
    }
}

/// The stored polling columns of a shipment.
public struct PollingState: Sendable, Hashable {
    public var state: PollState
    public var nextCheckAt: Date?
    public var lastCheckedAt: Date?
    public var outcome: PollOutcome?
    public var consecutiveNotFound: Int
    public var consecutiveFailures: Int
    /// Validators of the last 200 answer, for conditional requests.
    public var etag: String?
    public var lastModified: String?

    public init(state: PollState = .active, nextCheckAt: Date? = nil, lastCheckedAt: Date? = nil, outcome: PollOutcome? = nil,
                consecutiveNotFound: Int = 0, consecutiveFailures: Int = 0, etag: String? = nil, lastModified: String? = nil) {
        self.state = state
        self.nextCheckAt = nextCheckAt
        self.lastCheckedAt = lastCheckedAt
        self.outcome = outcome
        self.consecutiveNotFound = consecutiveNotFound
        self.consecutiveFailures = consecutiveFailures
        self.etag = etag
        self.lastModified = lastModified
    }
}

/// The result of one poll of one shipment, to store.
public struct PollRecord: Sendable, Hashable {
    public var shipmentID: String
    public var tenantID: String
    /// When the carrier was called; nil when no call was made (breaker open), which keeps `last_checked_at`.
    public var checkedAt: Date?
    public var state: PollingState
    /// The leg polled, when it was not the shipment's own number.
    public var legID: String?

    public init(shipmentID: String, tenantID: String, checkedAt: Date?, state: PollingState, legID: String? = nil) {
        self.legID = legID
        self.shipmentID = shipmentID
        self.tenantID = tenantID
        self.checkedAt = checkedAt
        self.state = state
    }
}
