import Foundation
import WaybillCore

/// AfterShip (aggregator): the tracking webhook (`msg` = Tracking) and the Tracking API
/// answers (`{meta, data}`).
public struct AfterShipAdapter: PayloadFormat {
    public let id = "aftership"
    public let displayName = "AfterShip"
    public var mapping: CarrierMapping { Self.table }

    public init() {}

    public func parse(_ body: Data) throws(CarrierParseError) -> CarrierParseResult {
        try Self.requireJSON(body)
        var notices: [CarrierNotice] = []
        let decoded = try CarrierJSON.decode(AfterShipBody.self, from: body, carrier: id, notices: &notices)
        guard decoded.msg != nil || decoded.meta != nil || decoded.data != nil else {
            throw CarrierParseError(carrier: id, location: "", reason: "neither an AfterShip webhook (msg) nor an API answer (meta, data)")
        }
        return AfterShipParser.parse(decoded, notices: notices)
    }

    /// AfterShip's gateway answers a failure with a plain-text body (a recorded 502 reads
    /// "Interal Error"): that is no tracking data, and the refusal quotes it.
    static func requireJSON(_ body: Data) throws(CarrierParseError) {
        let first = body.first { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF) }
        guard first != UInt8(ascii: "{"), first != UInt8(ascii: "[") else { return }
        let text = String(decoding: body.prefix(200), as: UTF8.self).trimmed
        throw CarrierParseError(carrier: "aftership", location: "",
                                reason: text.isEmpty ? "an empty body, not an AfterShip JSON answer"
                                    : "plain text, not an AfterShip JSON answer (a server error page?): \"\(text)\"")
    }

    public func sniff(_ body: Data) -> Double {
        let head = String(decoding: body.prefix(4096), as: UTF8.self)
        if head.contains("\"event_id\"") && head.contains("\"msg\"") { return 0.95 }
        if head.contains("\"checkpoint") && head.contains("\"slug\"") && head.contains("\"subtag\"") { return 0.9 }
        if head.contains("\"meta\"") && head.contains("\"data\"") { return 0.3 }
        return 0
    }
}
