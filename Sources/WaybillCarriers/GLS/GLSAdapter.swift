import Foundation
import WaybillCore

/// GLS Group Track And Trace V1 (JSON, carriers.md §14), and GLS's public tracking JSON
/// (`tuStatus`, see `GLSTrackingStatus`). One request may return several
/// parcels (a reference can resolve to many); events come newest first with basic offsets
/// (`+0200`); unknown numbers come back per parcel as `errorCode` E_404_01.
public struct GLSAdapter: PayloadFormat {
    public let id = "gls"
    public let displayName = "GLS"
    public var mapping: CarrierMapping { Self.table }

    public init() {}

    public func parse(_ body: Data) throws(CarrierParseError) -> CarrierParseResult {
        var notices: [CarrierNotice] = []
        if CarrierFields.contains(body, "\"tuStatus\"") {
            return parse(try CarrierJSON.decode(GLSTrackingStatus.self, from: body, carrier: id, notices: &notices), notices: notices)
        }
        let response = try CarrierJSON.decode(GLSResponse.self, from: body, carrier: id, notices: &notices)
        guard let parcels = response.parcels else {
            throw CarrierParseError(carrier: id, location: "parcels", reason: "neither parcels (Track And Trace V1) nor tuStatus (public tracking)")
        }
        var result = CarrierParseResult(shipments: [], notices: notices)
        for (index, parcel) in parcels.enumerated() {
            if let errorCode = CarrierFields.text(parcel.errorCode) {
                let kind: CarrierNotice.Kind = errorCode.hasPrefix("E_404") ? .notFound : .error
                result.notices.append(CarrierNotice(trackingNumber: parcel.requested ?? parcel.unitno, kind: kind,
                                                    code: errorCode, message: parcel.errorMessage ?? errorCode))
                continue
            }
            guard let number = CarrierFields.text(parcel.unitno) ?? CarrierFields.text(parcel.requested) else {
                result.notices.append(.warning("a parcel without unitno or errorCode; skipped", path: "parcels[\(index)]"))
                continue
            }
            result.shipments.append(shipment(parcel, number: number, path: "parcels[\(index)]", notices: &result.notices))
        }
        return result
    }

    private func shipment(_ parcel: GLSResponse.Parcel, number: String, path: String, notices: inout [CarrierNotice]) -> ParsedShipment {
        var events: [CanonicalEvent] = []
        // GLS lists events newest first.
        let raw = (parcel.events ?? []).enumerated().reversed()
        for (index, item) in raw {
            let location = CarrierFields.location(city: item.city, postalCode: item.postalCode, country: item.country)
            let event = event(code: item.code, description: item.description, time: item.eventDateTime,
                              location: location, previous: events.last, path: "\(path).events[\(index)]", notices: &notices)
            events.append(event)
        }
        if events.isEmpty, let status = CarrierFields.text(parcel.status) {
            events.append(event(code: status, description: nil, time: parcel.statusDateTime, location: nil,
                                previous: nil, path: "\(path).status", notices: &notices))
        } else if events.isEmpty {
            notices.append(.warning("parcel \(number) has no events and no readable status", path: "\(path).status", trackingNumber: number))
        }
        let references = parcel.requested.flatMap(CarrierFields.text).map { $0 == number ? [] : [$0] } ?? []
        return ParsedShipment(carrier: id, trackingNumber: number, references: references, events: events)
    }

    private func event(code: String, description: String?, time: String?, location: Location?, previous: CanonicalEvent?,
                       path: String, notices: inout [CarrierNotice]) -> CanonicalEvent {
        var resolved = ZoneResolver.Resolved(occurredAt: nil, localTime: nil, utcOffset: nil, zoneSource: .unknown)
        if let time = CarrierFields.text(time) {
            if let value = ISOCarrierTime.resolve(time, location: location) {
                resolved = value
            } else {
                notices.append(.warning("unreadable time '\(time)'; instant unknown", path: path + ".eventDateTime"))
            }
        }
        var event = CanonicalEvent(
            status: .pending, carrierCode: code, carrierDescription: description, occurredAt: resolved.occurredAt,
            localTime: resolved.localTime, utcOffset: resolved.utcOffset, zoneSource: resolved.zoneSource,
            location: location, sequence: (previous?.sequence ?? -1) + 1)
        event.apply(mapping.entry(for: code), fallbackStatus: previous?.status ?? .infoReceived)
        return event
    }

    public func sniff(_ body: Data) -> Double {
        if CarrierFields.contains(body, "\"tuStatus\"") { return 0.9 }
        guard CarrierFields.contains(body, "\"parcels\"") else { return 0 }
        return CarrierFields.contains(body, "\"unitno\"") || CarrierFields.contains(body, "\"requested\"") ? 0.9 : 0.3
    }
}
