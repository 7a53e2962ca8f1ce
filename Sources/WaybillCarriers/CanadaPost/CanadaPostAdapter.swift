import Foundation
import WaybillCore

/// Canada Post Get Tracking Details (`GET /vis/track/pin/{pin}/detail`, XML, carriers.md §10).
///
/// Scan times come with a zone abbreviation (`EST`, `EDT`, `PDT`, `HNE`...), turned into the
/// offset it names; without a known abbreviation the scan's province (or country) decides the
/// zone. Event identifiers are kept as sent ("0174") and looked up without their padding.
public struct CanadaPostAdapter: CarrierAdapter {
    public let id = "canada_post"
    public let displayName = "Canada Post"
    public var mapping: CarrierMapping { Self.table }
    public let auth = CarrierAuthScheme.basic

    public init() {}

    public func parse(_ body: Data) throws(CarrierParseError) -> CarrierParseResult {
        try CanadaPostParser(adapter: self).parse(body)
    }

    public func sniff(_ body: Data) -> Double {
        let head = body.prefix(4096)
        func has(_ text: String) -> Bool { head.range(of: Data(text.utf8)) != nil }
        if has("<tracking-detail"), has("significant-events") || has("<pin>") { return 0.95 }
        if has("canadapost.ca/ws/track") { return 0.9 }
        if has("<messages"), has("canadapost.ca/ws/") { return 0.8 }
        return 0
    }

    /// One PIN per call: the request asks for the first. Credentials: `username`, `password`
    /// (the API key pair); optional `language` (`en-CA` or `fr-CA`).
    public func trackingRequest(for trackingNumbers: [String], configuration: CarrierConfiguration) -> CarrierRequest {
        let pin = (trackingNumbers.first ?? "").addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        var headers = ["Accept": "application/vnd.cpc.track-v2+xml",
                       "Accept-language": configuration.credentials["language"] ?? "en-CA"]
        if let user = configuration.credentials["username"], let password = configuration.credentials["password"] {
            headers["Authorization"] = "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
        }
        return CarrierRequest(method: "GET", url: configuration.baseURL + "/vis/track/pin/\(pin)/detail", headers: headers)
    }
}
