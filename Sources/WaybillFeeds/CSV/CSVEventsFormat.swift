import Foundation
import WaybillCarriers
import WaybillCore

/// The events CSV (`CSVEventsReader`) as a payload format (`waybill normalize --carrier csv FILE`).
/// Its statuses are canonical already, so the mapping table is the taxonomy itself.
public struct CSVEventsFormat: PayloadFormat {
    public init() {}

    public var id: String { CSVEventsReader.formatID }
    public var displayName: String { "CSV events" }

    public var mapping: CarrierMapping { Self.table }

    static let table = CarrierMapping(carrier: "csv", version: 1, entries: ShipmentStatus.allCases.map {
        CarrierMapping.Entry($0.rawValue, "canonical status \($0.rawValue)", $0)
    })

    /// Throws when the body has no header naming `tracking_number` and `status`; bad rows are
    /// skipped (use `CSVEventsReader.read` for the report).
    public func parse(_ body: Data) throws(CarrierParseError) -> CarrierParseResult {
        guard CSVEventsReader.hasEventsHeader(body) else {
            throw CarrierParseError(carrier: id, location: "line 1", reason: "not an events CSV: the header must name tracking_number and status")
        }
        return CSVEventsReader.read(body, fileName: "body").result
    }

    public func sniff(_ body: Data) -> Double {
        let head = body.prefix(1024)
        let firstLine = head.firstIndex(of: 0x0A).map { head[..<$0] } ?? head
        let text = String(decoding: firstLine, as: UTF8.self).lowercased()
        return text.contains("tracking_number") && text.contains("status") ? 0.9 : 0
    }
}
