import Foundation
import WaybillCore
import WaybillStore

/// `POST /v1/deliveries/replay`: which delivered or dead-lettered messages to queue again.
struct ReplayDeliveriesRequest: Decodable, Sendable {
    var ids: [String]?
    var ruleID: String?
    var since: Date?
    var state: OutboundState?
    var subscriptionID: String?
    var until: Date?

    enum CodingKeys: String, CodingKey {
        case ids, since, state, until
        case ruleID = "rule_id"
        case subscriptionID = "subscription_id"
    }

    init(from decoder: any Decoder) throws {
        let fields = try RequestFields(decoder, keys: CodingKeys.self)
        ids = try fields.optionalTextList(.ids, maxLength: 64, maxCount: 1000)
        ruleID = try fields.optionalText(.ruleID, maxLength: 64)
        since = try fields.optionalTimestamp(.since)?.date
        state = try fields.optionalChoice(.state, from: [OutboundState.delivered.rawValue, OutboundState.dead.rawValue])
            .flatMap(OutboundState.init(rawValue:))
        subscriptionID = try fields.optionalText(.subscriptionID, maxLength: 64)
        until = try fields.optionalTimestamp(.until)?.date
    }

    /// The selection, once it names something and its time range is in order.
    func selector(tenantID: String) throws -> ReplaySelector {
        let ids = ids ?? []
        let target = subscriptionID ?? ruleID
        guard !ids.isEmpty || target != nil || since != nil || until != nil else {
            throw APIError.badRequest("invalid_request", "name what to replay: ids, subscription_id, rule_id, since or until",
                                      details: .object(["path": .string("$")]))
        }
        if let since, let until, since >= until { throw InvalidField(path: "until", reason: "must be after since") }
        return ReplaySelector(tenantID: tenantID, ids: ids, targetID: target, since: since, until: until, state: state)
    }
}
