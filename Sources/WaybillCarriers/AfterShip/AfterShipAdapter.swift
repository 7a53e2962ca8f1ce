import Foundation
import WaybillCore

/// AfterShip (aggregator): the tracking webhook (`msg` = Tracking) and the Tracking API
/// answers (`{meta, data}`).
public struct AfterShipAdapter: CarrierAdapter {
    public let id = "aftership"
    public let displayName = "AfterShip"
    public var mapping: CarrierMapping { Self.table }
    public let auth = CarrierAuthScheme.apiKeyHeader(name: "as-api-key")

    /// The API version the request is written for (AfterShip versions its API by date).
    static let apiVersion = "2024-04"

    public init() {}

    public func parse(_ body: Data) throws(CarrierParseError) -> CarrierParseResult {
        let decoded = try CarrierJSON.decode(AfterShipBody.self, from: body, carrier: id)
        guard decoded.msg != nil || decoded.meta != nil || decoded.data != nil else {
            throw CarrierParseError(carrier: id, location: "", reason: "neither an AfterShip webhook (msg) nor an API answer (meta, data)")
        }
        return try AfterShipParser.parse(decoded)
    }

    public func sniff(_ body: Data) -> Double {
        let head = String(decoding: body.prefix(4096), as: UTF8.self)
        if head.contains("\"event_id\"") && head.contains("\"msg\"") { return 0.95 }
        if head.contains("\"checkpoint") && head.contains("\"slug\"") && head.contains("\"subtag\"") { return 0.9 }
        if head.contains("\"meta\"") && head.contains("\"data\"") { return 0.3 }
        return 0
    }

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
