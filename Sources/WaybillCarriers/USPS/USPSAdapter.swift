import Foundation
import WaybillCore

/// USPS: Tracking API v3 (JSON), and the retired Web Tools TrackV2 XML with its v1 JSON
/// rendering, still found in stored payloads.
public struct USPSAdapter: PayloadFormat {
    public let id = "usps"
    public let displayName = "USPS"
    public var mapping: CarrierMapping { Self.table }

    public init() {}

    public func parse(_ body: Data) throws(CarrierParseError) -> CarrierParseResult {
        if CarrierBody.startsWithMarkup(body) {
            return try USPSLegacyParser.parse(xml: XMLTree.parse(body, carrier: id))
        }
        var notices: [CarrierNotice] = []
        var result: CarrierParseResult
        // The legacy v1 JSON is rare: only bodies that name its root key pay for a probe.
        if body.containsBytes(Self.v1Key), try CarrierJSON.decode(USPSProbe.self, from: body, carrier: id).isV1 {
            result = try USPSLegacyParser.parse(v1: CarrierJSON.decode(USPSV1Body.self, from: body, carrier: id, notices: &notices))
        } else {
            let v3 = try CarrierJSON.decode(USPSV3Body.self, from: body, carrier: id, notices: &notices)
            guard v3.trackingNumber != nil || v3.trackingEvents != nil || v3.error != nil || v3.errorDescription != nil else {
                throw CarrierParseError(carrier: id, location: "", reason: "not a USPS tracking body (no trackingNumber, trackingEvents, error or TrackResults)")
            }
            result = try USPSV3Parser.parse(v3)
        }
        result.notices = notices + result.notices
        return result
    }

    private static let v1Key = Array("\"TrackResults\"".utf8)

    public func sniff(_ body: Data) -> Double {
        let head = String(decoding: body.prefix(2048), as: UTF8.self)
        // UPS's retired XML API also answers `<TrackResponse>`, with `<Shipment>` instead of `<TrackInfo`.
        if head.contains("<TrackResponse") && head.contains("<TrackInfo") || head.contains("\"TrackResults\"") { return 0.9 }
        // A Web Tools error (`<Error><Number>-2147219040</Number><Source>SOLServer...`).
        if head.contains("<Error>") && head.contains("<Number>") && head.contains("<Source>") {
            return head.contains("SOLServer") ? 0.9 : 0.6
        }
        if head.contains("\"trackingEvents\"") || head.contains("\"mailClass\"") || head.contains("\"statusCategory\"") { return 0.9 }
        if head.contains("\"apiVersion\"") && head.contains("\"error\"") { return 0.6 }
        return 0
    }
}

/// Whether a body that mentions `TrackResults` has it as its root key (the v1 JSON).
private struct USPSProbe: Decodable {
    var isV1: Bool

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        isV1 = container.contains(Key(stringValue: "TrackResults"))
    }
}
