import Foundation
import WaybillCore

/// PostNL ShippingStatus REST v2 (`GET /shipment/v2/status/barcode/{barcode}?detail=true`,
/// carriers.md §12).
///
/// Times are Dutch wall-clock times without a zone and are resolved in Europe/Amsterdam
/// (zone source `location`: PostNL's own country); events carry location codes, not places, so
/// their `location` stays empty. Event codes and status codes are both mapped; an event whose
/// code PostNL's list lacks takes the meaning of the status recorded at the same second.
public struct PostNLAdapter: PayloadFormat {
    public let id = "postnl"
    public let displayName = "PostNL"
    public var mapping: CarrierMapping { Self.table }

    public init() {}

    public func parse(_ body: Data) throws(CarrierParseError) -> CarrierParseResult {
        try PostNLParser(adapter: self).parse(body)
    }

    public func sniff(_ body: Data) -> Double {
        let head = body.prefix(4096)
        func has(_ text: String) -> Bool { head.range(of: Data(text.utf8)) != nil }
        if has("\"CompleteStatus\"") || has("\"CurrentStatus\"") { return 0.95 }
        if has("\"Barcode\""), has("\"PhaseCode\"") { return 0.9 }
        if has("\"SignatureDate\"") { return 0.7 }
        // PostNL's XML-shaped JSON: a Warnings object wrapping a Warning with Message and Code.
        if has("\"Warnings\""), has("\"Warning\"") || has("\"Code\"") { return 0.6 }
        return 0
    }
}
