import Foundation
import WaybillCore

/// How Waybill talks to UPS.
extension UPSAdapter: CarrierAPI {
    public var auth: CarrierAuthScheme { .oauth2ClientCredentials(tokenPath: "/security/v1/oauth/token") }

    /// Track Alert echoes the opaque credential of the subscription; no HMAC.
    public var webhookVerification: WebhookVerification { .echoedCredential }

    public var aggregatorNames: [String: [String]] { ["easypost": ["UPS"]] }

    public func trackingRequest(for trackingNumbers: [String], configuration: CarrierConfiguration) -> CarrierRequest {
        // The Track API takes one inquiry number per call; the poller sends one request per number.
        let number = trackingNumbers.first ?? ""
        let path = URLPathSegment.encode(number)
        var headers = [
            "Accept": "application/json",
            "transId": UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(32).description,
            "transactionSrc": configuration.credentials["transaction_source"] ?? "waybill",
        ]
        if let token = configuration.credentials["access_token"] { headers["Authorization"] = "Bearer \(token)" }
        return CarrierRequest(
            method: "GET",
            url: "\(configuration.baseURL)/api/track/v1/details/\(path)?locale=en_US&returnSignature=false&returnMilestones=false&returnPOD=false",
            headers: headers)
    }
}
