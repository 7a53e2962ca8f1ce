import Foundation
import WaybillCore

/// When to ask a carrier about a shipment next. Pure: it sees only what a poller knows (the
/// statuses, ETA and places reported so far, and the time), never what the carrier will say.
///
/// The cadence follows where the parcel is in its journey and the local time of its last scan:
/// carriers scan in business hours, put parcels on the van in the morning and deliver during the
/// day, so polls are spent in the delivery window of the delivery day and saved at night and in
/// long-haul transit.
public struct PollingPolicy: Sendable {
    public var settings: Settings

    public init(settings: Settings = Settings()) {
        self.settings = settings
    }

    /// Everything the policy reads about a shipment.
    public struct Observation: Sendable, Hashable {
        public var status: ShipmentStatus
        public var substatus: Substatus?
        public var etaEarliest: Date?
        public var etaLatest: Date?
        /// When the newest event happened.
        public var lastEventAt: Date?
        /// The offset of the newest event's place; nil when unknown (then every hour counts as business hours).
        public var utcOffset: UTCOffset?
        /// When the shipment reached its terminal status (delivered-at, else its last event).
        public var terminalSince: Date?
        public var registeredAt: Date
        /// "Not found" answers in a row.
        public var consecutiveNotFound: Int
        /// Whether the carrier also pushes webhooks for this shipment's tenant.
        public var hasWebhookSource: Bool
        public var lastWebhookEventAt: Date?
        /// The tenant's routing rule for the carrier, when it has one: its webhook silence replaces
        /// `freshnessTarget`, and `when_webhook_silent` drops the safety-net checks.
        public var routing: RoutingRule?

        public init(status: ShipmentStatus, substatus: Substatus? = nil, etaEarliest: Date? = nil, etaLatest: Date? = nil,
                    lastEventAt: Date? = nil, utcOffset: UTCOffset? = nil, terminalSince: Date? = nil, registeredAt: Date,
                    consecutiveNotFound: Int = 0, hasWebhookSource: Bool = false, lastWebhookEventAt: Date? = nil) {
            self.status = status
            self.substatus = substatus
            self.etaEarliest = etaEarliest
            self.etaLatest = etaLatest
            self.lastEventAt = lastEventAt
            self.utcOffset = utcOffset
            self.terminalSince = terminalSince
            self.registeredAt = registeredAt
            self.consecutiveNotFound = consecutiveNotFound
            self.hasWebhookSource = hasWebhookSource
            self.lastWebhookEventAt = lastWebhookEventAt
        }
    }

    /// Why a check was scheduled when it was (logged, and asserted in tests).
    public enum Cadence: String, Sendable, Hashable, CaseIterable {
        case outForDelivery = "out_for_delivery"
        case deliveryDay = "delivery_day"
        case awaitingCollection = "awaiting_collection"
        case redelivery
        case exception
        case transit
        case longHaul = "long_haul"
        case stuck
        case preTransit = "pre_transit"
        case notFoundYet = "not_found_yet"
        case terminalGrace = "terminal_grace"
        case webhookCovered = "webhook_covered"
    }

    public enum Decision: Sendable, Hashable {
        case check(at: Date, cadence: Cadence)
        /// Terminal and past the grace period: stop polling.
        case finish
        /// "Not found" too many times: stop polling, keep the shipment.
        case giveUpNotFound

        public var nextCheckAt: Date? {
            if case .check(let at, _) = self { at } else { nil }
        }
    }

    public struct Settings: Sendable, Hashable {
        /// Local hours of the delivery window (vans out, deliveries made), seconds after midnight.
        public var deliveryWindowStart: Int = 6 * 3600 + 30 * 60
        public var deliveryWindowEnd: Int = 21 * 3600
        /// Local business hours for scans outside the delivery window.
        public var businessStart: Int = 6 * 3600
        public var businessEnd: Int = 22 * 3600
        public var outForDeliveryInterval: TimeInterval = 15 * 60
        public var deliveryDayInterval: TimeInterval = 15 * 60
        public var redeliveryInterval: TimeInterval = 60 * 60
        public var awaitingCollectionInterval: TimeInterval = 2 * 3600
        public var exceptionInterval: TimeInterval = 2 * 3600
        /// In transit with the ETA within `nearETA`, or without an ETA.
        public var transitInterval: TimeInterval = 4 * 3600
        /// In transit with the ETA further away than `nearETA`.
        public var longHaulInterval: TimeInterval = 8 * 3600
        public var nearETA: TimeInterval = 36 * 3600
        public var stuckAfter: TimeInterval = 72 * 3600
        public var stuckInterval: TimeInterval = 12 * 3600
        public var preTransitInterval: TimeInterval = 6 * 3600
        public var terminalGrace: TimeInterval = 24 * 3600
        public var notFoundFirstRetry: TimeInterval = 30 * 60
        public var notFoundMaximumGap: TimeInterval = 12 * 3600
        public var notFoundLimit: Int = 12
        /// How stale a webhook-fed shipment may get before polling takes over at full cadence.
        public var freshnessTarget: TimeInterval = 6 * 3600
        /// Cadence multiplier while webhooks keep the shipment fresh (polling is the safety net).
        public var webhookCoveredFactor: Double = 4
        public var minimumGap: TimeInterval = 60

        public init() {}
    }

