import Foundation
import WaybillCore

/// How Waybill talks to DHL.
extension DHLAdapter: CarrierAPI {
    public var auth: CarrierAuthScheme { .apiKeyHeader(name: "DHL-API-Key") }

    /// DHL's unified API tracks DHL Express parcels too.
    public var sameCompanyIDs: Set<String> { ["dhl_express"] }

    public var aggregatorNames: [String: [String]] { ["aftership": ["dhl-global-mail", "dhl-germany"]] }

    /// The API takes one number per call: the request asks for the first. Credentials:
    /// `apiKey`; optional `service` (e.g. `express`), `requesterCountryCode`, `language`.
    public func trackingRequest(for trackingNumbers: [String], configuration: CarrierConfiguration) -> CarrierRequest {
        var components = URLComponents(string: configuration.baseURL + "/track/shipments") ?? URLComponents()
        var query = [URLQueryItem(name: "trackingNumber", value: trackingNumbers.first ?? "")]
        for name in ["service", "requesterCountryCode", "language"] {
            if let value = configuration.credentials[name], !value.isEmpty { query.append(URLQueryItem(name: name, value: value)) }
        }
        components.queryItems = query
        return CarrierRequest(
            method: "GET", url: components.string ?? configuration.baseURL + "/track/shipments",
            headers: ["DHL-API-Key": configuration.credentials["apiKey"] ?? "", "Accept": "application/json"])
    }
}
