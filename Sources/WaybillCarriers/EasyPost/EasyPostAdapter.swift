import Foundation
import WaybillCore

/// EasyPost (aggregator): the Tracker object (`GET /v2/trackers`) and the `tracker.created` /
/// `tracker.updated` webhook Event that wraps it.
public struct EasyPostAdapter: PayloadFormat {
    public let id = "easypost"
    public let displayName = "EasyPost"
    public var mapping: CarrierMapping { Self.table }

    public init() {}

    public func parse(_ body: Data) throws(CarrierParseError) -> CarrierParseResult {
        var notices: [CarrierNotice] = []
        let decoded = try CarrierJSON.decode(EasyPostBody.self, from: body, carrier: id, notices: &notices)
        if decoded.object == "Tracker", decoded.tracker == nil {
            throw CarrierParseError(carrier: id, location: "tracking_code", reason: "a Tracker without its tracking code")
        }
        guard decoded.tracker != nil || decoded.trackers != nil || decoded.result != nil || decoded.error != nil
            || decoded.object == "Event" else {
            throw CarrierParseError(carrier: id, location: "",
                                    reason: "not an EasyPost Tracker (no tracking_code), Event, tracker list or error")
        }
        return EasyPostParser.parse(decoded, notices: notices)
    }

    /// By shape: EasyPost's object names and id prefixes, else a `tracking_code` beside a field
    /// only EasyPost's Tracker has.
    public func sniff(_ body: Data) -> Double {
        let head = String(decoding: body.prefix(4096), as: UTF8.self)
        if head.contains("\"Tracker\"") || head.contains("\"tracker.") || head.contains("\"trk_") { return 0.95 }
        guard head.contains("\"tracking_code\"") else { return 0 }
        let trackerFields = ["\"tracking_details\"", "\"carrier_detail\"", "\"est_delivery_date\"", "\"public_url\"", "\"signed_by\""]
        return trackerFields.contains(where: head.contains) ? 0.8 : 0
    }
}
