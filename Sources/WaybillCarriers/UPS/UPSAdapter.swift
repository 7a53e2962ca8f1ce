import Foundation
import WaybillCore

/// UPS: the Track API v1 (`GET /api/track/v1/details/{inquiryNumber}`) and the Track Alert
/// webhook (one activity per POST).
public struct UPSAdapter: PayloadFormat {
    public let id = "ups"
    public let displayName = "UPS"
    public var mapping: CarrierMapping { Self.table }

    public init() {}

    public func parse(_ body: Data) throws(CarrierParseError) -> CarrierParseResult {
        if CarrierBody.startsWithMarkup(body) {
            throw CarrierParseError(carrier: id, location: "", reason: Self.legacyXMLReason)
        }
        // One decode for the common case (a Track API response); a webhook body decodes twice.
        var notices: [CarrierNotice] = []
        let track = try CarrierJSON.decode(UPSTrackBody.self, from: body, carrier: id, notices: &notices)
        if track.trackResponse != nil || track.response != nil {
            var result = try UPSTrackParser.parse(track)
            result.notices = notices + result.notices
            return result
        }
        notices = []
        let alert = try CarrierJSON.decode(UPSTrackAlertBody.self, from: body, carrier: id, notices: &notices)
        if alert.activityStatus != nil {
            var result = try UPSTrackAlertParser.parse(alert)
            result.notices = notices + result.notices
            return result
        }
        throw CarrierParseError(carrier: id, location: "", reason: "neither a Track API response (trackResponse, response.errors) nor a Track Alert body (activityStatus)")
    }

    /// The XML Tracking API (`<TrackResponse>` with `<Shipment>`), retired by UPS in 2024: stored
    /// bodies of it are refused by name rather than taken for another format.
    static let legacyXMLReason = "a UPS XML Tracking API response (TrackResponse); UPS retired that API in 2024 and Waybill does not read it: use the Track API v1 (JSON)"

    public func sniff(_ body: Data) -> Double {
        let head = String(decoding: body.prefix(2048), as: UTF8.self)
        if head.contains("\"trackResponse\"") { return 0.95 }
        if head.contains("\"activityStatus\"") && head.contains("ActivityDate\"") { return 0.9 }
        if head.contains("\"response\"") && head.contains("\"errors\"") { return 0.3 }
        return 0
    }

    /// The mapping entry of a UPS status: the type-qualified scan code, else the 3-digit status
    /// code, else the bare activity type.
    static func entry(type: String?, scanCode: String?, statusCode: String?) -> CarrierMapping.Entry? {
        let type = UPSText.clean(type)?.uppercased()
        if let type, let scanCode = UPSText.clean(scanCode), let entry = table.entry(for: "\(type)/\(scanCode)") { return entry }
        if let statusCode = UPSText.clean(statusCode), statusCode != "000", let entry = table.entry(for: statusCode) { return entry }
        return type.flatMap(table.entry(for:))
    }

    /// The code an event records: the 3-digit status code when it says something, else the scan
    /// code, else the activity type.
    static func carrierCode(type: String?, scanCode: String?, statusCode: String?) -> String? {
        if let statusCode = UPSText.clean(statusCode), statusCode != "000" { return statusCode }
        return UPSText.clean(scanCode) ?? UPSText.clean(type)
    }
}
