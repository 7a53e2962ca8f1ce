import Foundation
import WaybillCore

/// Track API response → one shipment per tracking number, plus notices.
enum FedExTrackParser {
    static func parse(_ body: FedExTrackBody) throws(CarrierParseError) -> CarrierParseResult {
        var result = CarrierParseResult(shipments: [])
        for error in body.errors ?? [] {
            result.notices.append(notice(error, trackingNumber: nil))
        }
        for (index, complete) in (body.output?.completeTrackResults ?? []).enumerated() {
            let results = complete.trackResults ?? []
            let withData = results.indices.filter { !(results[$0].scanEvents ?? []).isEmpty || results[$0].latestStatusDetail != nil }
            if withData.isEmpty {
                for trackResult in results {
                    let number = FedExText.clean(trackResult.trackingNumberInfo?.trackingNumber) ?? FedExText.clean(complete.trackingNumber)
                    result.notices.append(notice(trackResult.error ?? .init(code: nil, message: "FedEx returned no tracking data"),
                                                 trackingNumber: number))
                }
                continue
            }
            // FedEx reuses numbers: several trackResults are different parcels. The current one
            // is the one whose newest scan is latest; the older parcels are not this shipment.
            guard let number = FedExText.clean(complete.trackingNumber)
                ?? withData.lazy.compactMap({ FedExText.clean(results[$0].trackingNumberInfo?.trackingNumber) }).first else {
                throw CarrierParseError(carrier: "fedex", location: "output.completeTrackResults[\(index)].trackingNumber",
                                        reason: "tracking data without a tracking number")
            }
            let shipments = withData.map { resultIndex in
                shipment(results[resultIndex], number: number, notices: &result.notices,
                         path: "output.completeTrackResults[\(index)].trackResults[\(resultIndex)]")
            }
            var current: (shipment: ParsedShipment, newest: Date)?
            for candidate in shipments {
                let candidateNewest = newest(candidate)
                if let best = current, candidateNewest <= best.newest { continue }
                current = (candidate, candidateNewest)
            }
            if let current { result.shipments.append(current.shipment) }
        }
        return result
    }

    static func notice(_ error: FedExTrackBody.Message, trackingNumber: String?) -> CarrierNotice {
        let code = FedExText.clean(error.code)
        let notFound = code?.uppercased().hasSuffix("NOTFOUND") == true
        return CarrierNotice(trackingNumber: trackingNumber, kind: notFound ? .notFound : .error, code: code,
                             message: FedExText.clean(error.message) ?? "FedEx error")
    }

    /// The newest scan's instant (or wall clock read as UTC when no instant is known).
    static func newest(_ shipment: ParsedShipment) -> Date {
        shipment.events.compactMap { $0.occurredAt ?? $0.localTime?.instant(atOffset: UTCOffset(seconds: 0)) }.max() ?? .distantPast
    }

