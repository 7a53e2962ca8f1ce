import Foundation
import WaybillCore

/// Australia Post Shipping & Tracking (`GET /shipping/v1/track?tracking_ids=...`, carriers.md §11).
///
/// Events carry no codes: the mapping is keyed by Australia Post's texts, and texts it does not
/// know are classified by the phrase tables. Dates come with the scan's offset
/// ("2021-02-03T08:08:00+11:00"), which is used as given. The legacy `QueryTrackEventsResponse`
/// body is read too (`AustraliaPostLegacy.swift`).
public struct AustraliaPostAdapter: CarrierAdapter {
    public let id = "australia_post"
    public let displayName = "Australia Post"
    public var mapping: CarrierMapping { Self.table }
    /// HTTP Basic with the API key and password, plus the `account-number` header.
    public let auth = CarrierAuthScheme.basic

    public init() {}

    public func parse(_ body: Data) throws(CarrierParseError) -> CarrierParseResult {
        try AustraliaPostParser(adapter: self).parse(body)
    }

    public func sniff(_ body: Data) -> Double {
        let head = body.prefix(4096)
        func has(_ text: String) -> Bool { head.range(of: Data(text.utf8)) != nil }
        if has("\"tracking_results\""), has("\"trackable_items\"") || has("\"tracking_id\"") { return 0.95 }
        if has("TOO_MANY_AP_TRACKING_IDS") || has("ESB-100") { return 0.8 }
        if has("\"QueryTrackEventsResponse\"") { return 0.95 }
        return 0
    }

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
