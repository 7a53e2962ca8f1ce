import Foundation
import Hummingbird
import WaybillStore

/// An inbound webhook endpoint; the secret is shown when it is made (create, rotate) and never listed.
struct WebhookEndpointResponse: ResponseEncodable, Sendable {
    let id: String
    let carrier: String
    let url: String
    let secret: String?
    let createdAt: Date
    let secretRotatedAt: Date?

    enum CodingKeys: String, CodingKey {
        case id, carrier, url, secret
        case createdAt = "created_at"
        case secretRotatedAt = "secret_rotated_at"
    }

    init(_ endpoint: WebhookEndpoint, publicBaseURL: String, withSecret: Bool) {
        id = endpoint.id
        carrier = endpoint.carrier
        url = "\(publicBaseURL)/v1/webhooks/carriers/\(endpoint.carrier)/\(endpoint.id)"
        secret = withSecret ? endpoint.secret : nil
        createdAt = endpoint.createdAt
        secretRotatedAt = endpoint.secretRotatedAt
    }
}

/// `202` to a carrier's post: the stored payload, and whether an identical body was stored before.
struct ReceivedWebhookResponse: ResponseEncodable, Sendable {
    let rawPayloadID: String
    let duplicate: Bool

    enum CodingKeys: String, CodingKey {
        case duplicate
        case rawPayloadID = "raw_payload_id"
    }
}
