import Foundation
import WaybillCore

/// FedEx Track API v1 (`POST /track/v1/trackingnumbers`).
public struct FedExAdapter: PayloadFormat {
    public let id = "fedex"
    public let displayName = "FedEx"
    public var mapping: CarrierMapping { Self.table }

    public init() {}

    public func parse(_ body: Data) throws(CarrierParseError) -> CarrierParseResult {
        if CarrierBody.startsWithMarkup(body) {
            throw CarrierParseError(carrier: id, location: "", reason: Self.legacyXMLReason)
        }
        var notices: [CarrierNotice] = []
        let decoded = try CarrierJSON.decode(FedExTrackBody.self, from: body, carrier: id, notices: &notices)
        guard decoded.output != nil || decoded.errors != nil else {
            throw CarrierParseError(carrier: id, location: "", reason: "not a FedEx Track API response (no output or errors)")
        }
        var result = try FedExTrackParser.parse(decoded)
        result.notices = notices + result.notices
        return result
    }

    /// FedEx Web Services (SOAP `TrackReply`), retired by FedEx in 2024: stored bodies of it are
    /// refused by name rather than taken for another format.
    static let legacyXMLReason = "a FedEx Web Services (SOAP) TrackReply; FedEx retired that API in 2024 and Waybill does not read it: use the Track API v1 (JSON)"

    public func sniff(_ body: Data) -> Double {
        let head = String(decoding: body.prefix(2048), as: UTF8.self)
        if head.contains("\"completeTrackResults\"") { return 0.95 }
        if head.contains("\"transactionId\"") && head.contains("\"errors\"") { return 0.5 }
        return 0
    }
}
