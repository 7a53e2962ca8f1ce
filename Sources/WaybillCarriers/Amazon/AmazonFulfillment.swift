import Foundation
import WaybillCore

/// Multi-Channel Fulfillment (FBA Outbound 2020-07-01) `getPackageTrackingDetails`: one
/// package carried by another carrier (`carrierCode`), events with Amazon's `EVENT_xxx` codes
/// and ISO 8601 `eventDate` instants. The SP-API model's example lists them newest first; the
/// events are put in time order, so either order reads the same.
enum AmazonFulfillment {
    static func parse(_ package: AmazonResponse.FulfillmentPackage, adapter: AmazonAdapter, path: String,
                      notices: [CarrierNotice]) -> CarrierParseResult {
        var notices = notices
        guard let number = CarrierFields.text(package.trackingNumber) else {
            notices.append(.warning("a package without its tracking number; skipped", path: path + "trackingNumber"))
            return CarrierParseResult(shipments: [], notices: notices)
        }
        var timed: [(index: Int, time: ZoneResolver.Resolved, item: AmazonResponse.FulfillmentEvent)] = []
        for (index, item) in (package.trackingEvents ?? []).enumerated() {
            let location = item.eventAddress.flatMap {
                CarrierFields.location(city: $0.city, region: $0.state, country: $0.country)
            }
            var time = ZoneResolver.resolve(local: nil)
            if let text = CarrierFields.text(item.eventDate) {
                if let value = ISOCarrierTime.resolve(text, location: location) {
                    time = value
                } else {
                    notices.append(.warning("unreadable time '\(text)'; instant unknown",
                                            path: "\(path)trackingEvents[\(index)].eventDate", trackingNumber: number))
                }
            }
            timed.append((index, time, item))
        }
        // Oldest first by instant; without instants, the list's own order.
        if timed.allSatisfy({ $0.time.occurredAt != nil }) {
            timed.sort { ($0.time.occurredAt!, $0.index) < ($1.time.occurredAt!, $1.index) }
        }
        var events: [CanonicalEvent] = []
        for (sequence, entry) in timed.enumerated() {
            let code = CarrierFields.text(entry.item.eventCode)
            var event = CanonicalEvent(
                status: .pending, carrierCode: code, carrierDescription: CarrierFields.text(entry.item.eventDescription),
                occurredAt: entry.time.occurredAt, localTime: entry.time.localTime, utcOffset: entry.time.utcOffset,
                zoneSource: entry.time.zoneSource,
                location: entry.item.eventAddress.flatMap { CarrierFields.location(city: $0.city, region: $0.state, country: $0.country) },
                sequence: sequence)
            event.apply(code.flatMap(adapter.mapping.entry(for:)), fallbackStatus: events.last?.status ?? .infoReceived)
            events.append(event)
        }
        let carrier = CarrierFields.text(package.carrierCode).map { $0.lowercased().replacingOccurrences(of: " ", with: "_") } ?? adapter.id
        let signer = SignatoryName.name(in: package.signedForBy)
        if let signer, let index = events.lastIndex(where: { $0.status == .delivered }) { events[index].signedBy = signer }
        let shipment = ParsedShipment(
            carrier: carrier, trackingNumber: number,
            estimatedDelivery: ISOCarrierTime.carrierTime(package.estimatedArrivalDate).map { CarrierEstimate(earliest: $0) },
            signedBy: signer, deliveryLocation: CarrierFields.text(package.additionalLocationInfo), events: events)
        return CarrierParseResult(shipments: [shipment], notices: notices)
    }
}
