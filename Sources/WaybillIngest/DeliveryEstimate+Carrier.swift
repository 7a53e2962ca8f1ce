import Foundation
import WaybillCarriers
import WaybillCore
import WaybillStore

extension DeliveryEstimate {
    /// The carrier's estimate as instants. A date alone becomes that whole day (a window) at the
    /// offset the carrier gave, else at the offset of the parcel's latest scan; with neither,
    /// there is no honest instant and the estimate is left out (nil).
    public init?(carrier estimate: CarrierEstimate, fallbackOffset: UTCOffset?) {
        func instant(_ time: CarrierTime, endOfDay: Bool) -> Date? {
            if let instant = time.instant { return instant }
            guard let local = time.local, let offset = time.offset ?? fallbackOffset else { return nil }
            let start = local.instant(atOffset: offset)
            return local.hasTime || !endOfDay ? start : start.addingTimeInterval(86_399)
        }
        guard let earliest = instant(estimate.earliest, endOfDay: false) else { return nil }
        let latest = estimate.latest.flatMap { instant($0, endOfDay: true) }
            ?? (estimate.earliest.instant == nil && estimate.earliest.local?.hasTime == false ? instant(estimate.earliest, endOfDay: true) : nil)
        self.init(earliest: earliest, latest: latest, source: .carrier)
    }
}

extension ParsedShipment {
    /// The estimate to store for this shipment, if the carrier gave one that resolves to instants.
    var resolvedEstimate: DeliveryEstimate? {
        estimatedDelivery.flatMap { DeliveryEstimate(carrier: $0, fallbackOffset: events.last(where: { $0.utcOffset != nil })?.utcOffset) }
    }
}
