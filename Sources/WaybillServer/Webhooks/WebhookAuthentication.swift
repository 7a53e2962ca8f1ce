import Foundation
import Hummingbird
import WaybillCarriers

/// Checks an inbound carrier webhook against the endpoint's secret, the way its carrier signs
/// (`CarrierAPI.webhookVerification`).
enum WebhookAuthentication {
    static func isAuthentic(carrier: String, body: Data, headers: HTTPFields, secret: String) -> Bool {
        // The names are the carriers' own header constants, all valid field names.
        CarrierRegistry.webhookVerification(for: carrier).isAuthentic(body: body, secret: secret) { headers[.init($0)!] }
    }
}
