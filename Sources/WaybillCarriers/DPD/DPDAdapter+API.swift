import Foundation
import WaybillCore

/// How Waybill talks to DPD.
extension DPDAdapter: CarrierAPI {
    /// The SOAP header carries `delisId` and the `authToken` from DPD's LoginService.
    public var auth: CarrierAuthScheme { .inBody }

    public var aggregatorNames: [String: [String]] { ["aftership": ["dpd-de", "dpd-uk"], "easypost": ["DPD"]] }

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
