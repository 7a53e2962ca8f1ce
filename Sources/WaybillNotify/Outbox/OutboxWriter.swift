import Foundation
import WaybillCore
import WaybillStore

/// Writes the outbox inside the transaction that changed shipments: detects each shipment's
/// triggers against what they were last detected against, and writes one message per matching
/// webhook subscription and alert rule. As an observer of `IngestPipeline` it runs after the
/// touched shipments' state was derived, so a committed state change always has its messages and
/// a rolled-back one none.
public struct OutboxWriter: ShipmentChangeObserver {
    public init() {}

    public func shipmentsChanged(_ changes: ShipmentChangeSet, in transaction: StoreTransaction) async throws {
        guard !changes.shipmentIDs.isEmpty else { return }
        let now = Date()
        let tenantID = changes.tenantID
        let settings = try await transaction.notificationSettings(tenantID: tenantID, now: now)
        let messages = OutboxMessages(transaction: transaction, tenantID: tenantID, now: now, settings: settings)
        var states: [(facts: ShipmentFacts, sequence: Int)] = []
        for facts in try await transaction.shipmentFacts(tenantID: tenantID, ids: changes.shipmentIDs) {
            let before = TriggerSnapshot(
                status: changes.previousStatuses[facts.shipment.id] ?? facts.shipment.status, substatus: facts.previousSubstatus,
                reason: facts.previousReason, etaEarliest: facts.previousETAEarliest, etaLatest: facts.previousETALatest)
            var triggers = TriggerDetector.detect(before: before, after: facts.snapshot)
            if triggers.contains(.statusEntered(.delivered)), let orderRef = facts.orderRef {
                triggers += try await orderTriggers(orderRef: orderRef, tenantID: tenantID, in: transaction, now: now)
            }
            var sequence = facts.previousSequence
            try await messages.write(triggers: triggers, facts: facts, sequence: &sequence)
            states.append((facts, sequence))
        }
        try await transaction.saveTriggerStates(states, tenantID: tenantID, now: now)
    }

    /// Writes the messages of a time-based trigger of one shipment (from `TimedTriggerSweep`):
    /// to webhook subscribers only when `webhooks`, always to the matching alert rules.
    func write(_ trigger: ShipmentTrigger, shipmentID: String, tenantID: String, webhooks: Bool,
               in transaction: StoreTransaction, now: Date) async throws {
        var settings = try await transaction.notificationSettings(tenantID: tenantID, now: now)
        if !webhooks { settings.subscriptions = [] }
        let messages = OutboxMessages(transaction: transaction, tenantID: tenantID, now: now, settings: settings)
        for facts in try await transaction.shipmentFacts(tenantID: tenantID, ids: [shipmentID]) {
            var sequence = facts.previousSequence
            try await messages.write(triggers: [trigger], facts: facts, sequence: &sequence)
            try await transaction.saveTriggerStates([(facts, sequence)], tenantID: tenantID, now: now)
        }
    }

    /// Order-level triggers once a shipment of the order is delivered: all delivered (once per
    /// order), or partially delivered.
    private func orderTriggers(orderRef: String, tenantID: String, in transaction: StoreTransaction,
                               now: Date) async throws -> [ShipmentTrigger] {
        switch OrderStatus.rollUp(try await transaction.shipmentStatuses(orderRef: orderRef)) {
        case .delivered:
            return try await transaction.markFired(subjectID: orderRef, condition: "order_delivered", marker: "", tenantID: tenantID,
                                                   now: now) ? [.orderDelivered] : []
        case .partiallyDelivered:
            return [.orderPartiallyDelivered]
        default:
            return []
        }
    }
}
