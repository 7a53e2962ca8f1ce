import Foundation
import Hummingbird
import WaybillStore

/// An item of the in-app feed, as listed and as streamed.
struct FeedItemResponse: ResponseEncodable, Sendable {
    let id: String
    let messageID: String
    let shipmentID: String?
    let ruleID: String?
    let eventType: String
    let title: String
    let text: String
    let createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, title, text
        case messageID = "message_id"
        case shipmentID = "shipment_id"
        case ruleID = "rule_id"
        case eventType = "event_type"
        case createdAt = "created_at"
    }

    init(_ item: FeedItem) {
        id = item.id
        messageID = item.messageID
        shipmentID = item.shipmentID
        ruleID = item.ruleID
        eventType = item.eventType
        title = item.title
        text = item.text
        createdAt = item.createdAt
    }
}
