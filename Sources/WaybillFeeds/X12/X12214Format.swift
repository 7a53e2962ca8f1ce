import Foundation
import WaybillCarriers

/// X12 214 Transportation Carrier Shipment Status files (`waybill normalize --carrier x12_214`).
/// A file format, not an API: `parse` returns the shipments of the accepted transaction sets and
/// throws only when the body is not X12 at all; `X12Reader.read` also gives the 997s and the
/// report of bad segments.
public struct X12214Format: PayloadFormat {
    public let id = "x12_214"
    public let displayName = "X12 214 Shipment Status"
    public var mapping: CarrierMapping { Self.table }

    public init() {}

    public func parse(_ body: Data) throws(CarrierParseError) -> CarrierParseResult {
        let read = X12Reader.read(body, fileName: "body")
        if let unreadable = read.report.unreadable {
            throw CarrierParseError(carrier: id, location: unreadable.segmentNumber.map { "segment \($0)" } ?? "",
                                    reason: unreadable.reason)
        }
        return read.result
    }

    /// Starts with `ISA` (after a BOM or blank lines); surer when a 214 set follows.
    public func sniff(_ body: Data) -> Double {
        var head = body.prefix(512)
        if head.starts(with: [0xEF, 0xBB, 0xBF]) { head = head.dropFirst(3) }
        head = head.drop { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        guard head.starts(with: Array("ISA".utf8)), head.count > 4 else { return 0 }
        let separator = head[head.startIndex + 3]
        let st214 = Data("ST".utf8) + [separator] + Data("214".utf8)
        return body.prefix(4096).range(of: st214) != nil ? 0.95 : 0.6
    }
}
