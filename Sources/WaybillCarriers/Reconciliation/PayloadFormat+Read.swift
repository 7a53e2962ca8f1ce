import Foundation
import WaybillCore

extension PayloadFormat {
    /// Parses `body` and applies the checks every carrier's data gets (`reconcile`): this is
    /// how Waybill reads a body everywhere (ingest, polls, reprocess, `normalize`), so a fresh
    /// ingest and a reprocess of the same payload give the same result.
    /// - Parameter reportedAt: when the document was made or received; no event can be later.
    public func read(_ body: Data, reportedAt: Date) throws(CarrierParseError) -> CarrierParseResult {
        var result = try parse(body)
        result.reconcile(reportedAt: reportedAt)
        if result.shipments.isEmpty, result.notices.isEmpty {
            // Never silence: a body that names nothing says so.
            result.notices.append(.warning("the body holds no shipment, event or carrier message that \(displayName) answers with", path: nil))
        }
        return result
    }
}

extension CarrierParseResult {
    /// Makes each shipment's facts agree with each other, whatever the carrier: zones found from
    /// the places and countries the shipment names, impossible times flagged, a delivery time
    /// the events do not show kept as a delivery. Each change that is not a plain improvement
    /// leaves a warning notice.
    public mutating func reconcile(reportedAt: Date) {
        for index in shipments.indices {
            ShipmentZones.resolve(&shipments[index])
            TimeChecks.check(&shipments[index], reportedAt: reportedAt, notices: &notices)
            DeliveryFacts.reconcile(&shipments[index], notices: &notices)
        }
    }
}
