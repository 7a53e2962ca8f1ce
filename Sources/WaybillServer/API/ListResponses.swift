import Hummingbird

/// `{"data": [...]}`: every item of a collection.
struct ListResponse<Item: Encodable & Sendable>: ResponseEncodable, Sendable {
    let data: [Item]
}

/// `{"data": [...], "next_cursor": ...}`: one page of a collection; the cursor is null on the last page.
struct PageResponse<Item: Encodable & Sendable>: ResponseEncodable, Sendable {
    let data: [Item]
    let nextCursor: String?

    enum CodingKeys: String, CodingKey {
        case data
        case nextCursor = "next_cursor"
    }
}
