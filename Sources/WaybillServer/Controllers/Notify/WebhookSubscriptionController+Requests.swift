import Foundation
import WaybillCore
import WaybillStore

/// `POST /v1/webhook-subscriptions`.
struct CreateWebhookSubscriptionRequest: Decodable, Sendable {
    var eventTypes: [NotificationEventType]
    var url: String

    enum CodingKeys: String, CodingKey {
        case url
        case eventTypes = "event_types"
    }

    init(from decoder: any Decoder) throws {
        let fields = try RequestFields(decoder, keys: CodingKeys.self)
        eventTypes = try fields.choices(.eventTypes, maxCount: 20)
        url = try fields.text(.url, maxLength: 2000)
    }

    /// The URL, trimmed, once it is an absolute http or https URL.
    func checkedURL() throws -> String {
        let url = url.trimmed
        guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(), ["http", "https"].contains(scheme),
              let host = parsed.host, !host.isEmpty else {
            throw InvalidField(path: "url", reason: "must be an absolute http or https URL; got \"\(url)\"")
        }
        return url
    }

    /// The event types, each once, in the order given; at least one.
    func uniqueEventTypes() throws -> [NotificationEventType] {
        guard !eventTypes.isEmpty else { throw InvalidField(path: "event_types", reason: "must list at least one event type") }
        var unique: [NotificationEventType] = []
        for type in eventTypes where !unique.contains(type) { unique.append(type) }
        return unique
    }
}

/// `POST /v1/webhook-subscriptions/{id}/rotate-secret` (the body is optional).
struct RotateSubscriptionSecretRequest: Decodable, Sendable {
    var overlapSeconds: Int?

    enum CodingKeys: String, CodingKey {
        case overlapSeconds = "overlap_seconds"
    }

    init(from decoder: any Decoder) throws {
        let fields = try RequestFields(decoder, keys: CodingKeys.self)
        overlapSeconds = try fields.optionalInteger(.overlapSeconds, in: 0...7 * 86_400)
    }
}
