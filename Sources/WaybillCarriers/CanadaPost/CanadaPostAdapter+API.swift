import Foundation
import WaybillCore

/// How Waybill talks to Canada Post.
extension CanadaPostAdapter: CarrierAPI {
    public var auth: CarrierAuthScheme { .basic }

    public var aggregatorNames: [String: [String]] { ["aftership": ["canada-post"], "easypost": ["CanadaPost"]] }

    /// One PIN per call: the request asks for the first. Credentials: `username`, `password`
    /// (the API key pair); optional `language` (`en-CA` or `fr-CA`).
    public func trackingRequest(for trackingNumbers: [String], configuration: CarrierConfiguration) -> CarrierRequest {
        let pin = URLPathSegment.encode(trackingNumbers.first ?? "")
        var headers = ["Accept": "application/vnd.cpc.track-v2+xml",
                       "Accept-language": configuration.credentials["language"] ?? "en-CA"]
        if let user = configuration.credentials["username"], let password = configuration.credentials["password"] {
            headers["Authorization"] = "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
        }
        return CarrierRequest(method: "GET", url: configuration.baseURL + "/vis/track/pin/\(pin)/detail", headers: headers)
    }
}
