import Foundation
import WaybillCore

/// DHL Shipment Tracking - Unified (`api-eu.dhl.com/track/shipments`, carriers.md §7): one API
/// over DHL's services (express, parcel-de, ecommerce, freight, ...).
///
/// Event times are mostly local without an offset and are resolved from the event's country;
/// a `Z` is taken as DHL's statement that the value is UTC. DHL's five status codes are coarse:
/// the localized texts (kept in `carrier_description`) refine them through the phrase tables.
///
/// The same adapter reads DHL Parcel DE's (Post & Parcel Germany) piece-detail XML, the
/// tracking format of DHL Paket numbers (`DHLParcelDEParser`).
public struct DHLAdapter: PayloadFormat {
    public let id = "dhl"
    public let displayName = "DHL"
    public var mapping: CarrierMapping { Self.table }

    public init() {}

    public func parse(_ body: Data) throws(CarrierParseError) -> CarrierParseResult {
        try DHLParser(adapter: self).parse(body)
    }

    public func sniff(_ body: Data) -> Double {
        let head = body.prefix(4096)
        func has(_ text: String) -> Bool { head.range(of: Data(text.utf8)) != nil }
        if has("\"piece-shipment-list\"") || has("\"piece-shipment\"") { return 0.9 }
        guard head.first(where: { !$0.isWhitespace }) == UInt8(ascii: "{") else { return 0 }
        if has("\"shipments\""), has("possibleAdditionalShipmentsUrl") || has("\"service\"") { return 0.85 }
        if has("\"shipments\""), has("\"statusCode\"") { return 0.6 }
        if has("No result found"), has("/shipment") { return 0.5 }
        return 0
    }
}

extension UInt8 {
    fileprivate var isWhitespace: Bool { self == 0x20 || self == 0x0A || self == 0x0D || self == 0x09 }
}
