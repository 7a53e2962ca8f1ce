import Foundation
import WaybillCore

/// Flags events whose time cannot be right (`TimePlausibility`): they keep the carrier's local
/// time, lose the instant, are marked `isImplausibleTime` (so they do not move the status) and
/// leave a warning. Adapters that know two readings of a time choose the possible one
/// themselves; this is the last line for the rest.
enum TimeChecks {
    static func check(_ shipment: inout ParsedShipment, reportedAt: Date, notices: inout [CarrierNotice]) {
        for index in shipment.events.indices {
            let event = shipment.events[index]
            if let instant = event.occurredAt {
                guard !TimePlausibility.isPlausible(instant, reportedAt: reportedAt) else { continue }
                var flagged = event
                flagged.localTime = event.localTime ?? LocalDateTime(instant: instant, offset: event.utcOffset ?? UTCOffset(seconds: 0))
                flagged.occurredAt = nil
                flagged.isImplausibleTime = true
                shipment.events[index] = flagged
                notices.append(.warning(
                    "event \(event.carrierCode ?? event.carrierDescription ?? "#\(index)") at \(Timestamp.utcString(instant)) "
                        + "is \(instant < TimePlausibility.earliest ? "before 2000" : "later than the document that reports it (\(Timestamp.utcString(reportedAt)))")"
                        + "; kept with its local time and no instant", path: nil, trackingNumber: shipment.trackingNumber, code: "implausible_time"))
            } else if let local = event.localTime, !TimePlausibility.isPlausible(local, reportedAt: reportedAt) {
                shipment.events[index].isImplausibleTime = true
                notices.append(.warning(
                    "event \(event.carrierCode ?? event.carrierDescription ?? "#\(index)") at local time \(local) is "
                        + "\(local.year < 2000 ? "before 2000" : "later than the document that reports it (\(Timestamp.utcString(reportedAt)))")",
                    path: nil, trackingNumber: shipment.trackingNumber, code: "implausible_time"))
            }
        }
        if let delivered = shipment.deliveredAt, !TimePlausibility.isPlausible(delivered, reportedAt: reportedAt) {
            shipment.deliveredAt = nil
            notices.append(.warning("delivery time \(Timestamp.utcString(delivered)) is impossible for a document of \(Timestamp.utcString(reportedAt)); ignored",
                                    path: nil, trackingNumber: shipment.trackingNumber, code: "implausible_time"))
        }
    }
}
