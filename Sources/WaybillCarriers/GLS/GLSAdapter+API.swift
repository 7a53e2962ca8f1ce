import Foundation
import WaybillCore

/// How Waybill talks to GLS.
extension GLSAdapter: CarrierAPI {
    public var auth: CarrierAuthScheme { .oauth2ClientCredentials(tokenPath: "/oauth2/v2/token") }

    public var aggregatorNames: [String: [String]] { ["easypost": ["GLS"]] }

    /// Up to 10 parcel numbers per call (GLS's limit); further numbers need further requests.
    public func trackingRequest(for trackingNumbers: [String], configuration: CarrierConfiguration) -> CarrierRequest {
        let ids = trackingNumbers.prefix(10).map(URLPathSegment.encode).joined(separator: ",")
        return CarrierRequest(
            method: "GET", url: configuration.baseURL + "/track-and-trace-v1/tracking/simple/trackids/\(ids)?showEvents=true",
            headers: ["Accept": "application/json", "Accept-Language": configuration.credentials["language"] ?? "en"])
    }
}
