import Foundation
import WaybillCarriers

/// EDIFACT IFTSTA files as a carrier format (`waybill normalize --carrier iftsta FILE`).
/// A file format: nothing to call, so `trackingRequest` only documents that.
public struct IFTSTAFormat: CarrierAdapter {
    public init() {}

    public var id: String { IFTSTAReader.formatID }
    public var displayName: String { "EDIFACT IFTSTA" }
    public var mapping: CarrierMapping { IFTSTAMapping.table }
    public var auth: CarrierAuthScheme { .none }

    public func parse(_ body: Data) throws(CarrierParseError) -> CarrierParseResult {
        try IFTSTAReader.read(body, fileName: "body").result
    }

    public func sniff(_ body: Data) -> Double {
        var start = body.prefix(64).drop { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        if start.starts(with: [0xEF, 0xBB, 0xBF]) { start = start.dropFirst(3) }
        // A message may come without its envelope (the GS1 EANCOM example starts at UNH).
        guard ["UNA", "UNB", "UNH"].contains(where: { start.starts(with: Array($0.utf8)) }) else { return 0 }
        return body.range(of: Data("IFTSTA".utf8)) != nil ? 0.95 : 0.6
    }

    public func trackingRequest(for trackingNumbers: [String], configuration: CarrierConfiguration) -> CarrierRequest {
        CarrierRequest(method: "NONE", url: "file:///iftsta (file format: IFTSTA interchanges are dropped as files, not requested)")
    }
}
