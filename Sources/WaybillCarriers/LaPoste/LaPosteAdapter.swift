import Foundation
import WaybillCore

/// La Poste Suivi v2 (Colissimo, Chronopost, lettre suivie; JSON, carriers.md §16). Events
/// come newest first, in French time with an offset, and without locations.
public struct LaPosteAdapter: PayloadFormat {
    public let id = "la_poste"
    public let displayName = "La Poste / Colissimo"
    public var mapping: CarrierMapping { Self.table }

    public init() {}

    public func parse(_ body: Data) throws(CarrierParseError) -> CarrierParseResult {
        let isArray = body.first { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) } == UInt8(ascii: "[")
        var notices: [CarrierNotice] = []
        let answers = isArray
            ? try CarrierJSON.decode([LaPosteResponse].self, from: body, carrier: id, notices: &notices)
            : [try CarrierJSON.decode(LaPosteResponse.self, from: body, carrier: id, notices: &notices)]
        var result = CarrierParseResult(shipments: [], notices: notices)
        for (index, answer) in answers.enumerated() {
            let path = isArray ? "[\(index)]" : ""
            guard let returnCode = answer.returnCode else {
                guard let code = CarrierFields.text(answer.code) else {
                    throw CarrierParseError(carrier: id, location: path.isEmpty ? "returnCode" : "\(path).returnCode",
                                            reason: "neither a Suivi answer (returnCode) nor a gateway error (code, message)")
                }
                result.notices.append(CarrierNotice(trackingNumber: nil, kind: .error, code: code,
                                                    message: CarrierFields.text(answer.message) ?? code))
                continue
            }
            guard (200..<300).contains(returnCode), let shipment = answer.shipment else {
                let kind: CarrierNotice.Kind = returnCode == 404 ? .notFound : .error
                result.notices.append(CarrierNotice(
                    trackingNumber: answer.idShip ?? answer.shipment?.idShip, kind: kind, code: String(returnCode),
                    message: answer.returnMessage ?? "La Poste returnCode \(returnCode)"))
                continue
            }
            result.shipments.append(parsedShipment(shipment, path: path.isEmpty ? "shipment" : "\(path).shipment",
                                                   notices: &result.notices))
        }
        return result
    }

    private func parsedShipment(_ shipment: LaPosteResponse.Shipment, path: String, notices: inout [CarrierNotice]) -> ParsedShipment {
        var events: [CanonicalEvent] = []
        for (index, item) in (shipment.event ?? []).enumerated().reversed() {
            var resolved = ZoneResolver.Resolved(occurredAt: nil, localTime: nil, utcOffset: nil, zoneSource: .unknown)
            if let text = CarrierFields.text(item.date) {
                if let value = ISOCarrierTime.resolve(text, location: nil) {
                    resolved = value
                } else {
                    notices.append(.warning("unreadable time '\(text)'; instant unknown", path: "\(path).event[\(index)].date",
                                            trackingNumber: shipment.idShip))
                }
            }
            var event = CanonicalEvent(
                status: .pending, carrierCode: item.code, carrierDescription: item.label, occurredAt: resolved.occurredAt,
                localTime: resolved.localTime, utcOffset: resolved.utcOffset, zoneSource: resolved.zoneSource,
                sequence: events.count)
            event.apply(mapping.entry(for: item.code), fallbackStatus: events.last?.status ?? .infoReceived)
            events.append(event)
        }
        let delivered = ISOCarrierTime.carrierTime(shipment.deliveryDate)
        // After delivery La Poste repeats the delivery time as the estimate; it is not a forecast then.
        let estimate = delivered == nil ? Self.estimate(shipment.estimDate) : nil
        return ParsedShipment(
            carrier: id, trackingNumber: shipment.idShip, service: CarrierFields.text(shipment.product),
            estimatedDelivery: estimate, deliveredAt: delivered?.instant, events: events)
    }

    /// `estimDate` is a day: midnight (`2026-11-21T00:00:00+01:00`) stands for the date alone.
    static func estimate(_ text: String?) -> CarrierEstimate? {
        guard let time = ISOCarrierTime.carrierTime(text) else { return nil }
        if let local = time.local, let clock = local.time, clock.hour == 0, clock.minute == 0, clock.second == 0 {
            return CarrierEstimate(earliest: CarrierTime(instant: nil, local: local.date, offset: nil, zoneSource: .unknown))
        }
        return CarrierEstimate(earliest: time)
    }

    public func sniff(_ body: Data) -> Double {
        if CarrierFields.contains(body, "\"returnCode\"") { return CarrierFields.contains(body, "\"idShip\"") ? 0.95 : 0.4 }
        return Self.isGatewayError(body) ? 0.3 : 0
    }

    /// The Okapi gateway's refusal: exactly `{code, message}`, the code in capitals and
    /// repeated at the end of the message ("... max quota reached (...) (TOO_MANY_REQUESTS).").
    static func isGatewayError(_ body: Data) -> Bool {
        guard body.count < 1024, let value = try? JSONValue.parse(body), case .object(let fields) = value, fields.count == 2,
              let code = fields["code"]?.stringValue, let message = fields["message"]?.stringValue,
              !code.isEmpty, code.allSatisfy({ $0.isUppercase || $0 == "_" || $0.isNumber }) else { return false }
        return message.hasSuffix("(\(code)).") || message.hasSuffix("(\(code))")
    }
}
