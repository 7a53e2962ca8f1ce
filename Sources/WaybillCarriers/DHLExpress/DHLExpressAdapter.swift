import Foundation
import WaybillCore

/// DHL Express XML-PI tracking (`KnownTrackingRequest` → `TrackingResponse`, carriers.md §8):
/// several `AWBInfo` blocks per response, checkpoints oldest first. MyDHL API (REST, JSON)
/// tracking bodies and problems are read too (`DHLExpressMyDHLParser`).
///
/// Checkpoint `Date` + `Time` are local to the checkpoint's service area and carry no zone:
/// the service area's country (and state, for the US) decides the zone where it can, else the
/// time stays local with an unknown zone and no instant.
public struct DHLExpressAdapter: CarrierAdapter {
    public let id = "dhl_express"
    public let displayName = "DHL Express"
    public var mapping: CarrierMapping { Self.table }
    /// XML-PI carries `SiteID` and `Password` in the request's `ServiceHeader`.
    public let auth = CarrierAuthScheme.inBody

    public init() {}

    public func parse(_ body: Data) throws(CarrierParseError) -> CarrierParseResult {
        if body.first(where: { ![0x20, 0x0A, 0x0D, 0x09].contains($0) }) == UInt8(ascii: "{") {
            return try DHLExpressMyDHLParser(adapter: self).parse(body)
        }
        return try DHLExpressParser(adapter: self).parse(body)
    }

    public func sniff(_ body: Data) -> Double {
        let head = body.prefix(4096)
        func has(_ text: String) -> Bool { head.range(of: Data(text.utf8)) != nil }
        if has("TrackingResponse"), has("AWBInfo") { return 0.95 }
        if has("ShipmentTrackingErrorResponse") { return 0.9 }
        if has("TrackingResponse"), has("http://www.dhl.com") { return 0.7 }
        // MyDHL API (JSON): its tracking body, or a problem whose instance is a MyDHL path.
        if has("\"shipmentTrackingNumber\"") { return 0.9 }
        if has("\"instance\""), has("/expressapi/") || has("/mydhlapi/") { return 0.85 }
        return 0
    }

    /// A `KnownTrackingRequest` for up to ten AWB numbers with all checkpoints. Credentials:
    /// `siteID`, `password`; optional `languageCode` (default `en`).
    public func trackingRequest(for trackingNumbers: [String], configuration: CarrierConfiguration) -> CarrierRequest {
        let credentials = configuration.credentials
        let numbers = trackingNumbers.prefix(10).map { "<AWBNumber>\(Self.escaped($0))</AWBNumber>" }.joined()
        let body = """
            <?xml version="1.0" encoding="UTF-8"?>\
            <req:KnownTrackingRequest xmlns:req="http://www.dhl.com" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
            xsi:schemaLocation="http://www.dhl.com TrackingRequestKnown.xsd" schemaVersion="1.0">\
            <Request><ServiceHeader>\
            <MessageTime>\(Timestamp.utcString(Date()).prefix(19))+00:00</MessageTime>\
            <MessageReference>\(Self.messageReference(for: trackingNumbers))</MessageReference>\
            <SiteID>\(Self.escaped(credentials["siteID"] ?? ""))</SiteID>\
            <Password>\(Self.escaped(credentials["password"] ?? ""))</Password>\
            </ServiceHeader></Request>\
            <LanguageCode>\(Self.escaped(credentials["languageCode"] ?? "en"))</LanguageCode>\
            \(numbers)\
            <LevelOfDetails>ALL_CHECK_POINTS</LevelOfDetails>\
            <PiecesEnabled>S</PiecesEnabled>\
            </req:KnownTrackingRequest>
            """
        return CarrierRequest(method: "POST", url: configuration.baseURL + "/XMLShippingServlet",
                              headers: ["Content-Type": "application/xml; charset=utf-8"], body: Data(body.utf8))
    }

    /// XML-PI wants a 28 to 32 character reference: the numbers' digits, padded.
    static func messageReference(for numbers: [String]) -> String {
        let digits = numbers.joined().filter(\.isNumber)
        let padded = "WAYBILL" + digits + String(repeating: "0", count: 28)
        return String(padded.prefix(28))
    }

    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
