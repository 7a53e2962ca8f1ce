import Foundation
import WaybillCore

/// One USPS event as any of the formats gives it, before mapping.
struct USPSEventInput {
    var code: String?
    var description: String?
    var local: LocalDateTime?
    var offset: UTCOffset?
    var utc: Date?
    var location: Location?
    var signer: String?
}

/// Builds a shipment from events listed newest first (every USPS format lists them so).
enum USPSShipmentBuilder {
    static func shipment(trackingNumber: String, service: String?, estimate: CarrierEstimate?, mailPieceID: String?,
                         eventsNewestFirst: [USPSEventInput]) -> ParsedShipment {
        var shipment = ParsedShipment(carrier: "usps", trackingNumber: trackingNumber, service: service, estimatedDelivery: estimate,
                                      alternateTrackingNumbers: [USPSText.clean(mailPieceID)].compactMap { $0 })
        var previous = ShipmentStatus.inTransit
        for (sequence, input) in eventsNewestFirst.reversed().enumerated() {
            let time = ZoneResolver.resolve(local: input.local, offset: input.offset, utc: input.utc, location: input.location)
            let code = USPSText.clean(input.code)
            var event = CanonicalEvent(
                status: previous, carrierCode: code, carrierDescription: input.description,
                occurredAt: time.occurredAt, localTime: time.localTime, utcOffset: time.utcOffset, zoneSource: time.zoneSource,
                location: input.location, sequence: sequence)
            event.apply(code.flatMap(USPSAdapter.table.entry(for:)), fallbackStatus: previous)
            if event.status == .delivered {
                event.signedBy = SignatoryName.name(in: input.signer)
                event.substatus = event.substatus ?? USPSAdapter.deliveredSubstatus(input.description)
                    ?? (event.signedBy != nil ? .deliveredSigned : nil)
                if let signer = event.signedBy { shipment.signedBy = signer }
                // "Delivered, Parcel Locker": the place follows the comma of a coded event's text.
                if code != nil, [.deliveredLocker, .deliveredMailbox, .deliveredDoor].contains(event.substatus) {
                    shipment.deliveryLocation = input.description.flatMap(USPSText.afterFirstComma)
                }
            }
            previous = event.status
            shipment.events.append(event)
        }
        return shipment
    }

    /// A date or local time of an estimate at the destination.
    static func carrierTime(_ local: LocalDateTime?, destination: Location?) -> CarrierTime? {
        guard let local else { return nil }
        let resolved = ZoneResolver.resolve(local: local, location: destination)
        return CarrierTime(instant: resolved.occurredAt, local: local, offset: resolved.utcOffset, zoneSource: resolved.zoneSource)
    }

    /// A v3 local timestamp (`2024-11-29T00:00:00`): midnight means a date.
    static func v3Local(_ text: String?) -> LocalDateTime? {
        guard var text = USPSText.clean(text) else { return nil }
        // Early v3 examples put a `Z` on what is the local wall clock (the summary sentence
        // says 7:31 am for `07:31:00Z`); eventTimestamp is documented as local.
        if text.hasSuffix("Z") || text.hasSuffix("z") { text.removeLast() }
        guard let local = LocalDateTime(parsing: text) else { return nil }
        if let time = local.time, time.hour == 0, time.minute == 0, time.second == 0, time.millisecond == 0 { return local.date }
        return local
    }
}
