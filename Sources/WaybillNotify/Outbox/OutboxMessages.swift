import Foundation
import WaybillCore
import WaybillStore

/// The messages of one transaction's triggers: webhook bodies for subscribers, and for each
/// alert rule that matches, a message to a person (or a merge into a pending one of a burst).
struct OutboxMessages {
    let transaction: StoreTransaction
    let tenantID: String
    let now: Date
    let settings: NotificationSettings

    /// Webhook messages first (each event type gets the next per-shipment sequence number),
    /// then messages to people from the matching rules.
    func write(triggers: [ShipmentTrigger], facts: ShipmentFacts, sequence: inout Int) async throws {
        for trigger in triggers {
            for type in trigger.eventTypes {
                let subscribers = settings.subscriptions.filter { $0.eventTypes.contains(type) }
                sequence += 1
                for subscription in subscribers {
                    try await writeWebhookMessage(subscription, type: type, facts: facts, sequence: sequence)
                }
            }
            for rule in settings.rules {
                try await apply(rule, trigger: trigger, facts: facts, sequence: sequence)
            }
        }
    }

    private func writeWebhookMessage(_ subscription: WebhookSubscription, type: NotificationEventType, facts: ShipmentFacts,
                                     sequence: Int) async throws {
        let id = NotifyID.make("msg")
        var data: [String: JSONValue] = ["shipment": facts.shipmentJSON, "event": facts.lastEventJSON, "sequence": .number(Double(sequence))]
        if type == .orderDelivered || type == .orderPartiallyDelivered {
            data["order"] = .object(["id": .string(facts.orderRef), "order_id": .string(facts.shipment.orderID),
                                     "status": .string(type == .orderDelivered ? "delivered" : "partially_delivered")])
        }
        let body = JSONValue.object([
            "id": .string(id), "type": .string(type.rawValue), "created_at": .time(now), "data": .object(data),
        ])
        try await transaction.enqueue(message(id: id, channel: .webhook, targetID: subscription.id, facts: facts,
                                              eventType: type.rawValue, sequence: sequence,
                                              orderingKey: "\(subscription.id):\(facts.shipment.id)", body: body, deliverAt: now))
    }

    private func apply(_ rule: AlertRule, trigger: ShipmentTrigger, facts: ShipmentFacts, sequence: Int) async throws {
        let context = facts.ruleContext
        guard RuleEngine.matches(rule, trigger: trigger, context: context) else { return }
        var pending: RuleEngine.Pending?
        if rule.collapseWindowSeconds > 0 {
            pending = try await transaction.pendingMessage(collapseKey: "burst:\(rule.id):\(facts.shipment.id)", tenantID: tenantID)
                .map { RuleEngine.Pending(messageID: $0.id, deliverAt: $0.deliverAt) }
        }
        var alreadySent = false
        if rule.oncePerShipment {
            alreadySent = try await transaction.hasMessage(dedupeKey: "once:\(rule.id):\(facts.shipment.id)", tenantID: tenantID)
        }
        let body = JSONValue.object([
            "rule_id": .string(rule.id), "trigger": .string(trigger.code), "template": .string(rule.template),
            "audience": .string(rule.audience.rawValue), "shipment_id": .string(facts.shipment.id),
            "status": .string(facts.shipment.status.rawValue), "event": facts.lastEventJSON,
        ])
        switch RuleEngine.decide(rule, trigger: trigger, context: context, now: now, pending: pending, alreadySent: alreadySent) {
        case .skip:
            return
        case .merge(let messageID):
            try await transaction.collapse(intoPendingMessage: messageID, body: Self.text(body), sequence: sequence, now: now)
        case .create(let deliverAt, let dedupeKey, let collapseKey):
            let channel: OutboundMessage.Channel = switch rule.channel {
            case .email: .email
            case .sms: .sms
            case .inApp: .inApp
            }
            try await transaction.enqueue(message(id: NotifyID.make("msg"), channel: channel, targetID: rule.id, facts: facts,
                                                  eventType: trigger.code, sequence: sequence, orderingKey: nil, body: body,
                                                  deliverAt: deliverAt, dedupeKey: dedupeKey, collapseKey: collapseKey))
        }
    }

    private func message(id: String, channel: OutboundMessage.Channel, targetID: String, facts: ShipmentFacts, eventType: String,
                         sequence: Int, orderingKey: String?, body: JSONValue, deliverAt: Date, dedupeKey: String? = nil,
                         collapseKey: String? = nil) -> NewOutboxMessage {
        NewOutboxMessage(id: id, tenantID: tenantID, channel: channel, targetID: targetID, shipmentID: facts.shipment.id,
                         orderRef: facts.orderRef, eventType: eventType, sequence: sequence, orderingKey: orderingKey,
                         body: Self.text(body), deliverAt: deliverAt, dedupeKey: dedupeKey, collapseKey: collapseKey, createdAt: now)
    }

    private static func text(_ body: JSONValue) -> String {
        String(decoding: body.encoded(), as: UTF8.self)
    }
}

extension ShipmentTrigger {
    /// A stable code for logs and message bodies, e.g. `status_entered:delivered`.
    var code: String {
        switch self {
        case .statusEntered(let status): "status_entered:\(status.rawValue)"
        case .substatusEntered(let substatus): "substatus_entered:\(substatus.rawValue)"
        case .reasonEntered(let reason): "reason_entered:\(reason.rawValue)"
        case .etaSet: "eta_set"
        case .etaRevised: "eta_revised"
        case .etaMissed: "eta_missed"
        case .stale(let hours): "stale:\(hours)"
        case .delivered: "delivered"
        case .orderDelivered: "order_delivered"
        case .orderPartiallyDelivered: "order_partially_delivered"
        }
    }
}