    /// The next check of a shipment observed `now`.
    public func decide(_ shipment: Observation, now: Date) -> Decision {
        let s = settings
        if shipment.status.isTerminal {
            let since = shipment.terminalSince ?? shipment.lastEventAt ?? now
            let end = since.addingTimeInterval(s.terminalGrace)
            // One late look for corrections (e.g. delivered → returned), then never again.
            return now >= end ? .finish : .check(at: max(end, now.addingTimeInterval(s.minimumGap)), cadence: .terminalGrace)
        }
        if shipment.status == .pending && shipment.consecutiveNotFound > 0 {
            guard shipment.consecutiveNotFound < s.notFoundLimit else { return .giveUpNotFound }
            let gap = min(s.notFoundMaximumGap, s.notFoundFirstRetry * pow(2, Double(shipment.consecutiveNotFound - 1)))
            return .check(at: now.addingTimeInterval(gap), cadence: .notFoundYet)
        }
        var (at, cadence) = adaptive(shipment, now: now)
        let silence = shipment.routing?.webhookSilenceAfter.timeInterval ?? s.freshnessTarget
        if shipment.hasWebhookSource, let pushed = shipment.lastWebhookEventAt, now.timeIntervalSince(pushed) < silence {
            // Webhooks are flowing: poll as a safety net only (unless the tenant's rule says not
            // to), and at the latest when they would be overdue.
            let overdue = pushed.addingTimeInterval(silence)
            let relaxed = now.addingTimeInterval(at.timeIntervalSince(now) * s.webhookCoveredFactor)
            at = shipment.routing?.poll == .whenWebhookSilent ? overdue : min(relaxed, overdue)
            cadence = .webhookCovered
        }
        return .check(at: max(at, now.addingTimeInterval(s.minimumGap)), cadence: cadence)
    }

    private func adaptive(_ shipment: Observation, now: Date) -> (Date, Cadence) {
        let s = settings
        let clock = LocalClock(offset: shipment.utcOffset)
        switch shipment.status {
        case .outForDelivery:
            return (clock.within(s.deliveryWindowStart, s.deliveryWindowEnd, now.addingTimeInterval(s.outForDeliveryInterval)), .outForDelivery)
        case .attemptFailed:
            return (clock.within(s.deliveryWindowStart, s.deliveryWindowEnd, now.addingTimeInterval(s.redeliveryInterval)), .redelivery)
        case .availableForPickup:
            return (clock.within(s.businessStart, s.businessEnd, now.addingTimeInterval(s.awaitingCollectionInterval)), .awaitingCollection)
        case .exception:
            return (clock.within(s.businessStart, s.businessEnd, now.addingTimeInterval(s.exceptionInterval)), .exception)
        case .pending, .infoReceived:
            return (clock.within(s.businessStart, s.businessEnd, now.addingTimeInterval(s.preTransitInterval)), .preTransit)
        case .inTransit, .delivered, .returnedToSender, .expired:
            return transit(shipment, clock: clock, now: now)
        }
    }

    /// In transit: poll through the delivery window from the (estimated) delivery day on, rarely before.
    private func transit(_ shipment: Observation, clock: LocalClock, now: Date) -> (Date, Cadence) {
        let s = settings
        if let eta = shipment.etaEarliest {
            let deliveryDay = clock.startOfDay(eta).addingTimeInterval(TimeInterval(s.deliveryWindowStart))
            if now >= deliveryDay || clock.day(of: now) >= clock.day(of: eta) {
                return (clock.within(s.deliveryWindowStart, s.deliveryWindowEnd, now.addingTimeInterval(s.deliveryDayInterval)), .deliveryDay)
            }
            let far = eta.timeIntervalSince(now) > s.nearETA
            let interval = far ? s.longHaulInterval : s.transitInterval
            let next = clock.within(s.businessStart, s.businessEnd, now.addingTimeInterval(interval))
            // Never sleep through the start of the delivery day.
            return (min(next, deliveryDay), far ? .longHaul : .transit)
        }
        if let last = shipment.lastEventAt, now.timeIntervalSince(last) > s.stuckAfter {
            return (clock.within(s.businessStart, s.businessEnd, now.addingTimeInterval(s.stuckInterval)), .stuck)
        }
        return (clock.within(s.businessStart, s.businessEnd, now.addingTimeInterval(s.transitInterval)), .transit)
    }
}

/// Wall-clock arithmetic at a fixed UTC offset (the parcel's last known place).
struct LocalClock: Sendable {
    let offset: UTCOffset?

    private var seconds: TimeInterval { TimeInterval(offset?.seconds ?? 0) }

    func day(of date: Date) -> Int {
        Int(((date.timeIntervalSince1970 + seconds) / 86_400).rounded(.down))
    }

    func startOfDay(_ date: Date) -> Date {
        Date(timeIntervalSince1970: TimeInterval(day(of: date)) * 86_400 - seconds)
    }

    /// `date` if its local time is within [start, end) seconds after midnight, else the next `start`.
    /// Without a known offset every hour counts.
    func within(_ start: Int, _ end: Int, _ date: Date) -> Date {
        guard offset != nil else { return date }
        let midnight = startOfDay(date)
        let secondOfDay = date.timeIntervalSince(midnight)
        if secondOfDay < TimeInterval(start) { return midnight.addingTimeInterval(TimeInterval(start)) }
        if secondOfDay >= TimeInterval(end) { return midnight.addingTimeInterval(86_400 + TimeInterval(start)) }
        return date
    }
}