    static func shipment(_ result: FedExTrackBody.TrackResult, number: String, notices: inout [CarrierNotice],
                         path: String) -> ParsedShipment {
        let info = result.trackingNumberInfo
        let destination = FedExText.location(result.recipientInformation?.address)
            ?? FedExText.location(result.destinationLocation?.locationContactAndAddress?.address)
        let details = result.deliveryDetails
        let times = result.dateAndTimes ?? []
        func time(_ type: String) -> String? { times.first { $0.type?.uppercased() == type }?.dateTime }
        let identifiers = (result.additionalTrackingInfo?.packageIdentifiers ?? []).map { identifier in
            (type: identifier.type?.uppercased() ?? "", values: ([identifier.value] + (identifier.values ?? [])).compactMap(FedExText.clean))
        }
        let isAlternateNumber: (String) -> Bool = { $0.includes("TRACKING") || $0.includes("DOORTAG") }
        var alternates = [FedExText.clean(info?.trackingNumberUniqueId)].compactMap { $0 }
        alternates += identifiers.filter { isAlternateNumber($0.type) }.flatMap(\.values)
        var shipment = ParsedShipment(
            carrier: "fedex",
            trackingNumber: FedExText.clean(info?.trackingNumber) ?? number,
            service: FedExText.clean(result.serviceDetail?.description) ?? FedExText.clean(result.serviceDetail?.type),
            estimatedDelivery: estimate(result, destination: destination),
            deliveredAt: FedExTime.parse(time("ACTUAL_DELIVERY"), midnightIsDate: true).flatMap { parsed in
                parsed.offset.map { parsed.local.instant(atOffset: $0) }
            },
            signedBy: SignatoryName.name(in: details?.signedByName) ?? SignatoryName.name(in: details?.receivedByName),
            deliveryLocation: FedExText.clean(details?.locationDescription) ?? FedExText.clean(details?.locationType),
            proofOfDelivery: (result.availableImages ?? []).compactMap { FedExText.clean($0.type) },
            references: unique(identifiers.filter { !isAlternateNumber($0.type) }.flatMap(\.values)),
            alternateTrackingNumbers: unique(alternates))
        let trackingNumber = shipment.trackingNumber
        for (index, dateAndTime) in times.enumerated() {
            if let problem = FedExTime.problem(dateAndTime.dateTime) {
                notices.append(.warning(problem, path: "\(path).dateAndTimes[\(index)].dateTime", trackingNumber: trackingNumber))
            }
        }
        // Scans come newest first.
        let scans = result.scanEvents ?? []
        var previous = ShipmentStatus.inTransit
        for (sequence, scan) in scans.reversed().enumerated() {
            if let problem = FedExTime.problem(scan.date) {
                notices.append(.warning(problem, path: "\(path).scanEvents[\(scans.count - 1 - sequence)].date", trackingNumber: trackingNumber))
            }
            var event = self.event(scan, sequence: sequence, fallback: previous)
            if event.status == .delivered, let signer = shipment.signedBy {
                event.signedBy = signer
                event.substatus = event.substatus ?? .deliveredSigned
            }
            previous = event.status
            shipment.events.append(event)
        }
        return shipment
    }

    static func event(_ scan: FedExTrackBody.ScanEvent, sequence: Int, fallback: ShipmentStatus) -> CanonicalEvent {
        let location = FedExText.location(scan.scanLocation)
        let time = FedExTime.resolve(scan.date, midnightIsDate: false, location: location)
        let code = FedExText.clean(scan.eventType)
        var event = CanonicalEvent(
            status: fallback, carrierCode: code, carrierDescription: scan.eventDescription,
            occurredAt: time.occurredAt, localTime: time.localTime, utcOffset: time.utcOffset, zoneSource: time.zoneSource,
            location: location, sequence: sequence)
        event.apply(code.flatMap(FedExAdapter.table.entry(for:)), fallbackStatus: fallback)
        if event.substatus != .unmapped, let exception = FedExText.clean(scan.exceptionCode).flatMap({ FedExAdapter.exceptionCodes[$0.uppercased()] }) {
            event.reason = exception.reason ?? event.reason
            // Only a failed attempt is re-classified (an address problem is an exception); a
            // return "refused by recipient" stays a return.
            if event.status == .attemptFailed, let status = exception.status {
                event.status = status
                event.substatus = exception.substatus ?? event.substatus
                event.actionRequired = event.actionRequired || exception.action
            }
        }
        if event.reason == nil || event.reason == .carrierDelay, scan.delayDetail?.type?.uppercased() == "WEATHER" {
            event.reason = .weather
        }
        return event
    }

    /// The estimated window, else the estimated or committed date, else the end of the
    /// standard transit window (the date it should arrive by; karrio reads only `begins`, which
    /// FedEx rarely sends).
    static func estimate(_ result: FedExTrackBody.TrackResult, destination: Location?) -> CarrierEstimate? {
        let window = result.estimatedDeliveryTimeWindow?.window
        if let begins = FedExTime.carrierTime(window?.begins, location: destination) {
            return CarrierEstimate(earliest: begins, latest: FedExTime.carrierTime(window?.ends, location: destination))
        }
        let times = result.dateAndTimes ?? []
        for type in ["ESTIMATED_DELIVERY", "COMMITMENT"] {
            if let time = FedExTime.carrierTime(times.first(where: { $0.type?.uppercased() == type })?.dateTime, location: destination) {
                return CarrierEstimate(earliest: time)
            }
        }
        let ends = FedExTime.carrierTime(window?.ends, location: destination)
            ?? FedExTime.carrierTime(result.standardTransitTimeWindow?.window?.ends, location: destination)
        return ends.map { CarrierEstimate(earliest: $0) }
    }

    static func unique(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
    }
}
