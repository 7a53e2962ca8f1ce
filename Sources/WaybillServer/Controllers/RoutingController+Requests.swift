import WaybillCarriers
import WaybillCore
import WaybillStore

/// `POST /v1/shipments/{id}/legs`: another carrier's number for the same parcel.
struct LinkLegRequest: Decodable, Sendable {
    var carrier: String
    var trackingNumber: String

    enum CodingKeys: String, CodingKey {
        case carrier
        case trackingNumber = "tracking_number"
    }

    init(from decoder: any Decoder) throws {
        let fields = try RequestFields(decoder, keys: CodingKeys.self)
        carrier = try fields.text(.carrier, maxLength: 40)
        trackingNumber = try fields.text(.trackingNumber, maxLength: 100)
    }

    /// The leg asked for, once its number and carrier are checked.
    func newLeg(of shipment: Shipment, by principal: Principal) throws -> NewShipmentLeg {
        let number = try TrackingNumber.checked(trackingNumber, path: "tracking_number")
        let carrier = carrier.lowercased()
        guard CarrierRegistry.adapter(id: carrier) != nil || UPUPosts.countries.contains(where: { UPUPosts.post(forCountry: $0)?.carrier == carrier })
        else {
            throw InvalidField(path: "carrier", reason: "must be a carrier Waybill knows, such as usps or la_poste; got \"\(carrier)\"")
        }
        return NewShipmentLeg(tenantID: principal.tenantID, shipmentID: shipment.id, trackingNumber: number, carrier: carrier,
                              role: .added, linkedBy: "api", actor: principal.actor)
    }
}

/// `PUT /v1/routing-rules/{carrier}`: omitted fields take their defaults.
struct RoutingRuleRequest: Decodable, Sendable {
    var fallbackAfterFailures: Int?
    var fallbackAggregator: String?
    var poll: RoutingRule.PollMode?
    var trustedFeed: RoutingRule.TrustedFeed?
    var webhookSilenceAfterSeconds: Int?

    enum CodingKeys: String, CodingKey {
        case poll
        case fallbackAfterFailures = "fallback_after_failures"
        case fallbackAggregator = "fallback_aggregator"
        case trustedFeed = "trusted_feed"
        case webhookSilenceAfterSeconds = "webhook_silence_after_seconds"
    }

    init(from decoder: any Decoder) throws {
        let fields = try RequestFields(decoder, keys: CodingKeys.self)
        fallbackAfterFailures = try fields.optionalInteger(.fallbackAfterFailures, in: 1...100)
        fallbackAggregator = try fields.optionalChoice(.fallbackAggregator, from: CarrierFeeds.aggregators.sorted())
        poll = try fields.optionalChoice(.poll)
        trustedFeed = try fields.optionalChoice(.trustedFeed)
        webhookSilenceAfterSeconds = try fields.optionalInteger(.webhookSilenceAfterSeconds, in: 60...30 * 86_400)
    }

    func rule(for carrier: String) -> RoutingRule {
        var rule = RoutingRule(carrier: carrier)
        if let trustedFeed { rule.trustedFeed = trustedFeed }
        if let poll { rule.poll = poll }
        if let webhookSilenceAfterSeconds { rule.webhookSilenceAfter = .seconds(webhookSilenceAfterSeconds) }
        rule.fallbackAggregator = fallbackAggregator
        if let fallbackAfterFailures { rule.fallbackAfterFailures = fallbackAfterFailures }
        return rule
    }
}
