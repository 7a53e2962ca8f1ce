import Foundation
import WaybillCore

/// How Waybill talks to a carrier described by a mapping file: the file's auth scheme and
/// request template; its webhooks carry Waybill's own signature.
extension GenericAdapter: CarrierAPI {
    public var auth: CarrierAuthScheme { configuration.auth }

    public func trackingRequest(for trackingNumbers: [String], configuration carrier: CarrierConfiguration) -> CarrierRequest {
        let template = configuration.request
        let separator = template?.separator ?? ","
        // The template may put the numbers in the path: each is encoded as a strict path segment.
        let encoded = trackingNumbers.map(URLPathSegment.encode)
        func fill(_ text: String, encode: Bool) -> String {
            var filled = text
                .replacingOccurrences(of: "{tracking_numbers}", with: (encode ? encoded : trackingNumbers).joined(separator: separator))
                .replacingOccurrences(of: "{tracking_number}", with: (encode ? encoded : trackingNumbers).first ?? "")
            for (name, value) in carrier.credentials {
                filled = filled.replacingOccurrences(of: "{credential:\(name)}", with: value)
            }
            return filled
        }
        guard let template else {
            return CarrierRequest(method: "GET", url: carrier.baseURL + "/" + encoded.joined(separator: separator))
        }
        let path = fill(template.url, encode: true)
        return CarrierRequest(
            method: template.method, url: carrier.baseURL + (path.hasPrefix("/") || path.isEmpty ? "" : "/") + path,
            headers: template.headers.mapValues { fill($0, encode: false) },
            body: template.body.map { Data(fill($0, encode: false).utf8) })
    }
}
