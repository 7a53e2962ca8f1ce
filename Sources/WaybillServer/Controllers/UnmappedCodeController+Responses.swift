import Foundation
import Hummingbird
import WaybillStore

/// A carrier code Waybill could not classify, with the texts it came with and how often.
struct UnmappedCodeResponse: ResponseEncodable, Sendable {
    let carrier: String
    let carrierCode: String?
    let count: Int
    let texts: [Text]
    let firstSeenAt: Date
    let lastSeenAt: Date

    struct Text: Encodable, Sendable {
        let text: String?
        let count: Int
    }

    enum CodingKeys: String, CodingKey {
        case carrier, count, texts
        case carrierCode = "carrier_code"
        case firstSeenAt = "first_seen_at"
        case lastSeenAt = "last_seen_at"
    }

    init(_ code: UnmappedCode) {
        carrier = code.carrier
        carrierCode = code.code
        count = code.count
        texts = code.texts.map { Text(text: $0.text, count: $0.count) }
        firstSeenAt = code.firstSeenAt
        lastSeenAt = code.lastSeenAt
    }
}
