import Foundation
import WaybillCore

/// Tracking v3 body → one shipment, or a notice for an error envelope.
enum USPSV3Parser {
    /// "A status update is not yet available": the label exists, USPS has not scanned it yet.
    static let notYetAvailable = "150001"

    static func parse(_ body: USPSV3Body) throws(CarrierParseError) -> CarrierParseResult {
        if let error = body.error {
            return CarrierParseResult(shipments: [], notices: notices(error, description: body.errorDescription))
        }
        guard let trackingNumber = USPSText.clean(body.trackingNumber) else {
            throw CarrierParseError(carrier: "usps", location: "trackingNumber", reason: "missing tracking number")
        }
        let destination = USPSText.location(city: body.destinationCity, state: body.destinationState, zip: body.destinationZIP, country: nil)
        let events = (body.trackingEvents ?? []).map { event -> USPSEventInput in
            let offset = USPSText.offset(event.gmtOffset)
            let utc = USPSText.clean(event.gmtTimestamp).flatMap(Timestamp.parseLenient)?.date
            // With an offset the wall clock is what USPS stamped (midnight included); without
            // one, midnight is a date (MA manifests carry `T00:00:00`).
            var local: LocalDateTime?
            if offset != nil || utc != nil, let text = USPSText.clean(event.eventTimestamp) {
                local = LocalDateTime(parsing: text.hasSuffix("Z") ? String(text.dropLast()) : text)
            }
            local = local ?? USPSShipmentBuilder.v3Local(event.eventTimestamp)
            return USPSEventInput(
                code: event.eventCode, description: event.eventType, local: local, offset: offset, utc: utc,
                location: USPSText.location(city: event.eventCity, state: event.eventState, zip: event.eventZIP, country: event.eventCountry),
                signer: event.name)
        }
        let shipment = USPSShipmentBuilder.shipment(
            trackingNumber: trackingNumber, service: USPSText.plain(body.mailClass),
            estimate: estimate(body, destination: destination), mailPieceID: body.uniqueMailPieceID, eventsNewestFirst: events)
        return CarrierParseResult(shipments: [shipment])
    }

    /// The predicted date and window, else the expected date, else the guaranteed one.
    static func estimate(_ body: USPSV3Body, destination: Location?) -> CarrierEstimate? {
        if let predicted = USPSShipmentBuilder.v3Local(body.predictedDeliveryDate)?.date {
            func at(_ time: String?) -> LocalDateTime? {
                guard let time = USPSText.clean(time), let local = LocalDateTime(parsing: "\(predicted)T\(time)") else { return nil }
                return local
            }
            let start = at(body.predictedDeliveryWindowStartTime) ?? predicted
            guard let earliest = USPSShipmentBuilder.carrierTime(start, destination: destination) else { return nil }
            return CarrierEstimate(earliest: earliest, latest: USPSShipmentBuilder.carrierTime(at(body.predictedDeliveryWindowEndTime), destination: destination))
        }
        for text in [body.expectedDeliveryTimeStamp, body.guaranteedDeliveryTimeStamp] {
            if let time = USPSShipmentBuilder.carrierTime(USPSShipmentBuilder.v3Local(text), destination: destination) {
                return CarrierEstimate(earliest: time)
            }
        }
        return nil
    }

    static func notices(_ error: JSONValue, description: String?) -> [CarrierNotice] {
        // OAuth server: {"error": "invalid_client", "error_description": "..."}
        if let code = error.stringValue {
            return [CarrierNotice(trackingNumber: nil, kind: .error, code: code, message: USPSText.clean(description) ?? code)]
        }
        let details = error["errors"]?.arrayValue ?? []
        let codes = details.compactMap { $0["code"]?.stringValue }
        let code = codes.first ?? error["code"]?.stringValue
        let message = USPSText.plain(error["message"]?.stringValue) ?? USPSText.plain(details.first?["title"]?.stringValue) ?? "USPS error"
        return [CarrierNotice(trackingNumber: nil, kind: codes.contains(notYetAvailable) ? .notFound : .error, code: code, message: message)]
    }
}
