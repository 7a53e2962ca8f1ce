import Foundation

/// What to do with a rule for one trigger of one shipment.
public enum RuleDecision: Sendable, Hashable {
    /// Queue a new message to be sent at `deliverAt`. `dedupeKey` makes it once per shipment;
    /// `collapseKey` lets later triggers of a burst merge into it.
    case create(deliverAt: Date, dedupeKey: String?, collapseKey: String?)
    /// Merge into the pending message of the same burst: it will carry the latest state.
    case merge(messageID: String)
    case skip(String)
}

/// Alert rule evaluation: pure, so the clock, the zone and the pending messages are given.
public enum RuleEngine {
    /// A pending (not yet sent) message of a rule for a shipment.
    public struct Pending: Sendable, Hashable {
        public var messageID: String
        public var deliverAt: Date

        public init(messageID: String, deliverAt: Date) {
            self.messageID = messageID
            self.deliverAt = deliverAt
        }
    }

    public static func matches(_ rule: AlertRule, trigger: ShipmentTrigger, context: RuleContext) -> Bool {
        rule.enabled && rule.trigger.matches(trigger) && rule.conditions.matches(context)
    }

    /// Decides one rule for one trigger. `pending` is the unsent message of the same rule and
    /// shipment, if any; `alreadySent` whether a once-per-shipment rule has a message already.
    public static func decide(_ rule: AlertRule, trigger: ShipmentTrigger, context: RuleContext, now: Date,
                              pending: Pending?, alreadySent: Bool) -> RuleDecision {
        guard matches(rule, trigger: trigger, context: context) else { return .skip("no match") }
        if rule.oncePerShipment, alreadySent { return .skip("already sent once for this shipment") }
        if rule.collapseWindowSeconds > 0, let pending, pending.deliverAt > now { return .merge(messageID: pending.messageID) }
        let earliest = now.addingTimeInterval(TimeInterval(max(rule.delaySeconds, rule.collapseWindowSeconds)))
        return .create(deliverAt: deliveryTime(rule, earliest: earliest, context: context),
                       dedupeKey: rule.oncePerShipment ? "once:\(rule.id):\(context.shipmentID)" : nil,
                       collapseKey: rule.collapseWindowSeconds > 0 ? "burst:\(rule.id):\(context.shipmentID)" : nil)
    }

    /// `earliest`, moved past the rule's quiet hours in the recipient's zone.
    public static func deliveryTime(_ rule: AlertRule, earliest: Date, context: RuleContext) -> Date {
        guard let quiet = rule.quietHours else { return earliest }
        return quiet.nextAllowed(after: earliest, in: recipientZone(rule, context: context))
    }

    /// The customer's zone for customer messages; otherwise the quiet hours' zone, else UTC.
    public static func recipientZone(_ rule: AlertRule, context: RuleContext) -> TimeZone {
        let candidates = rule.audience == .customer
            ? [context.customerTimeZone, rule.quietHours?.fallbackTimeZone]
            : [rule.quietHours?.fallbackTimeZone]
        for case let identifier? in candidates {
            if let zone = TimeZone(identifier: identifier) { return zone }
        }
        return TimeZone(identifier: "UTC")!
    }

    /// The rules a new tenant starts with: the customer hears about the milestones by email,
    /// support sees exceptions and failed attempts in the in-app feed.
    public static func defaultRules(tenantID: String, now: Date, makeID: () -> String) -> [AlertRule] {
        let quiet = QuietHours(startMinute: 21 * 60, endMinute: 8 * 60)
        func customer(_ name: String, _ status: ShipmentStatus, _ template: String, once: Bool) -> AlertRule {
            AlertRule(id: makeID(), tenantID: tenantID, name: name, trigger: .status(status), channel: .email, template: template,
                      audience: .customer, quietHours: status == .delivered ? nil : quiet, oncePerShipment: once,
                      collapseWindowSeconds: 300, createdAt: now, updatedAt: now)
        }
        return [
            customer("Shipped", .inTransit, "shipped", once: true),
            customer("Out for delivery", .outForDelivery, "out_for_delivery", once: false),
            customer("Delivered", .delivered, "delivered", once: true),
            customer("Exception", .exception, "exception", once: false),
            customer("Delivery attempt failed", .attemptFailed, "attempt_failed", once: false),
            AlertRule(id: makeID(), tenantID: tenantID, name: "Exception (support feed)", trigger: .status(.exception),
                      channel: .inApp, template: "exception", audience: .merchant, createdAt: now, updatedAt: now),
        ]
    }
}
