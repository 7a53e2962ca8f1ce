import Foundation
import WaybillCore

/// How Waybill talks to AfterShip.
extension AfterShipAdapter: CarrierAPI {
    /// The API version the request is written for (AfterShip versions its API by date).
    static let apiVersion = "2024-04"

    public var auth: CarrierAuthScheme { .apiKeyHeader(name: "as-api-key") }

    /// Base64 HMAC-SHA256 of the raw body (webhook v4.3+).
    public var webhookVerification: WebhookVerification { .base64HMAC(header: "aftership-hmac-sha256") }

    public func trackingRequest(for trackingNumbers: [String], configuration: CarrierConfiguration) -> CarrierRequest {
        var query = URLComponents()
        query.queryItems = [URLQueryItem(name: "tracking_numbers", value: trackingNumbers.joined(separator: ","))]
        var headers = ["Accept": "application/json", "Content-Type": "application/json"]
        if let key = configuration.credentials["api_key"] { headers["as-api-key"] = key }
        return CarrierRequest(method: "GET",
                              url: "\(configuration.baseURL)/tracking/\(Self.apiVersion)/trackings?\(query.percentEncodedQuery ?? "")",
                              headers: headers)
    }
}
