import Foundation
import WaybillCore

/// Amazon's carrier tracking XML, `AmazonTrackingResponse` (APIVersion 3.4), as A-1
/// International answers it: `PackageTrackingInfo` with `TrackingEventDetail`s newest first,
/// `EVENT_xxx` codes, `EventDateTime` with its offset, `SignedForByName` (which may hold a note
/// such as "Left at front desk"); or `TrackingErrorInfo` for a number without data.
enum AmazonTrackingXML {
    static func isXML(_ body: Data) -> Bool {
        CarrierFields.contains(body, "<AmazonTrackingResponse")
    }

    static func parse(_ body: Data, adapter: AmazonAdapter) throws(CarrierParseError) -> CarrierParseResult {
        let root = try XMLTree.parse(body, carrier: adapter.id)
        var result = CarrierParseResult(shipments: [])
        for error in root.children("TrackingErrorInfo") {
            let number = error.text("TrackingNumber")
            for detail in error.children("TrackingErrorDetail") {
                let code = detail.text("ErrorDetailCode")
                let message = detail.text("ErrorDetailCodeDesc") ?? code ?? "Amazon tracking error"
                // ERROR_102: "No data exists in the carrier's system for the given tracking number".
                let kind: CarrierNotice.Kind = message.localizedCaseInsensitiveContains("no data") ? .notFound : .error
                result.notices.append(CarrierNotice(trackingNumber: number, kind: kind, code: code, message: message))
            }
        }
        for info in root.children("PackageTrackingInfo") {
            guard let number = info.text("TrackingNumber") else {
                result.notices.append(.warning("PackageTrackingInfo without its TrackingNumber; skipped", path: info.path))
                continue
            }
            result.shipments.append(shipment(info, number: number, adapter: adapter, notices: &result.notices))
        }
        if result.shipments.isEmpty, result.notices.isEmpty {
            throw CarrierParseError(carrier: adapter.id, location: root.path, reason: "neither PackageTrackingInfo nor TrackingErrorInfo")
        }
        return result
    }

    private static func shipment(_ info: XMLElementNode, number: String, adapter: AmazonAdapter,
                                 notices: inout [CarrierNotice]) -> ParsedShipment {
        let details = info.child("TrackingEventHistory")?.children("TrackingEventDetail") ?? []
        var events: [CanonicalEvent] = []
        var signer: String?
        var deliveryNote: String?
        var estimate: CarrierEstimate?
        for detail in details.reversed() {
            let place = detail.child("EventLocation")
            let location = CarrierFields.location(city: place?.text("City"), region: place?.text("StateProvince"),
                                                  postalCode: place?.text("PostalCode"), country: place?.text("CountryCode"))
            var time = ZoneResolver.resolve(local: nil)
            if let text = detail.text("EventDateTime") {
                if let value = ISOCarrierTime.resolve(text, location: location) {
                    time = value
                } else {
                    notices.append(.warning("unreadable time '\(text)'; instant unknown", path: detail.path + "/EventDateTime",
                                            trackingNumber: number))
                }
            }
            let code = detail.text("EventCode")
            var event = CanonicalEvent(
                status: .pending, carrierCode: code, carrierDescription: detail.text("EventCodeDesc"),
                occurredAt: time.occurredAt, localTime: time.localTime, utcOffset: time.utcOffset, zoneSource: time.zoneSource,
                location: location, sequence: events.count)
            event.apply(code.flatMap(adapter.mapping.entry(for:)), fallbackStatus: events.last?.status ?? .infoReceived)
            if event.status == .delivered, let signed = detail.text("SignedForByName") {
                signer = SignatoryName.name(in: signed)
                event.signedBy = signer
                if signer == nil { deliveryNote = signed }
            }
            if let date = detail.text("EstimatedDeliveryDate").flatMap(LocalDateTime.init(parsing:)) {
                estimate = CarrierEstimate(earliest: CarrierTime(instant: nil, local: date, offset: nil, zoneSource: .unknown))
            }
            events.append(event)
        }
        return ParsedShipment(carrier: adapter.id, trackingNumber: number, estimatedDelivery: estimate, signedBy: signer,
                              deliveryLocation: deliveryNote ?? CarrierFields.text(details.first?.text("AdditionalLocationInfo")),
                              events: events)
    }
}
