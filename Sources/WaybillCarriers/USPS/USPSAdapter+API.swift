import Foundation
import WaybillCore

/// How Waybill talks to USPS.
extension USPSAdapter: CarrierAPI {
    public var auth: CarrierAuthScheme { .oauth2ClientCredentials(tokenPath: "/oauth2/v3/token") }

    public var aggregatorNames: [String: [String]] { ["easypost": ["USPS"]] }

    public func trackingRequest(for trackingNumbers: [String], configuration: CarrierConfiguration) -> CarrierRequest {
        // v3 answers one number per call; the poller sends one request per number.
        let number = trackingNumbers.first ?? ""
        let path = URLPathSegment.encode(number)
        var headers = ["Accept": "application/json"]
        if let token = configuration.credentials["access_token"] { headers["Authorization"] = "Bearer \(token)" }
        return CarrierRequest(method: "GET", url: "\(configuration.baseURL)/tracking/v3/tracking/\(path)?expand=DETAIL", headers: headers)
    }
}
