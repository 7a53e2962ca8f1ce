import WaybillCore

/// AfterShip bodies: the webhook `{ts, event, event_id, msg: Tracking}`, the API envelope
/// `{meta, data: {tracking | trackings | checkpoint}}`. Field names changed across API
/// versions (`country_iso3` → `country_region`, `zip` → `postal_code`); both are read.
struct AfterShipBody: Decodable {
    var event: String?
    var msg: AfterShipTracking?
    var meta: Meta?
    var data: DataBlock?

    struct Meta: Decodable {
        var code: JSONValue?
        var message: String?
        var type: String?
    }

    struct DataBlock: Decodable {
        var tracking: AfterShipTracking?
        var trackings: [AfterShipTracking]?
        /// GET /last_checkpoint: the tracking's number, slug and tags beside one checkpoint.
        var trackingNumber: String?
        var slug: String?
        var tag: String?
        var subtag: String?
        var checkpoint: AfterShipTracking.Checkpoint?

        enum CodingKeys: String, CodingKey {
            case tracking, trackings, slug, checkpoint, tag, subtag
            case trackingNumber = "tracking_number"
        }
    }
}

struct AfterShipTracking: Decodable {
    var trackingNumber: String?
    var slug: String?
    var tag: String?
    var subtag: String?
    var subtagMessage: String?
    /// When AfterShip last changed the tracking: no checkpoint can be later.
    var updatedAt: String?
    var lastUpdatedAt: String?
    var shipmentType: String?
    var signedBy: String?
    var returnToSender: Bool?
    var orderID: String?
    var orderNumber: String?
    var shipmentDeliveryDate: String?
    /// A string in older versions, an object in newer ones: read leniently.
    var expectedDelivery: JSONValue?
    var destinationCountry: String?
    var destinationCountryRegion: String?
    var courierEstimatedDeliveryDate: JSONValue?
    var aftershipEstimatedDeliveryDate: JSONValue?
    var latestEstimatedDelivery: JSONValue?
    var nextCouriers: [NextCourier]?
    var checkpoints: [Checkpoint]?

    enum CodingKeys: String, CodingKey {
        case slug, tag, subtag, checkpoints
        case subtagMessage = "subtag_message", updatedAt = "updated_at", lastUpdatedAt = "last_updated_at"
        case trackingNumber = "tracking_number", shipmentType = "shipment_type", signedBy = "signed_by"
        case returnToSender = "return_to_sender", orderID = "order_id", orderNumber = "order_number"
        case shipmentDeliveryDate = "shipment_delivery_date", expectedDelivery = "expected_delivery"
        case destinationCountry = "destination_country_iso3", destinationCountryRegion = "destination_country_region"
        case courierEstimatedDeliveryDate = "courier_estimated_delivery_date"
        case aftershipEstimatedDeliveryDate = "aftership_estimated_delivery_date"
        case latestEstimatedDelivery = "latest_estimated_delivery", nextCouriers = "next_couriers"
    }

    struct Checkpoint: Decodable {
        var checkpointTime: String?
        /// When AfterShip recorded the checkpoint.
        var createdAt: String?
        var message: String?
        var location: String?
        var city: String?
        var state: String?
        var zip: String?
        var postalCode: String?
        var countryISO3: String?
        var countryRegion: String?
        var tag: String?
        var subtag: String?

        enum CodingKeys: String, CodingKey {
            case message, location, city, state, zip, tag, subtag
            case checkpointTime = "checkpoint_time", createdAt = "created_at", postalCode = "postal_code", countryISO3 = "country_iso3"
            case countryRegion = "country_region"
        }
    }

    struct NextCourier: Decodable {
        var slug: String?
        var trackingNumber: String?

        enum CodingKeys: String, CodingKey {
            case slug, trackingNumber = "tracking_number"
        }
    }
}
