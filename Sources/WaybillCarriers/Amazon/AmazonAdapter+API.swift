import Foundation
import WaybillCore

/// How Waybill talks to Amazon Shipping.
extension AmazonAdapter: CarrierAPI {
    /// A Login with Amazon access token in `x-amz-access-token`.
    public var auth: CarrierAuthScheme { .apiKeyHeader(name: "x-amz-access-token") }

    public var aggregatorNames: [String: [String]] { ["aftership": ["amazon-shipping"], "easypost": ["AmazonShipping"]] }

    /// SP-API Shipping v2, one number per call. Credentials: `accessToken` (LWA), `businessId`
    /// (default `AmazonShipping_US`), `carrierId` (default `AMZN_US`).
    public func trackingRequest(for trackingNumbers: [String], configuration: CarrierConfiguration) -> CarrierRequest {
        let credentials = configuration.credentials
        let number = CarrierFields.urlComponent(trackingNumbers.first ?? "")
        let carrierId = CarrierFields.urlComponent(credentials["carrierId"] ?? "AMZN_US")
        return CarrierRequest(
            method: "GET", url: configuration.baseURL + "/shipping/v2/tracking?trackingId=\(number)&carrierId=\(carrierId)",
            headers: [
                "Accept": "application/json", "x-amz-access-token": credentials["accessToken"] ?? "",
                "x-amzn-shipping-business-id": credentials["businessId"] ?? "AmazonShipping_US",
            ])
    }
}
