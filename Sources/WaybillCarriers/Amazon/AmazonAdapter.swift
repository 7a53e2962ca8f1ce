import Foundation
import WaybillCore

/// Amazon tracking: Amazon Shipping v1 and v2 (JSON, carriers.md §17; event times are UTC;
/// events come oldest first; events of the return leg, `shipmentType` RETURNS, map as a
/// return), Multi-Channel Fulfillment package tracking (JSON, `EVENT_xxx` codes, see
/// `AmazonFulfillment`) and carriers' `AmazonTrackingResponse` XML (see `AmazonTrackingXML`).
public struct AmazonAdapter: PayloadFormat {
    public let id = "amazon"
    public let displayName = "Amazon Shipping"
    public var mapping: CarrierMapping { Self.table }

    public init() {}

    public func parse(_ body: Data) throws(CarrierParseError) -> CarrierParseResult {
        if AmazonTrackingXML.isXML(body) { return try AmazonTrackingXML.parse(body, adapter: self) }
        var notices: [CarrierNotice] = []
        let response = try CarrierJSON.decode(AmazonResponse.self, from: body, carrier: id, notices: &notices)
        let content = response.payload ?? response.bare
        let path = response.payload == nil ? "" : "payload."
        if let tracking = content?.tracking {
            let parsed = self.shipment(tracking, path: path, notices: &notices)
            return CarrierParseResult(shipments: [parsed], notices: notices)
        }
        if let package = content?.package {
            return AmazonFulfillment.parse(package, adapter: self, path: path, notices: notices)
        }
        guard let errors = response.errors, !errors.isEmpty else {
            throw CarrierParseError(carrier: id, location: "payload", reason: "neither tracking data nor errors")
        }
        return CarrierParseResult(shipments: [], notices: notices + errors.map { failure in
            let code = failure.code ?? ""
            let kind: CarrierNotice.Kind = code.localizedCaseInsensitiveContains("NotFound") ? .notFound : .error
            return CarrierNotice(trackingNumber: nil, kind: kind, code: failure.code,
                                 message: failure.message ?? failure.details ?? "Amazon Shipping error")
        })
    }

    private func shipment(_ tracking: AmazonResponse.Tracking, path prefix: String, notices: inout [CarrierNotice]) -> ParsedShipment {
        var events: [CanonicalEvent] = []
        var legs: [Int: String] = [:]
        for (index, item) in (tracking.eventHistory ?? []).enumerated() {
            let location = item.location.flatMap {
                CarrierFields.location(city: $0.city, region: $0.stateOrRegion, postalCode: $0.postalCode, country: $0.countryCode)
            }
            var resolved = ZoneResolver.Resolved(occurredAt: nil, localTime: nil, utcOffset: nil, zoneSource: .unknown)
            if let text = CarrierFields.text(item.eventTime) {
                if let value = ISOCarrierTime.resolve(text, location: location) {
                    resolved = value
                } else {
                    notices.append(.warning("unreadable time '\(text)'; instant unknown", path: "\(prefix)eventHistory[\(index)].eventTime",
                                            trackingNumber: tracking.trackingId))
                }
            }
            var event = CanonicalEvent(
                status: .pending, carrierCode: item.eventCode, occurredAt: resolved.occurredAt, localTime: resolved.localTime,
                utcOffset: resolved.utcOffset, zoneSource: resolved.zoneSource, location: location, sequence: index)
            let isReturnLeg = item.shipmentType?.uppercased() == "RETURNS"
            let entry = (isReturnLeg ? mapping.entry(for: "RETURNS:\(item.eventCode)") : nil) ?? mapping.entry(for: item.eventCode)
            event.apply(entry, fallbackStatus: events.last?.status ?? .infoReceived)
            legs[events.count] = isReturnLeg ? "RETURNS" : "FORWARD"
            events.append(event)
        }
        let details = tracking.summary?.trackingDetailCodes
        refineLatest(of: "FORWARD", in: &events, legs: legs, with: details?.forward ?? [])
        refineLatest(of: "RETURNS", in: &events, legs: legs, with: details?.returns ?? [])
        let alternate = CarrierFields.text(tracking.alternateLegTrackingId).flatMap { $0.lowercased() == "null" ? nil : $0 }
        return ParsedShipment(
            carrier: id, trackingNumber: tracking.trackingId,
            estimatedDelivery: ISOCarrierTime.carrierTime(tracking.promisedDeliveryDate).map { CarrierEstimate(earliest: $0) },
            alternateTrackingNumbers: alternate.map { [$0] } ?? [], events: events)
    }

    /// Applies the summary's detail codes of a leg to that leg's latest event, where they fit.
    private func refineLatest(of leg: String, in events: inout [CanonicalEvent], legs: [Int: String], with codes: [String]) {
        guard let index = events.indices.last(where: { legs[$0] == leg }), !codes.isEmpty else { return }
        switch events[index].status {
        case .attemptFailed, .exception:
            if events[index].reason == nil { events[index].reason = codes.lazy.compactMap { Self.detailReasons[$0] }.first }
        case .delivered:
            if let substatus = codes.lazy.compactMap({ Self.detailDeliveries[$0] }).first { events[index].substatus = substatus }
        default:
            break
        }
    }

    public func sniff(_ body: Data) -> Double {
        if CarrierFields.contains(body, "\"eventHistory\"") && CarrierFields.contains(body, "\"trackingId\"") { return 0.95 }
        if CarrierFields.contains(body, "\"trackingEvents\"") && CarrierFields.contains(body, "\"EVENT_") { return 0.9 }
        if CarrierFields.contains(body, "<AmazonTrackingResponse") { return 0.95 }
        return Self.isSellingPartnerError(body) ? 0.3 : 0
    }

    /// The Selling Partner API's error answer: only `errors`, each with one of its documented
    /// codes (`InvalidInput`, `NotFound`, ...), unlike FedEx's dotted codes beside a transactionId.
    static func isSellingPartnerError(_ body: Data) -> Bool {
        guard body.count < 4096, let value = try? JSONValue.parse(body), case .object(let fields) = value,
              fields.count == 1, let errors = fields["errors"]?.arrayValue, !errors.isEmpty else { return false }
        return errors.allSatisfy { sellingPartnerErrorCodes.contains($0["code"]?.stringValue ?? "") }
    }

    static let sellingPartnerErrorCodes: Set<String> = [
        "InvalidInput", "InvalidSignature", "AccessDenied", "Unauthorized", "Forbidden", "NotFound", "QuotaExceeded",
        "RequestTooLarge", "UnsupportedMediaType", "InternalFailure", "InternalServerError", "ServiceUnavailable",
    ]
}
