import Foundation
import WaybillCore

/// How Waybill talks to La Poste / Colissimo.
extension LaPosteAdapter: CarrierAPI {
    public var auth: CarrierAuthScheme { .apiKeyHeader(name: "X-Okapi-Key") }

    public var aggregatorNames: [String: [String]] { ["aftership": ["la-poste-colissimo", "colissimo"], "easypost": ["LaPoste"]] }

    /// Several numbers go comma-separated in one call; `lang` (credential, default `fr_FR`)
    /// picks the language of the labels.
    public func trackingRequest(for trackingNumbers: [String], configuration: CarrierConfiguration) -> CarrierRequest {
        let ids = trackingNumbers.map(URLPathSegment.encode).joined(separator: ",")
        let lang = CarrierFields.urlComponent(configuration.credentials["lang"] ?? "fr_FR")
        return CarrierRequest(
            method: "GET", url: configuration.baseURL + "/suivi/v2/idships/\(ids)?lang=\(lang)",
            headers: ["Accept": "application/json", "X-Okapi-Key": configuration.credentials["apiKey"] ?? ""])
    }
}
