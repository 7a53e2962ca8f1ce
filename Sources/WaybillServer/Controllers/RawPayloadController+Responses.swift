import Foundation
import Hummingbird
import WaybillCore
import WaybillStore

/// A stored payload in a listing: what was received and how parsing went, without the body.
struct RawPayloadSummaryResponse: ResponseEncodable, Sendable {
    let id: String
    let source: EventSource
    let carrier: String?
    let contentType: String
    let size: Int
    let sha256: String
    let receivedAt: Date
    let status: String
    let error: String?

    enum CodingKeys: String, CodingKey {
        case id, source, carrier, size, sha256, status, error
        case contentType = "content_type"
        case receivedAt = "received_at"
    }

    init(_ payload: RawPayload) {
        id = payload.id
        source = payload.source
        carrier = payload.carrier
        contentType = payload.contentType
        size = payload.body.count
        sha256 = payload.sha256
        receivedAt = payload.receivedAt
        status = payload.status.rawValue
        error = payload.error
    }
}

/// A failed payload queued to be parsed again.
struct RawPayloadRetryResponse: ResponseEncodable, Sendable {
    let id: String
    let status: String
}
