import Foundation

/// Something that happened to a shipment that alert rules and webhook subscriptions react to.
public enum ShipmentTrigger: Sendable, Hashable {
    case statusEntered(ShipmentStatus)
    case substatusEntered(Substatus)
    case reasonEntered(Reason)
    case etaSet
    case etaRevised
    case etaMissed
    /// No movement for at least this many hours.
    case stale(hours: Int)
    case delivered
    case orderDelivered
    case orderPartiallyDelivered

    /// The webhook event types this trigger is reported as (in this order).
    public var eventTypes: [NotificationEventType] {
        switch self {
        case .statusEntered(.delivered): [.shipmentStatusChanged, .shipmentDelivered]
        case .statusEntered(.exception): [.shipmentStatusChanged, .shipmentException]
        case .statusEntered: [.shipmentStatusChanged]
        case .etaSet, .etaRevised: [.shipmentETAChanged]
        case .etaMissed: [.shipmentETAMissed]
        case .stale: [.shipmentStale]
        case .orderDelivered: [.orderDelivered]
        case .orderPartiallyDelivered: [.orderPartiallyDelivered]
        case .substatusEntered, .reasonEntered, .delivered: []
        }
    }
}

/// The part of a shipment's derived state that triggers look at.
public struct TriggerSnapshot: Sendable, Hashable {
    public var status: ShipmentStatus
    public var substatus: Substatus?
    public var reason: Reason?
    public var etaEarliest: Date?
    public var etaLatest: Date?

    public init(status: ShipmentStatus, substatus: Substatus? = nil, reason: Reason? = nil, etaEarliest: Date? = nil, etaLatest: Date? = nil) {
        self.status = status
        self.substatus = substatus
        self.reason = reason
        self.etaEarliest = etaEarliest
        self.etaLatest = etaLatest
    }

    public var hasETA: Bool { etaEarliest != nil || etaLatest != nil }
}

public enum TriggerDetector {
    /// The triggers of a change from `before` to `after`, in the order they are reported.
    public static func detect(before: TriggerSnapshot, after: TriggerSnapshot) -> [ShipmentTrigger] {
        var triggers: [ShipmentTrigger] = []
        if before.status != after.status {
            triggers.append(.statusEntered(after.status))
            if after.status == .delivered { triggers.append(.delivered) }
        }
        if let substatus = after.substatus, substatus != before.substatus || before.status != after.status {
            triggers.append(.substatusEntered(substatus))
        }
        if let reason = after.reason, reason != before.reason || before.status != after.status {
            triggers.append(.reasonEntered(reason))
        }
        if after.hasETA, before.etaEarliest != after.etaEarliest || before.etaLatest != after.etaLatest {
            triggers.append(before.hasETA ? .etaRevised : .etaSet)
        }
        return triggers
    }
}
