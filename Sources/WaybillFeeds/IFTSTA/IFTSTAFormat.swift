import Foundation
import WaybillCarriers

/// EDIFACT IFTSTA files (`waybill normalize --carrier iftsta FILE`).
public struct IFTSTAFormat: PayloadFormat {
    public init() {}

    public var id: String { IFTSTAReader.formatID }
    public var displayName: String { "EDIFACT IFTSTA" }
    public var mapping: CarrierMapping { IFTSTAMapping.table }

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
}
