import Foundation
import WaybillCore

/// How Waybill talks to EasyPost.
extension EasyPostAdapter: CarrierAPI {
    /// The API key is the Basic user name, with an empty password.
    public var auth: CarrierAuthScheme { .basic }

    /// `hmac-sha256-hex=<hex>`, keyed with the NFKD form of the secret (EasyPost's SDKs).
    public var webhookVerification: WebhookVerification {
        .hexHMAC(header: "x-hmac-signature", prefix: "hmac-sha256-hex=", compatibilityKey: true)
    }

    public func trackingRequest(for trackingNumbers: [String], configuration: CarrierConfiguration) -> CarrierRequest {
        var query = URLComponents()
        query.queryItems = trackingNumbers.map { URLQueryItem(name: "tracking_codes[]", value: $0) }
        var headers = ["Accept": "application/json"]
        if let key = configuration.credentials["api_key"] {
            headers["Authorization"] = "Basic " + Data("\(key):".utf8).base64EncodedString()
        }
        return CarrierRequest(method: "GET", url: "\(configuration.baseURL)/v2/trackers?\(query.percentEncodedQuery ?? "")", headers: headers)
    }
}
