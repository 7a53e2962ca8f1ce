import Foundation
import WaybillCore

/// How Waybill talks to FedEx.
extension FedExAdapter: CarrierAPI {
    /// FedEx accepts at most 30 numbers per request.
    public static let maximumNumbersPerRequest = 30

    public var auth: CarrierAuthScheme { .oauth2ClientCredentials(tokenPath: "/oauth/token") }

    public var webhookVerification: WebhookVerification { .base64HMAC(header: "fdx-signature") }

    public var aggregatorNames: [String: [String]] { ["easypost": ["FedEx"]] }

    public func trackingRequest(for trackingNumbers: [String], configuration: CarrierConfiguration) -> CarrierRequest {
        let body = FedExTrackRequest(
            includeDetailedScans: true,
            trackingInfo: trackingNumbers.prefix(Self.maximumNumbersPerRequest).map {
                .init(trackingNumberInfo: .init(trackingNumber: $0))
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var headers = [
            "Content-Type": "application/json",
            "Accept": "application/json",
            "X-locale": "en_US",
            "x-customer-transaction-id": UUID().uuidString,
        ]
        if let token = configuration.credentials["access_token"] { headers["Authorization"] = "Bearer \(token)" }
        return CarrierRequest(method: "POST", url: "\(configuration.baseURL)/track/v1/trackingnumbers", headers: headers,
                              body: try? encoder.encode(body))
    }
}

/// The `trackByTrackingNumber` request body.
struct FedExTrackRequest: Encodable {
    var includeDetailedScans: Bool
    var trackingInfo: [TrackingInfo]

    struct TrackingInfo: Encodable {
        var trackingNumberInfo: TrackingNumberInfo
    }

    struct TrackingNumberInfo: Encodable {
        var trackingNumber: String
    }
}
