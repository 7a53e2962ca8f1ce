import Foundation
import WaybillCore

/// EasyPost (aggregator): the Tracker object (`GET /v2/trackers`) and the `tracker.created` /
/// `tracker.updated` webhook Event that wraps it.
public struct EasyPostAdapter: CarrierAdapter {
    public let id = "easypost"
    public let displayName = "EasyPost"
    public var mapping: CarrierMapping { Self.table }
    /// The API key is the Basic user name, with an empty password.
    public let auth = CarrierAuthScheme.basic

    public init() {}

    public func parse(_ body: Data) throws(CarrierParseError) -> CarrierParseResult {
        let decoded = try CarrierJSON.decode(EasyPostBody.self, from: body, carrier: id)
        switch decoded.object {
        case "Tracker":
            let tracker = try CarrierJSON.decode(EasyPostTracker.self, from: body, carrier: id)
            var result = CarrierParseResult(shipments: [])
            try EasyPostParser.add(tracker, to: &result)
            return result
        case "Event":
            return try EasyPostParser.parse(decoded)
        default:
            guard decoded.trackers != nil || decoded.error != nil else {
                throw CarrierParseError(carrier: id, location: "object", reason: "not an EasyPost Tracker, Event, tracker list or error")
            }
            return try EasyPostParser.parse(decoded)
        }
    }

    public func sniff(_ body: Data) -> Double {
        let head = String(decoding: body.prefix(4096), as: UTF8.self)
        if head.contains("\"Tracker\"") || head.contains("\"tracker.") || head.contains("\"trk_") { return 0.95 }
        if head.contains("\"tracking_details\"") && head.contains("\"tracking_code\"") { return 0.8 }
        return 0
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
