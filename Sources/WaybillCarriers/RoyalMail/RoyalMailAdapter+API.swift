import Foundation
import WaybillCore

/// How Waybill talks to Royal Mail.
extension RoyalMailAdapter: CarrierAPI {
    /// `X-IBM-Client-Id` and `X-IBM-Client-Secret` headers, plus `X-Accept-RMG-Terms: yes`.
    public var auth: CarrierAuthScheme { .apiKeyHeader(name: "X-IBM-Client-Id") }

    public var aggregatorNames: [String: [String]] { ["aftership": ["royal-mail"]] }

    /// One number: its full event history (`/{id}/events`); several: the latest event of each
    /// (`/summary`, up to 30 numbers).
    public func trackingRequest(for trackingNumbers: [String], configuration: CarrierConfiguration) -> CarrierRequest {
        let credentials = configuration.credentials
        let headers = [
            "Accept": "application/json", "X-Accept-RMG-Terms": "yes",
            "X-IBM-Client-Id": credentials["clientId"] ?? "", "X-IBM-Client-Secret": credentials["clientSecret"] ?? "",
        ]
        let base = configuration.baseURL + "/mailpieces/v2"
        if trackingNumbers.count == 1 {
            return CarrierRequest(method: "GET", url: "\(base)/\(URLPathSegment.encode(trackingNumbers[0]))/events", headers: headers)
        }
        let ids = trackingNumbers.prefix(30).map(CarrierFields.urlComponent).joined(separator: ",")
        return CarrierRequest(method: "GET", url: "\(base)/summary?mailPieceId=\(ids)", headers: headers)
    }
}
