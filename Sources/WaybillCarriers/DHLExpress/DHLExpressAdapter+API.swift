import Foundation
import WaybillCore

/// How Waybill talks to DHL Express.
extension DHLExpressAdapter: CarrierAPI {
    /// XML-PI carries `SiteID` and `Password` in the request's `ServiceHeader`.
    public var auth: CarrierAuthScheme { .inBody }

    /// AfterShip's `dhl` is DHL Express (its DHL eCommerce and Paket slugs name those).
    public var aggregatorNames: [String: [String]] { ["aftership": ["dhl"], "easypost": ["DHLExpress"]] }

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
