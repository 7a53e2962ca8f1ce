import Foundation
import WaybillCore
import WaybillStore

/// Fires the time-based triggers that are due (no movement for N hours, ETA passed): each in a
/// transaction of its own that marks the condition fired at its marker and writes its messages,
/// so it fires once per shipment and marker however many instances sweep.
public struct TimedTriggerSweep: Sendable {
    let store: any Store
    private let writer = OutboxWriter()

    public init(store: any Store) {
        self.store = store
    }

    /// Returns how many triggers fired.
    @discardableResult
    public func run(staleAfterHours: Int, now: Date, limit: Int) async throws -> Int {
        var fired = 0
        for due in try await store.timedTriggers(staleAfterHours: staleAfterHours, now: now, limit: limit) {
            let firedNow = try await store.transaction { transaction in
                try await transaction.lockShipment(id: due.shipmentID, tenantID: due.tenantID)
                guard try await transaction.markFired(subjectID: due.shipmentID, condition: due.condition, marker: due.marker,
                                                      tenantID: due.tenantID, now: now) else { return false }
                try await writer.write(due.trigger, shipmentID: due.shipmentID, tenantID: due.tenantID, webhooks: due.webhooks,
                                       in: transaction, now: now)
                return true
            }
            if firedNow { fired += 1 }
        }
        return fired
    }
}
