import Foundation
import WaybillCore

/// Reads a `getTrackingDataResponse` (or a SOAP fault) into Waybill's result.
struct DPDParser {
    let adapter: DPDAdapter

    func parse(_ body: Data, requestedNumber: String?) throws(CarrierParseError) -> CarrierParseResult {
        let root = try XMLTree.parse(body, carrier: adapter.id)
        let content = root.name == "Envelope" ? root.child("Body") : root
        guard let content else {
            throw CarrierParseError(carrier: adapter.id, location: root.path, reason: "SOAP envelope without a Body")
        }
        if let fault = content.name == "Fault" ? content : content.child("Fault") {
            return CarrierParseResult(shipments: [], notices: [notice(fault, requestedNumber: requestedNumber)])
        }
        guard let response = content.name == "getTrackingDataResponse" ? content : content.child("getTrackingDataResponse") else {
            throw CarrierParseError(carrier: adapter.id, location: content.path, reason: "no getTrackingDataResponse or Fault")
        }
        let results = response.children("trackingresult")
        var shipments: [ParsedShipment] = []
        var notices: [CarrierNotice] = []
        for result in results {
            let number = result.descendants("parcelLabelNumber").first?.text() ?? requestedNumber ?? ""
            let events = try events(of: result, number: number, notices: &notices)
            guard !events.isEmpty else {
                notices.append(CarrierNotice(trackingNumber: number.isEmpty ? nil : number, kind: .notFound, code: nil,
                                             message: "DPD has no scans for this parcel yet"))
                continue
            }
            let service = result.child("shipmentInfo")?.child("serviceDescription")?.child("content")?.text("content")
            shipments.append(ParsedShipment(carrier: adapter.id, trackingNumber: number, service: service, events: events))
        }
        if results.isEmpty {
            notices.append(CarrierNotice(trackingNumber: requestedNumber, kind: .notFound, code: nil,
                                         message: "DPD returned no tracking result"))
        }
        return CarrierParseResult(shipments: shipments, notices: notices)
    }

    /// Reached statuses in DPD's order (oldest first); milestones not yet reached are dropped.
    private func events(of result: XMLElementNode, number: String,
                        notices: inout [CarrierNotice]) throws(CarrierParseError) -> [CanonicalEvent] {
        var events: [CanonicalEvent] = []
        for info in result.children("statusInfo") where info.text("statusHasBeenReached")?.lowercased() != "false" {
            guard let code = info.text("status") else {
                throw CarrierParseError(carrier: adapter.id, location: info.path, reason: "statusInfo without a status")
            }
            var local: LocalDateTime?
            if let dateText = info.child("date")?.text("content") {
                local = DPDDateTime.parse(dateText)
                if local == nil {
                    notices.append(.warning("unreadable DPD date '\(dateText)'; time unknown", path: info.path + "/date",
                                            trackingNumber: number.isEmpty ? nil : number))
                }
            }
            let location = info.child("location")?.text("content").map(Self.location)
            let resolved = ZoneResolver.resolve(local: local, location: location)
            var event = CanonicalEvent(
                status: .pending, carrierCode: code,
                carrierDescription: info.child("description")?.child("content")?.text("content") ?? info.child("label")?.text("content"),
                occurredAt: resolved.occurredAt, localTime: resolved.localTime, utcOffset: resolved.utcOffset,
                zoneSource: resolved.zoneSource, location: location, sequence: events.count)
            event.apply(adapter.mapping.entry(for: code), fallbackStatus: events.last?.status ?? .infoReceived)
            events.append(event)
        }
        return events
    }

    /// `Mechelen (BE)` is a depot city and its ISO country code.
    static func location(_ text: String) -> Location {
        let trimmed = text.trimmed
        guard trimmed.hasSuffix(")"), let open = trimmed.lastIndex(of: "(") else { return Location(city: trimmed) }
        let country = trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]
            .trimmed.uppercased()
        let city = trimmed[..<open].trimmed
        let isCountryCode = country.count == 2 && country.allSatisfy { $0.isASCII && $0.isLetter }
        return Location(city: city.isEmpty ? nil : city, country: isCountryCode ? country : nil)
    }

    private func notice(_ fault: XMLElementNode, requestedNumber: String?) -> CarrierNotice {
        let detail = fault.child("detail")?.children.first
        let code = detail?.text("errorCode") ?? fault.text("faultcode")
        let message = detail?.text("errorMessage") ?? fault.text("faultstring") ?? "SOAP fault"
        return CarrierNotice(trackingNumber: requestedNumber, kind: .error, code: code, message: message)
    }
}
