import Foundation
import WaybillCore

/// DHL Express XML-PI tracking (`KnownTrackingRequest` → `TrackingResponse`, carriers.md §8):
/// several `AWBInfo` blocks per response, checkpoints oldest first. MyDHL API (REST, JSON)
/// tracking bodies and problems are read too (`DHLExpressMyDHLParser`).
///
/// Checkpoint `Date` + `Time` are local to the checkpoint's service area and carry no zone:
/// the service area's country (and state, for the US) decides the zone where it can, else the
/// time stays local with an unknown zone and no instant.
public struct DHLExpressAdapter: PayloadFormat {
    public let id = "dhl_express"
    public let displayName = "DHL Express"
    public var mapping: CarrierMapping { Self.table }

    public init() {}

    public func parse(_ body: Data) throws(CarrierParseError) -> CarrierParseResult {
        if body.first(where: { ![0x20, 0x0A, 0x0D, 0x09].contains($0) }) == UInt8(ascii: "{") {
            return try DHLExpressMyDHLParser(adapter: self).parse(body)
        }
        return try DHLExpressParser(adapter: self).parse(body)
    }

    public func sniff(_ body: Data) -> Double {
        let head = body.prefix(4096)
        func has(_ text: String) -> Bool { head.range(of: Data(text.utf8)) != nil }
        if has("TrackingResponse"), has("AWBInfo") { return 0.95 }
        if has("ShipmentTrackingErrorResponse") { return 0.9 }
        if has("TrackingResponse"), has("http://www.dhl.com") { return 0.7 }
        // MyDHL API (JSON): its tracking body, or a problem whose instance is a MyDHL path.
        if has("\"shipmentTrackingNumber\"") { return 0.9 }
        if has("\"instance\""), has("/expressapi/") || has("/mydhlapi/") { return 0.85 }
        return 0
    }
}
