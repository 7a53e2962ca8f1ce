/// The body of Australia Post's `GET /shipping/v1/track` (carriers.md §11): one result per
/// requested id, each with articles, or a consignment whose articles are nested one level
/// deeper, or per-id errors; or request-level errors alone.
struct AustraliaPostResponse: Decodable {
    var trackingResults: [AustraliaPostResult]?
    var errors: [AustraliaPostError]?
    /// The legacy format (`AustraliaPostLegacy.swift`).
    var queryTrackEvents: AustraliaPostLegacyResponse?

    enum CodingKeys: String, CodingKey {
        case trackingResults = "tracking_results", errors, queryTrackEvents = "QueryTrackEventsResponse"
    }
}

struct AustraliaPostResult: Decodable {
    var trackingID: String
    var status: String?
    var trackableItems: [AustraliaPostItem]?
    var errors: [AustraliaPostError]?

    enum CodingKeys: String, CodingKey {
        case trackingID = "tracking_id", status, trackableItems = "trackable_items", errors
    }
}

/// An article, or a consignment holding articles in `items`.
struct AustraliaPostItem: Decodable {
    var articleID: String?
    var consignmentID: String?
    var productType: String?
    var status: String?
    var events: [AustraliaPostEvent]?
    var items: [AustraliaPostItem]?

    enum CodingKeys: String, CodingKey {
        case articleID = "article_id", consignmentID = "consignment_id", productType = "product_type", status, events, items
    }
}

struct AustraliaPostEvent: Decodable {
    var date: String?
    var description: String?
    var location: String?
}

struct AustraliaPostError: Decodable {
    var code: AustraliaPostCode?
    var name: String?
    var message: String?
}

/// Error codes come as text ("ESB-10001") or as numbers (51101); kept as text.
struct AustraliaPostCode: Decodable {
    var value: String

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            value = text
        } else {
            value = String(try container.decode(Int64.self))
        }
    }
}
