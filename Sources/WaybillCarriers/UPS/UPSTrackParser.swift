import Foundation
import WaybillCore

/// Track API v1 response → shipments (one per package) and notices.
enum UPSTrackParser {
    static func parse(_ body: UPSTrackBody) throws(CarrierParseError) -> CarrierParseResult {
        var result = CarrierParseResult(shipments: [])
        for error in body.response?.errors ?? [] {
            result.notices.append(CarrierNotice(trackingNumber: nil, kind: .error, code: UPSText.clean(error.code),
                                                message: UPSText.clean(error.message) ?? "UPS error"))
        }
        for (shipmentIndex, shipment) in (body.trackResponse?.shipment ?? []).enumerated() {
            let packages = shipment.package ?? []
            if packages.isEmpty {
                // "Not found" is a 200 with a warning and no package: retry later.
                for warning in shipment.warnings ?? [] {
                    let code = UPSText.clean(warning.code)
                    result.notices.append(CarrierNotice(
                        trackingNumber: UPSText.clean(shipment.inquiryNumber), kind: code == "TW0001" ? .notFound : .error,
                        code: code, message: UPSText.clean(warning.message) ?? "UPS warning"))
                }
            }
            for (packageIndex, package) in packages.enumerated() {
                guard let number = UPSText.clean(package.trackingNumber) ?? UPSText.clean(shipment.inquiryNumber) else {
                    result.notices.append(.warning("a package without a tracking number (and no inquiry number); skipped",
                                                   path: "trackResponse.shipment[\(shipmentIndex)].package[\(packageIndex)].trackingNumber"))
                    continue
                }
                result.shipments.append(self.shipment(package, trackingNumber: number, notices: &result.notices,
                                                      path: "trackResponse.shipment[\(shipmentIndex)].package[\(packageIndex)]"))
            }
        }
        if result.shipments.isEmpty, result.notices.isEmpty {
            result.notices.append(.warning("the response holds neither a package nor a warning", path: "trackResponse.shipment"))
        } else if result.shipments.isEmpty, result.notices.allSatisfy({ $0.kind == .warning }) {
            throw CarrierParseError(carrier: "ups", location: result.notices[0].path ?? "trackResponse",
                                    reason: "no package could be read: \(result.notices.map(\.message).joined(separator: "; "))")
        }
        return result
    }

    static func shipment(_ package: UPSTrackBody.Package, trackingNumber: String, notices: inout [CarrierNotice],
                         path: String) -> ParsedShipment {
        let destination = UPSText.location(package.packageAddress?.first { $0.type?.uppercased() == "DESTINATION" }?.address)
        let information = package.deliveryInformation
        var shipment = ParsedShipment(
            carrier: "ups",
            trackingNumber: trackingNumber,
            service: UPSText.clean(package.service?.description) ?? UPSText.clean(package.service?.code),
            estimatedDelivery: estimate(package, destination: destination),
            signedBy: SignatoryName.name(in: information?.receivedBy),
            deliveryLocation: UPSText.clean(information?.location),
            proofOfDelivery: proofOfDelivery(information),
            references: unique(package.referenceNumber?.compactMap { UPSText.clean($0.number) } ?? []),
            alternateTrackingNumbers: unique(package.alternateTrackingNumber?.compactMap { UPSText.clean($0.number) } ?? []))
        // Activities come newest first; several can share one timestamp, so the list order decides.
        var previous = ShipmentStatus.inTransit
        let activities = package.activity ?? []
        for (sequence, activity) in activities.reversed().enumerated() {
            var event = self.event(activity, sequence: sequence, fallback: previous)
            if let problem = UPSTime.unreadable(date: activity.date, time: activity.time, gmtDate: activity.gmtDate,
                                                gmtTime: activity.gmtTime, gmtOffset: activity.gmtOffset) {
                notices.append(.warning(problem, path: "\(path).activity[\(activities.count - 1 - sequence)]", trackingNumber: trackingNumber))
            }
            if event.status == .delivered, let signer = shipment.signedBy {
                event.signedBy = signer
                if event.substatus == nil || event.substatus == .deliveredDoor { event.substatus = .deliveredSigned }
            }
            previous = event.status
            shipment.events.append(event)
        }
        return shipment
    }

    static func event(_ activity: UPSTrackBody.Activity, sequence: Int, fallback: ShipmentStatus) -> CanonicalEvent {
        let location = UPSText.location(activity.location?.address)
        let time = UPSTime.resolve(date: activity.date, time: activity.time, gmtDate: activity.gmtDate,
                                   gmtTime: activity.gmtTime, gmtOffset: activity.gmtOffset, location: location)
        let status = activity.status
        var event = CanonicalEvent(
            status: fallback,
            carrierCode: UPSAdapter.carrierCode(type: status?.type, scanCode: status?.code, statusCode: status?.statusCode),
            carrierDescription: status?.description,
            occurredAt: time.occurredAt, localTime: time.localTime, utcOffset: time.utcOffset, zoneSource: time.zoneSource,
            location: location, sequence: sequence)
        event.apply(UPSAdapter.entry(type: status?.type, scanCode: status?.code, statusCode: status?.statusCode), fallbackStatus: fallback)
        return event
    }

    /// The rescheduled date wins over the scheduled one; `deliveryTime` gives the window unless
    /// it describes the actual delivery (`DEL`).
    static func estimate(_ package: UPSTrackBody.Package, destination: Location?) -> CarrierEstimate? {
        let dates = package.deliveryDate ?? []
        guard let entry = dates.first(where: { $0.type?.uppercased() == "RDD" }) ?? dates.first(where: { $0.type?.uppercased() == "SDD" }),
              let date = UPSTime.local(date: entry.date, time: nil) else { return nil }
        let window = package.deliveryTime.flatMap { $0.type?.uppercased() == "DEL" ? nil : $0 }
        let start = UPSTime.time(window?.startTime)
        let end = UPSTime.time(window?.endTime)
        let earliest = start.flatMap { LocalDateTime(year: date.year, month: date.month, day: date.day, time: $0) } ?? date
        let latest = end.flatMap { LocalDateTime(year: date.year, month: date.month, day: date.day, time: $0) }
        guard let earliestTime = UPSTime.carrierTime(earliest, location: destination) else { return nil }
        return CarrierEstimate(earliest: earliestTime, latest: UPSTime.carrierTime(latest, location: destination))
    }

    /// UPS sends the images themselves (base64); the shipment records which kinds exist.
    static func proofOfDelivery(_ information: UPSTrackBody.DeliveryInformation?) -> [String] {
        guard let information else { return [] }
        var kinds: [String] = []
        if information.signature?.isPresent == true { kinds.append("signature_image") }
        if information.deliveryPhoto?.isPresent == true { kinds.append("delivery_photo") }
        if information.pod?.isPresent == true { kinds.append("pod_document") }
        return kinds
    }

    static func unique(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
    }
}
