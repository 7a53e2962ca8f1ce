import Foundation
import WaybillCore

/// DPD Web Services, ParcelLifeCycleService v2.0 `getTrackingData` (SOAP, carriers.md §13).
///
/// The response does not echo the parcel number: the parsed shipment carries the number found
/// in the body (`parcelLabelNumber`) when there is one, else the one passed to
/// `parse(_:requestedNumber:)`, else an empty string that the poller fills in from its request.
/// Dates are the depot's local time without a zone, resolved from the depot's country.
public struct DPDAdapter: CarrierAdapter {
    public let id = "dpd"
    public let displayName = "DPD"
    public var mapping: CarrierMapping { Self.table }
    /// The SOAP header carries `delisId` and the `authToken` from DPD's LoginService.
    public let auth = CarrierAuthScheme.inBody

    public init() {}

    public func parse(_ body: Data) throws(CarrierParseError) -> CarrierParseResult {
        try DPDParser(adapter: self).parse(body, requestedNumber: nil)
    }

    /// Parses a response to a request for `requestedNumber`, which DPD does not repeat.
    public func parse(_ body: Data, requestedNumber: String) throws(CarrierParseError) -> CarrierParseResult {
        try DPDParser(adapter: self).parse(body, requestedNumber: requestedNumber)
    }

    public func sniff(_ body: Data) -> Double {
        let head = body.prefix(4096)
        if head.range(of: Data("getTrackingDataResponse".utf8)) != nil { return 0.95 }
        if head.range(of: Data("dpd.com/common/service".utf8)) != nil { return 0.8 }
        return 0
    }

    /// DPD tracks one parcel per call: the request asks for the first number. Credentials:
    /// `delisId`, `authToken`, optional `messageLanguage` (default `en_US`, the date format
    /// `DPDDateTime` reads first).
    public func trackingRequest(for trackingNumbers: [String], configuration: CarrierConfiguration) -> CarrierRequest {
        let credentials = configuration.credentials
        let envelope = """
            <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" \
            xmlns:ns="http://dpd.com/common/service/types/Authentication/2.0" \
            xmlns:ns1="http://dpd.com/common/service/types/ParcelLifeCycleService/2.0">\
            <soapenv:Header><ns:authentication>\
            <delisId>\(Self.escaped(credentials["delisId"] ?? ""))</delisId>\
            <authToken>\(Self.escaped(credentials["authToken"] ?? ""))</authToken>\
            <messageLanguage>\(Self.escaped(credentials["messageLanguage"] ?? "en_US"))</messageLanguage>\
            </ns:authentication></soapenv:Header>\
            <soapenv:Body><ns1:getTrackingData>\
            <parcelLabelNumber>\(Self.escaped(trackingNumbers.first ?? ""))</parcelLabelNumber>\
            </ns1:getTrackingData></soapenv:Body></soapenv:Envelope>
            """
        return CarrierRequest(
            method: "POST", url: configuration.baseURL + "/soap/services/ParcelLifeCycleService/V2_0",
            headers: ["Content-Type": "text/xml; charset=utf-8", "SOAPAction": "\"\""], body: Data(envelope.utf8))
    }

    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
