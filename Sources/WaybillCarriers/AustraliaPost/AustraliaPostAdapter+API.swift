import Foundation
import WaybillCore

/// How Waybill talks to Australia Post.
extension AustraliaPostAdapter: CarrierAPI {
    /// HTTP Basic with the API key and password, plus the `account-number` header.
    public var auth: CarrierAuthScheme { .basic }

    public var aggregatorNames: [String: [String]] { ["aftership": ["australia-post"], "easypost": ["AustraliaPost"]] }

    /// Up to ten ids per call. Credentials: `apiKey`, `password`, `accountNumber`.
    public func trackingRequest(for trackingNumbers: [String], configuration: CarrierConfiguration) -> CarrierRequest {
        let ids = trackingNumbers.prefix(10).map { $0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0 }
        let credentials = configuration.credentials
        var headers = ["Accept": "application/json", "account-number": credentials["accountNumber"] ?? ""]
        if let key = credentials["apiKey"] {
            headers["Authorization"] = "Basic " + Data("\(key):\(credentials["password"] ?? "")".utf8).base64EncodedString()
        }
        return CarrierRequest(method: "GET", url: configuration.baseURL + "/shipping/v1/track?tracking_ids=" + ids.joined(separator: ","),
                              headers: headers)
    }
}
