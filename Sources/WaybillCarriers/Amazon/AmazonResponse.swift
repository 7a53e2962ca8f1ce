/// Amazon Shipping tracking (v1 `GET /shipping/v1/tracking/{id}`, v2 SP-API
/// `GET /shipping/v2/tracking`), bare or inside `payload`; errors are `errors[]`.
struct AmazonResponse: Decodable {
    var payload: Tracking?
    var errors: [Failure]?
    /// The bare form (karrio's v1 sample) has the tracking fields at the top level.
    var bare: Tracking?

    enum CodingKeys: String, CodingKey { case payload, errors, trackingId }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        payload = try container.decodeIfPresent(Tracking.self, forKey: .payload)
        errors = try container.decodeIfPresent([Failure].self, forKey: .errors)
        bare = container.contains(.trackingId) ? try Tracking(from: decoder) : nil
    }

    struct Tracking: Decodable {
        var trackingId: String
        var alternateLegTrackingId: String?
        var eventHistory: [Event]?
        var promisedDeliveryDate: String?
        var summary: Summary?
    }

    struct Event: Decodable {
        var eventCode: String
        var location: Address?
        var eventTime: String?
        var shipmentType: String?
    }

    struct Address: Decodable {
        var city: String?
        var stateOrRegion: String?
        var postalCode: String?
        var countryCode: String?
    }

    struct Summary: Decodable {
        var status: String?
        var trackingDetailCodes: DetailCodes?
    }

    struct DetailCodes: Decodable {
        var forward: [String]?
        var returns: [String]?
    }

    struct Failure: Decodable {
        var code: String?
        var message: String?
        var details: String?
    }
}
