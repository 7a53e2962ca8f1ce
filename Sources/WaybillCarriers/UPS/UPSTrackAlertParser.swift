import Foundation
import WaybillCore

/// Track Alert webhook body → one shipment with one event.
enum UPSTrackAlertParser {
    static func parse(_ body: UPSTrackAlertBody) throws(CarrierParseError) -> CarrierParseResult {
        // UPS's own example pads the number with a space.
        guard let trackingNumber = UPSText.clean(body.trackingNumber) else {
            throw CarrierParseError(carrier: "ups", location: "trackingNumber", reason: "missing tracking number")
        }
        let location = UPSText.location(body.activityLocation)
        let time = UPSTime.resolve(date: body.localActivityDate, time: body.localActivityTime, gmtDate: body.gmtActivityDate,
                                   gmtTime: body.gmtActivityTime, gmtOffset: body.gmtOffset, location: location)
        let status = body.activityStatus
        let signedBy = SignatoryName.name(in: body.receivedBy)
        var event = CanonicalEvent(
            status: .inTransit,
            carrierCode: UPSAdapter.carrierCode(type: status?.type, scanCode: status?.code, statusCode: status?.descriptionCode),
            carrierDescription: status?.description,
            occurredAt: time.occurredAt, localTime: time.localTime, utcOffset: time.utcOffset, zoneSource: time.zoneSource,
            location: location, sequence: 0)
        event.apply(UPSAdapter.entry(type: status?.type, scanCode: status?.code, statusCode: status?.descriptionCode), fallbackStatus: .inTransit)
        if event.status == .delivered, let signedBy {
            event.signedBy = signedBy
            if event.substatus == nil || event.substatus == .deliveredDoor { event.substatus = .deliveredSigned }
        }
        let photo = body.deliveryPhoto.map { value -> Bool in
            if case .string(let text) = value { return UPSText.clean(text) != nil }
            return value != .null
        } ?? false
        var notices: [CarrierNotice] = []
        if let problem = UPSTime.unreadable(date: body.localActivityDate, time: body.localActivityTime, gmtDate: body.gmtActivityDate,
                                            gmtTime: body.gmtActivityTime, gmtOffset: body.gmtOffset) {
            notices.append(.warning(problem, path: "localActivityDate", trackingNumber: trackingNumber))
        }
        let shipment = ParsedShipment(
            carrier: "ups", trackingNumber: trackingNumber,
            estimatedDelivery: event.status == .delivered ? nil : estimate(body),
            signedBy: signedBy, proofOfDelivery: photo ? ["delivery_photo"] : [], events: [event])
        return CarrierParseResult(shipments: [shipment], notices: notices)
    }

    /// The scheduled date and window are the destination's wall clock; the body does not say
    /// where the destination is, so the times stay local (zone unknown).
    static func estimate(_ body: UPSTrackAlertBody) -> CarrierEstimate? {
        guard let date = UPSTime.local(date: body.scheduledDeliveryDate, time: nil) else { return nil }
        let start = UPSTime.time(body.deliveryStartTime).flatMap { LocalDateTime(year: date.year, month: date.month, day: date.day, time: $0) }
        let end = UPSTime.time(body.deliveryEndTime).flatMap { LocalDateTime(year: date.year, month: date.month, day: date.day, time: $0) }
        guard let earliest = UPSTime.carrierTime(start ?? date, location: nil) else { return nil }
        return CarrierEstimate(earliest: earliest, latest: UPSTime.carrierTime(end, location: nil))
    }
}
