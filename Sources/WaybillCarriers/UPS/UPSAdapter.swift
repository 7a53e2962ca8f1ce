import Foundation
import WaybillCore

/// UPS: the Track API v1 (`GET /api/track/v1/details/{inquiryNumber}`) and the Track Alert
/// webhook (one activity per POST).
public struct UPSAdapter: CarrierAdapter {
    public let id = "ups"
    public let displayName = "UPS"
    public var mapping: CarrierMapping { Self.table }
    public let auth = CarrierAuthScheme.oauth2ClientCredentials(tokenPath: "/security/v1/oauth/token")

    public init() {}

    public func parse(_ body: Data) throws(CarrierParseError) -> CarrierParseResult {
        let probe = try CarrierJSON.decode(UPSProbe.self, from: body, carrier: id)
        if probe.trackResponse || probe.response {
            return try UPSTrackParser.parse(CarrierJSON.decode(UPSTrackBody.self, from: body, carrier: id))
        }
        if probe.activityStatus {
            return try UPSTrackAlertParser.parse(CarrierJSON.decode(UPSTrackAlertBody.self, from: body, carrier: id))
        }
        throw CarrierParseError(carrier: id, location: "", reason: "neither a Track API response (trackResponse, response.errors) nor a Track Alert body (activityStatus)")
    }

    public func sniff(_ body: Data) -> Double {
        let head = String(decoding: body.prefix(2048), as: UTF8.self)
        if head.contains("\"trackResponse\"") { return 0.95 }
        if head.contains("\"activityStatus\"") && head.contains("ActivityDate\"") { return 0.9 }
        if head.contains("\"response\"") && head.contains("\"errors\"") { return 0.3 }
        return 0
    }

    public func trackingRequest(for trackingNumbers: [String], configuration: CarrierConfiguration) -> CarrierRequest {
        // The Track API takes one inquiry number per call; the poller sends one request per number.
        let number = trackingNumbers.first ?? ""
        let path = number.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? number
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

    /// The mapping entry of a UPS status: the type-qualified scan code, else the 3-digit status
    /// code, else the bare activity type.
    static func entry(type: String?, scanCode: String?, statusCode: String?) -> CarrierMapping.Entry? {
        let type = UPSText.clean(type)?.uppercased()
        if let type, let scanCode = UPSText.clean(scanCode), let entry = table.entry(for: "\(type)/\(scanCode)") { return entry }
        if let statusCode = UPSText.clean(statusCode), statusCode != "000", let entry = table.entry(for: statusCode) { return entry }
        return type.flatMap(table.entry(for:))
    }

    /// The code an event records: the 3-digit status code when it says something, else the scan
    /// code, else the activity type.
    static func carrierCode(type: String?, scanCode: String?, statusCode: String?) -> String? {
        if let statusCode = UPSText.clean(statusCode), statusCode != "000" { return statusCode }
        return UPSText.clean(scanCode) ?? UPSText.clean(type)
    }
}

/// Which of UPS's bodies this is, without decoding it.
private struct UPSProbe: Decodable {
    var trackResponse: Bool
    var response: Bool
    var activityStatus: Bool

    private enum CodingKeys: String, CodingKey { case trackResponse, response, activityStatus }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        trackResponse = container.contains(.trackResponse)
        response = container.contains(.response)
        activityStatus = container.contains(.activityStatus)
    }
}
