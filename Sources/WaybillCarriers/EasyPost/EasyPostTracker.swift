import WaybillCore

/// EasyPost's bodies: a Tracker, an Event envelope (`tracker.created` / `tracker.updated`)
/// whose `result` is a Tracker, a tracker list, or an error `{error: {code, message}}`. They
/// are told apart by their shape: abbreviated Trackers come without `"object"`.
struct EasyPostBody: Decodable {
    var object: String?
    var description: String?
    var result: EasyPostTracker?
    var trackers: [EasyPostTracker]?
    var error: EasyPostError?
    var createdAt: String?
    var updatedAt: String?
    /// The body itself when it is a Tracker: it has a `tracking_code`.
    var tracker: EasyPostTracker?

    enum CodingKeys: String, CodingKey {
        case object, description, result, trackers, error
        case createdAt = "created_at", updatedAt = "updated_at", trackingCode = "tracking_code"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        object = try container.decodeIfPresent(String.self, forKey: .object)
        description = try container.decodeIfPresent(String.self, forKey: .description)
        result = try container.decodeIfPresent(EasyPostTracker.self, forKey: .result)
        trackers = try container.decodeIfPresent([EasyPostTracker].self, forKey: .trackers)
        error = try container.decodeIfPresent(EasyPostError.self, forKey: .error)
        createdAt = try container.decodeIfPresent(String.self, forKey: .createdAt)
        updatedAt = try container.decodeIfPresent(String.self, forKey: .updatedAt)
        tracker = container.contains(.trackingCode) ? try EasyPostTracker(from: decoder) : nil
    }
}

struct EasyPostError: Decodable {
    var code: String?
    var message: String?
}

struct EasyPostTracker: Decodable {
    var id: String?
    var object: String?
    var trackingCode: String?
    var status: String?
    var statusDetail: String?
    var signedBy: String?
    var estDeliveryDate: String?
    var carrier: String?
    var createdAt: String?
    var updatedAt: String?
    var trackingDetails: [Detail]?
    var carrierDetail: CarrierDetail?

    enum CodingKeys: String, CodingKey {
        case id, object, status, carrier
        case trackingCode = "tracking_code", statusDetail = "status_detail", signedBy = "signed_by"
        case estDeliveryDate = "est_delivery_date", trackingDetails = "tracking_details", carrierDetail = "carrier_detail"
        case createdAt = "created_at", updatedAt = "updated_at"
    }

    struct Detail: Decodable {
        var message: String?
        var description: String?
        var status: String?
        var statusDetail: String?
        var datetime: String?
        var carrierCode: String?
        var trackingLocation: TrackingLocation?

        enum CodingKeys: String, CodingKey {
            case message, description, status, datetime
            case statusDetail = "status_detail", carrierCode = "carrier_code", trackingLocation = "tracking_location"
        }
    }

    struct TrackingLocation: Decodable {
        var city: String?
        var state: String?
        var country: String?
        var zip: String?
    }

    struct CarrierDetail: Decodable {
        var service: String?
        var estDeliveryDateLocal: String?
        var estDeliveryTimeLocal: String?
        var destinationTrackingLocation: TrackingLocation?
        var alternateIdentifier: String?

        enum CodingKeys: String, CodingKey {
            case service
            case estDeliveryDateLocal = "est_delivery_date_local", estDeliveryTimeLocal = "est_delivery_time_local"
            case destinationTrackingLocation = "destination_tracking_location", alternateIdentifier = "alternate_identifier"
        }
    }
}
