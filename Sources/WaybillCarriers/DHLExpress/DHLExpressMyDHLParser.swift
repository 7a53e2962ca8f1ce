import Foundation
import WaybillCore

/// Reads a MyDHL API (DHL Express REST) tracking body (carriers.md §8): `shipments[]` with
/// `events[]` {date, time, GMTOffset?, typeCode, description, serviceArea[], signedBy}, or an
/// RFC 7807 problem such as the 404 "No data found" (`status` as a string).
///
/// Event `date` + `time` are local to the service area like XML-PI's; `GMTOffset`, when sent,
/// is the carrier's offset. The codes are XML-PI's checkpoint codes.
struct DHLExpressMyDHLParser {
    let adapter: DHLExpressAdapter

    func parse(_ body: Data) throws(CarrierParseError) -> CarrierParseResult {
        var notices: [CarrierNotice] = []
        let response = try CarrierJSON.decode(MyDHLResponse.self, from: body, carrier: adapter.id, notices: &notices)
        if let shipments = response.shipments {
            return CarrierParseResult(shipments: shipments.enumerated().compactMap { index, shipment in
                self.shipment(shipment, path: "shipments[\(index)]", notices: &notices)
            }, notices: notices)
        }
        guard response.title != nil || response.status != nil || response.detail != nil else {
            throw CarrierParseError(carrier: adapter.id, location: "", reason: "neither shipments nor a problem document")
        }
        let code = response.status
        let message = [response.title, response.detail].compactMap { $0 }.joined(separator: ": ")
        notices.append(CarrierNotice(trackingNumber: response.instance.flatMap(Self.trackingNumber(inInstance:)),
                                     kind: code == "404" ? .notFound : .error, code: code,
                                     message: message.isEmpty ? "DHL Express returned a problem without a title" : message))
        return CarrierParseResult(shipments: [], notices: notices)
    }

    /// `/expressapi/shipments/1251820953/tracking?...`: the segment after `shipments`.
    static func trackingNumber(inInstance instance: String) -> String? {
        let path = instance.split(separator: "?").first.map(String.init) ?? instance
        let segments = path.split(separator: "/")
        guard let index = segments.firstIndex(of: "shipments"), index + 1 < segments.count else { return nil }
        let number = segments[index + 1]
        return number.allSatisfy(\.isNumber) ? String(number) : nil
    }

    private func shipment(_ shipment: MyDHLShipment, path: String, notices: inout [CarrierNotice]) -> ParsedShipment? {
        guard let number = CarrierText.clean(shipment.shipmentTrackingNumber) else {
            notices.append(.warning("shipment without shipmentTrackingNumber; skipped", path: path))
            return nil
        }
        var parsed = ParsedShipment(carrier: adapter.id, trackingNumber: number, service: CarrierText.clean(shipment.productCode))
        // Listed oldest first in DHL's examples; ordered by local time to be sure of the fallbacks.
        let events = (shipment.events ?? []).enumerated().sorted { ($0.element.sortKey, $0.offset) < ($1.element.sortKey, $1.offset) }
        for (index, item) in events {
            guard let dateText = CarrierText.clean(item.date), let date = LocalDateTime(parsing: dateText) else {
                notices.append(.warning("event without a valid date; skipped", path: "\(path).events[\(index)]", trackingNumber: number))
                continue
            }
            let local = CarrierText.clean(item.time).flatMap { LocalDateTime(parsing: "\(dateText)T\($0)") } ?? date
            let area = item.serviceArea?.first
            let place = DHLExpressServiceArea.location(code: area?.code, description: area?.description)
            let offset = CarrierText.clean(item.gmtOffset).flatMap(ZoneResolver.offset(abbreviation:))
            let time = ZoneResolver.resolve(local: local, offset: offset, location: place)
            var event = CanonicalEvent(
                status: .pending, carrierCode: CarrierText.clean(item.typeCode), carrierDescription: CarrierText.clean(item.description),
                occurredAt: time.occurredAt, localTime: time.localTime, utcOffset: time.utcOffset, zoneSource: time.zoneSource,
                location: place)
            let fallback = parsed.events.last?.status ?? .infoReceived
            let entry = event.carrierCode.flatMap(adapter.mapping.entry(for:))
            event.apply(entry, fallbackStatus: fallback)
            if event.isInformational { event.status = fallback }
            if event.status == .delivered, let signer = SignatoryName.name(in: item.signedBy) {
                event.signedBy = signer
                parsed.signedBy = signer
            }
            event.sequence = parsed.events.count
            parsed.events.append(event)
        }
        return parsed
    }
}

/// The MyDHL tracking body; fields Waybill does not read are left out.
struct MyDHLResponse: Decodable {
    var shipments: [MyDHLShipment]?
    // Problem fields.
    var title: String?
    var status: String?
    var detail: String?
    var instance: String?
}

struct MyDHLShipment: Decodable {
    var shipmentTrackingNumber: String?
    var productCode: String?
    var events: [MyDHLEvent]?
}

struct MyDHLEvent: Decodable {
    var date: String?
    var time: String?
    var gmtOffset: String?
    var typeCode: String?
    var description: String?
    var serviceArea: [MyDHLServiceArea]?
    var signedBy: String?

    enum CodingKeys: String, CodingKey {
        case date, time, gmtOffset = "GMTOffset", typeCode, description, serviceArea, signedBy
    }

    var sortKey: String { (date ?? "") + "T" + (time ?? "") }
}

struct MyDHLServiceArea: Decodable {
    var code: String?
    var description: String?
}
