import Foundation
import WaybillCore

/// How Waybill talks to PostNL.
extension PostNLAdapter: CarrierAPI {
    public var auth: CarrierAuthScheme { .apiKeyHeader(name: "apikey") }

    public var aggregatorNames: [String: [String]] {
        ["aftership": ["postnl-3s", "postnl-international", "postnl-international-3s"], "easypost": ["PostNL"]]
    }

    /// One barcode per call, with all events. Credentials: `apiKey`; optional `language`
    /// (`NL`, the default, or `EN`).
    public func trackingRequest(for trackingNumbers: [String], configuration: CarrierConfiguration) -> CarrierRequest {
        let barcode = URLPathSegment.encode(trackingNumbers.first ?? "")
        let language = configuration.credentials["language"] ?? "NL"
        return CarrierRequest(
            method: "GET", url: configuration.baseURL + "/shipment/v2/status/barcode/\(barcode)?detail=true&language=\(language)",
            headers: ["apikey": configuration.credentials["apiKey"] ?? "", "Accept": "application/json"])
    }
}
