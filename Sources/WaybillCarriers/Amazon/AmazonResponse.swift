/// Amazon tracking JSON, bare or inside `payload`; errors are `errors[]`:
/// - Amazon Shipping v1 `GET /shipping/v1/tracking/{id}` and v2 SP-API `GET /shipping/v2/tracking`
///   (`trackingId`, `eventHistory`);
/// - Multi-Channel Fulfillment (FBA Outbound 2020-07-01) `getPackageTrackingDetails`
///   (`trackingNumber`, `trackingEvents` with `EVENT_xxx` codes).
struct AmazonResponse: Decodable {
    var payload: Content?
    var errors: [Failure]?
    /// The bare form (karrio's v1 sample, the SP-API model's FBA example) has the fields at the top level.
    var bare: Content?

    enum CodingKeys: String, CodingKey { case payload, errors }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        payload = try container.decodeIfPresent(Content.self, forKey: .payload)
        errors = try container.decodeIfPresent([Failure].self, forKey: .errors)
        let bare = try Content(from: decoder)
        self.bare = bare.tracking == nil && bare.package == nil ? nil : bare
    }

    /// One of the two tracking forms, told apart by their fields.
    struct Content: Decodable {
        var tracking: Tracking?
        var package: FulfillmentPackage?

        enum CodingKeys: String, CodingKey { case trackingId, trackingEvents }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            tracking = container.contains(.trackingId) ? try Tracking(from: decoder) : nil
            package = container.contains(.trackingEvents) ? try FulfillmentPackage(from: decoder) : nil
        }
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

    /// FBA Outbound `PackageTrackingDetails`: `eventDate` is an ISO 8601 instant.
    struct FulfillmentPackage: Decodable {
        var trackingNumber: String?
        var carrierCode: String?
        var currentStatus: String?
        var additionalLocationInfo: String?
        var signedForBy: String?
        var estimatedArrivalDate: String?
        var trackingEvents: [FulfillmentEvent]?
    }

    struct FulfillmentEvent: Decodable {
        var eventDate: String?
        var eventAddress: FulfillmentAddress?
        var eventCode: String?
        var eventDescription: String?
    }

    struct FulfillmentAddress: Decodable {
        var city: String?
        var state: String?
        var country: String?
    }
}
